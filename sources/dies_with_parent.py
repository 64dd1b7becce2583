"""Imported (for its effect) by a multiprocessing fork server: the fork server dies with the process
that started it (sources/lifeline.py). Without this a fork server outlives a killed run for good:
its workers hold its liveness pipe open, and it holds them."""

from sources.lifeline import die_with_parent

die_with_parent()
