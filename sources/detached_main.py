"""Imported by the reading fork server (sources/guarded.py): its children run
``sources.guarded._child`` and need nothing from the parent's ``__main__``.

multiprocessing re-runs the parent's main script (or main module) in every child it starts with
the fork server, as ``__mp_main__``, so that pickled references to ``__main__`` resolve there. A
reading child receives none, and re-running main costs every document the imports of the parent's
entry point (``cstats``, a Dagster or Celery command line); in a script without an
``if __name__ == "__main__":`` guard it even runs the script's own work again inside the child,
which dies, and the document is quarantined as corrupt. CPython's remedy, ``"__main__"`` in the
fork server's preload list, does nothing in CPython 3.11 (checked: the fork server keeps the key
``main_path`` of the preparation data, which names it ``init_main_from_path``).

So in the reading fork server, and in every child forked from it, fixing up main is a no-op. The
parent process is untouched.
"""

from multiprocessing import spawn


def _keep_main(_name: str) -> None:
    return None


spawn._fixup_main_from_path = _keep_main
spawn._fixup_main_from_name = _keep_main
