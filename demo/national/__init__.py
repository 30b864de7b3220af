"""The national data set (issue 11): about 97,000 festivals 2016–2026 at every commune of the old
and the new tree, with 3 million delegates, 2 million awards, a million photo records, 105,000
decisions, 30,000 movement models and 580,000 tributes at scale 1.0, for measuring the app at
national size (`make bench`). `manage.py generate_national --scale 1.0`.

    names       Vietnamese names and the words of a festival
    units       which commune holds a festival in which year (the old tree before 2025)
    festivals   a festival, its plan, history and report
    delegates   decisions   awards   photos   tributes   models     its parts, one module each
    search      the search columns, filled as the models' save() fills them
    load        COPY, with indexes and foreign keys off while loading
    run         the whole run, idempotent
"""

from demo.national.run import Refused, generate_national

__all__ = ["Refused", "generate_national"]
