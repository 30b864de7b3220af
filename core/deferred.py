"""Work done once per transaction, after it commits: caches and summaries that follow writes.

Many writes of one transaction (a festival, its report, thirty awards) ask for the same
follow-up; `on_commit_once` runs it once, after the commit, with everything they passed. A
rolled-back transaction runs nothing.
"""

from django.db import transaction


class _Batch:
    """The follow-up of one transaction: `callback` and the items gathered for it."""

    def __init__(self, callback):
        self.callback = callback
        self.items = set()
        self.ran = False

    def __call__(self):
        self.ran = True
        self.callback(self.items)


def on_commit_once(callback, items=(), *, using=None):
    """Run `callback(items)` once when the current transaction commits, `items` being the union of
    what every call of this transaction passed; at once outside a transaction.

    The transaction's pending callbacks are Django's own list (`run_on_commit`), so that a batch
    registered inside a savepoint that is rolled back goes with it, as any on_commit callback."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        callback(set(items))
        return
    for _savepoints, pending, _robust in connection.run_on_commit:
        if isinstance(pending, _Batch) and pending.callback is callback and not pending.ran:
            pending.items.update(items)
            return
    batch = _Batch(callback)
    batch.items.update(items)
    transaction.on_commit(batch, using=using)
