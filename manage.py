#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings")
    if "DEBUG" not in os.environ and "SECRET_KEY" not in os.environ:
        # A developer's checkout with no configuration at all: run management commands in
        # development mode. Deployments set SECRET_KEY, so their commands keep DEBUG off, and the
        # WSGI/ASGI entry points never fall back to this.
        os.environ["DEBUG"] = "true"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
