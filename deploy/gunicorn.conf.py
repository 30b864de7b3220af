"""gunicorn for ANTQ Festival: `gunicorn -c deploy/gunicorn.conf.py antq.wsgi` (README, "Deployment").

Every value can be changed from the environment (/etc/antq/antq.env, read by the systemd unit).
"""

import os
import shutil
from pathlib import Path

# Only the proxy (nginx) and the monitoring network reach this address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one per core plus one for each core's waits on the database (README,
# "Capacity"); threads let a worker overlap a few slow clients without a second process.
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
# The longest page (a large export answered at once) must finish within this; longer work is a
# background task. nginx waits 120 s (deploy/nginx.conf).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 90))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (a leak stays small), not all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# The app is imported once, before the workers fork (less memory; a broken release fails at start).
preload_app = True
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
# The request id (X-Request-ID, set by nginx or the app) ties an access line to the app's log.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'


def on_starting(server):
    """Start with an empty folder for the workers' metrics (core.metrics)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    """Drop the gauges of a worker that has gone (its counters stay in the sums)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
