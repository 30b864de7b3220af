from django.db import connections


class QueryCountMiddleware:
    """Adds `X-Bench-Queries`: the number of database queries the response took (all
    databases), so that the benchmark prints it beside the timings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        wrappers = []
        for connection in connections.all(initialized_only=False):
            wrappers.append(connection.execute_wrapper(counter))
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response["X-Bench-Queries"] = str(count)
        return response
