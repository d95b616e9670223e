"""Numbered schema migrations. Migration N brings ``PRAGMA user_version`` to N.

Listed explicitly (not discovered from the file system) so the frozen build
carries every one of them.
"""
from db.migrations import m0001_initial, m0002_statistics

MIGRATIONS = (m0001_initial, m0002_statistics)
LATEST_VERSION = len(MIGRATIONS)
