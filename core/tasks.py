"""Background work on Celery (the app is antq/celery.py): how a task is declared and queued.

`job_task` turns a function into a Celery task that
- records its state in a `Job` (core.jobs) for the user who started it, when it is given one:
  running, then done with the function's message, or failed with a message written for them;
- is idempotent: a message delivered again (acks late, a worker lost) finds its job finished or
  running and does nothing; the functions themselves are written so that running one twice
  changes nothing the second time;
- is retried with exponential backoff (and jitter) when a service it needs is away for a moment
  (the database, the broker, object storage), up to `max_retries` times, then fails;
- refuses for good, without retrying, when the function raises ServiceError: its messages are
  what the owner reads.

`enqueue` sends a task once the current transaction commits (the worker must see the rows it
is about). With no broker configured (`make run`, the tests) Celery runs tasks eagerly: then
`enqueue` runs the task at once, in this process, so the demo needs nothing but itself.
"""

import logging
from functools import wraps

from celery import current_app, shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core import jobs
from core.errors import ServiceError

logger = logging.getLogger(__name__)

# Failures that pass: the task is tried again later.
RETRYABLE = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
RETRY_BACKOFF_SECONDS = 5
RETRY_BACKOFF_MAX_SECONDS = 600


def retry_countdown(retries):
    """Seconds before retry number `retries` + 1: 5, 10, 20… capped at 10 minutes, jittered."""
    return get_exponential_backoff_interval(
        factor=RETRY_BACKOFF_SECONDS,
        retries=retries,
        maximum=RETRY_BACKOFF_MAX_SECONDS,
        full_jitter=True,
    )


def _failure_message():
    return _(
        "The work could not be finished because of an error on the server. Nothing was "
        "changed; try again later, and tell the administrator if it happens again."
    )


def job_task(name, *, max_retries=5, retry_on=()):
    """Declare `function(job, **kwargs)` as the Celery task `name`; see the module's docstring.

    The function receives the claimed `Job` (None when the task was sent without one) and
    returns the message its owner reads when it is done (or None)."""
    retryable = RETRYABLE + tuple(retry_on)

    def decorator(function):
        @shared_task(
            name=name,
            bind=True,
            acks_late=True,
            reject_on_worker_lost=True,
            ignore_result=True,
            max_retries=max_retries,
        )
        @wraps(function)
        def task(self, job_id=None, language=None, **kwargs):
            with translation.override(language):
                return _run(self, function, job_id, kwargs, retryable)

        return task

    return decorator


def _run(task, function, job_id, kwargs, retryable):
    job = None
    if job_id is not None:
        job = jobs.job_claim(job_id)
        if job is None:
            logger.info("Task %s: job %s is finished or taken; nothing to do", task.name, job_id)
            return None
    try:
        message = function(job, **kwargs)
    except ServiceError as error:
        logger.info("Task %s refused: %s", task.name, error)
        if job is not None:
            jobs.job_fail(job, message=" ".join(error.messages))
        return None
    except retryable as error:
        retries = task.request.retries
        if retries >= task.max_retries:
            logger.exception("Task %s failed after %s retries", task.name, retries)
            if job is not None:
                jobs.job_fail(job, message=_failure_message())
            return None
        countdown = retry_countdown(retries)
        logger.warning("Task %s: %r; retry in %s s", task.name, error, countdown)
        if job is not None:
            jobs.job_requeue(job, message=_("A service was briefly unavailable; trying again."))
        raise task.retry(exc=error, countdown=countdown) from error
    except Exception:
        logger.exception("Task %s failed", task.name)
        if job is not None:
            jobs.job_fail(job, message=_failure_message())
        return None
    if job is not None:
        jobs.job_done(job, message=message or "")
    return message


def tasks_run_eagerly():
    """True when there is no broker: tasks run in the process that sends them."""
    return bool(current_app.conf.task_always_eager)


def enqueue(task, *, job=None, **kwargs):
    """Queue `task` with `kwargs` (JSON values) once the current transaction commits, in the
    language of the request; with no broker, run it now, here."""
    kwargs = {
        "job_id": str(job.pk) if job is not None else None,
        "language": translation.get_language(),
        **kwargs,
    }
    if tasks_run_eagerly():
        # A savepoint: a failure the task leaves behind rolls back its own writes only.
        with transaction.atomic():
            task.apply(kwargs=kwargs)
        return
    transaction.on_commit(lambda: task.apply_async(kwargs=kwargs))


@job_task("core.jobs_purge")
def jobs_purge_task(job):
    """Periodic (CELERY_BEAT_SCHEDULE): forget the jobs finished a week ago, with their files."""
    return f"{jobs.jobs_purge()} finished jobs deleted."
