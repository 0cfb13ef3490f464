"""leanon's benchmarks, run by ``make bench`` (``python -m bench``), never by ``make test``.

Every goal is a ratio against a peer measured in the same run on the same machine (stock
TinyDB, jrnl, a bare Textual app), so the verdicts do not depend on how fast the machine
is. The one exception, the save-to-panel latency of the dashboard, is a budget in
milliseconds because it is about what a person notices, and it is printed as such.

Generated data is cached under ``bench/.data/`` (gitignored).
"""
