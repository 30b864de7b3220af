from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from antq.urls import *  # noqa: F403
from antq.urls import urlpatterns as project_urlpatterns


@require_safe
def hello(request):
    """The bare view: what the server does for a request that does nothing."""
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello, name="bench-hello"), *project_urlpatterns]
