"""Numbered schema migrations. Migration N brings ``PRAGMA user_version`` to N.

Listed explicitly (not discovered from the file system) so the frozen build
carries every one of them.
"""
from db.migrations import (m0001_initial, m0002_statistics, m0003_reports, m0004_task_start, m0005_identity,
                           m0006_composed_text, m0007_assessment, m0008_rollover)

MIGRATIONS = (m0001_initial, m0002_statistics, m0003_reports, m0004_task_start, m0005_identity,
              m0006_composed_text, m0007_assessment, m0008_rollover)
APPLICATION_ID = m0005_identity.APPLICATION_ID
LATEST_VERSION = len(MIGRATIONS)
