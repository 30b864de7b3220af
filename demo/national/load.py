"""Writing the generated rows: PostgreSQL COPY in text format, with the tables' secondary indexes
and foreign keys dropped while loading and put back afterwards.

Why it is fast: a row costs one line of text (no INSERT, no ORM object), indexes are built once
from sorted data instead of being updated eight million times, foreign keys are checked once per
table by one join when they are added back (so a mistake of the generator is still caught), and
`COPY … FREEZE` writes rows already frozen when the tables were emptied in the same transaction,
so that the first reads do not rewrite every page.
"""

import queue
import threading
import time

from django.db import connections


class CopyTable:
    """The rows waiting to be copied into one table; `flush()` sends them in one COPY."""

    def __init__(self, model, columns):
        self.table = model._meta.db_table
        self.columns = columns
        self.lines = []
        self.count = 0

    def add(self, *values):
        self.lines.append(values)

    def copy(self, cursor, rows, *, freeze):
        options = " WITH (FREEZE)" if freeze else ""
        columns = ", ".join(f'"{c}"' for c in self.columns)
        with cursor.copy(f'COPY "{self.table}" ({columns}) FROM STDIN{options}') as copy:
            # psycopg formats and escapes the rows in C (psycopg[binary]).
            write_row = copy.write_row
            for row in rows:
                write_row(row)


class _Writer:
    """A thread that copies batches of rows, one batch behind the thread that makes them."""

    def __init__(self, cursor, *, freeze):
        self.cursor, self.freeze = cursor, freeze
        self.queue = queue.Queue(maxsize=2)
        self.error = None
        self.thread = threading.Thread(target=self._run, name="national-copy", daemon=True)
        self.thread.start()

    def _run(self):
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue
            try:
                for copy_table, rows in batch:
                    copy_table.copy(self.cursor, rows, freeze=self.freeze)
            except BaseException as error:  # handed to the main thread
                self.error = error

    def put(self, batch):
        if self.error is not None:
            self.close()
        self.queue.put(batch)

    def close(self):
        self.queue.put(None)
        self.thread.join()
        self.cursor.close()
        if self.error is not None:
            error, self.error = self.error, None
            raise error


class Loader:
    """Empties the tables, takes their secondary indexes and foreign keys off, copies the rows
    and puts them back, all in the caller's transaction on `alias`."""

    def __init__(self, alias, tables, *, copied, freeze, log):
        self.connection = connections[alias]
        self.tables = tables  # db_table names
        self.copied = copied  # the tables written, with an integer id
        self.freeze = freeze
        self.log = log
        self.writer = None
        self.indexes = []  # (name, create statement)
        self.constraints = []  # (table, name, definition)

    def raw_cursor(self):
        self.connection.ensure_connection()
        return self.connection.connection.cursor()

    def begin(self):
        with self.raw_cursor() as cursor:
            # Deferred foreign-key checks of what the ORM wrote so far are done now: a table with
            # pending checks cannot be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(
                "TRUNCATE {} RESTART IDENTITY CASCADE".format(
                    ", ".join(f'"{t}"' for t in self.tables)
                )
            )
            cursor.execute(
                """
                SELECT t.relname, con.conname, pg_get_constraintdef(con.oid)
                FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid
                WHERE t.relname = ANY(%s) AND con.contype IN ('f', 'u')
                ORDER BY con.contype DESC, t.relname, con.conname
                """,
                [self.tables],
            )
            self.constraints = cursor.fetchall()
            for table, name, _definition in self.constraints:
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            cursor.execute(
                """
                SELECT ci.relname, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_class ci ON ci.oid = i.indexrelid
                WHERE t.relname = ANY(%s) AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                                  AND c.conrelid = i.indrelid)
                ORDER BY t.relname, ci.relname
                """,
                [self.tables],
            )
            self.indexes = cursor.fetchall()
            for name, _statement in self.indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        self.log(
            f"  emptied {len(self.tables)} tables; {len(self.indexes)} indexes and "
            f"{len(self.constraints)} constraints off while loading"
        )

    def flush(self, *copy_tables):
        """Hand the waiting rows to the writer thread, which copies them while the next rows are
        made (psycopg lets go of the interpreter while it waits for the server)."""
        if self.writer is None:
            self.writer = _Writer(self.raw_cursor(), freeze=self.freeze)
        batch = []
        for copy_table in copy_tables:
            if copy_table.lines:
                batch.append((copy_table, copy_table.lines))
                copy_table.count += len(copy_table.lines)
                copy_table.lines = []
        self.writer.put(batch)

    def wait(self):
        """Let the writer finish; the connection is the caller's again."""
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def finish(self):
        self.wait()
        started = time.monotonic()
        with self.raw_cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_maintenance_workers = 2")
            for _name, statement in self.indexes:
                cursor.execute(statement)
            indexed = time.monotonic()
            # Unique constraints first (they build their index), foreign keys after (each checks
            # the whole table once).
            for table, name, definition in sorted(
                self.constraints, key=lambda c: "FOREIGN KEY" in c[2]
            ):
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            for table in self.copied:
                cursor.execute(
                    f"""SELECT setval(pg_get_serial_sequence('"{table}"', 'id'),
                    GREATEST((SELECT max(id) FROM "{table}"), 1))"""
                )
            checked = time.monotonic()
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        self.log(
            f"  indexes rebuilt in {indexed - started:.0f} s, "
            f"constraints checked in {checked - indexed:.0f} s"
        )


def analyze(alias, tables):
    """Statistics and the visibility map for the loaded tables (outside any transaction)."""
    connection = connections[alias]
    connection.ensure_connection()
    raw = connection.connection
    autocommit = raw.autocommit
    raw.autocommit = True
    try:
        with raw.cursor() as cursor:
            for table in tables:
                cursor.execute(f'VACUUM (ANALYZE) "{table}"')
    finally:
        raw.autocommit = autocommit
