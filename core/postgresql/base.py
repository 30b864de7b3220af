"""Django's PostgreSQL backend with a pool that hands out only live connections, at once.

Django can give psycopg_pool its `check_connection` (CONN_HEALTH_CHECKS), but the pool then
waits between two connections that fail the check — 1 s, then 2 s — so after a database restart,
with several dead connections in the pool, the first request runs out of its pool timeout and
fails. Here the pool has no check of its own: a connection is checked as it leaves the pool,
and if it is dead every idle connection is checked at once (`ConnectionPool.check()` throws the
dead ones away and opens new ones), and the request takes a fresh connection.
"""

from django.db.backends.postgresql import base
from psycopg_pool import ConnectionPool


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if not self.pool:
            return connection
        try:
            ConnectionPool.check_connection(connection)
        except Exception:
            # Dead (the database restarted, or ended the connection): back to the pool, which
            # discards it; then rid the pool of the other dead ones before taking another.
            self.pool.putconn(connection)
            self.pool.check()
            connection = super().get_new_connection(conn_params)
            ConnectionPool.check_connection(connection)
        return connection
