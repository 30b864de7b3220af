"""Django's PostgreSQL backend, whose pooled connections are checked without a pause (base.py)."""
