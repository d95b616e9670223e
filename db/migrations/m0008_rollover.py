"""Schema 8: next year's plan from this one (issue 17).

- ``plans.draft``: a plan made from last year's is a draft ("Dự thảo") until it has a number and a date; a draft
  is never counted in the statistics.
- ``plans.previous_plan_id``: the plan it was made from.
- ``tasks.previous_id``: the task of last year's plan it was carried from (for reference; evidence is not copied).
"""
from __future__ import annotations

import sqlite3

SCHEMA = """
ALTER TABLE plans ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
ALTER TABLE plans ADD COLUMN previous_plan_id INTEGER REFERENCES plans(id);
ALTER TABLE tasks ADD COLUMN previous_id INTEGER REFERENCES tasks(id);
CREATE INDEX tasks_previous ON tasks(previous_id);
CREATE INDEX plans_previous ON plans(previous_plan_id)
"""


def upgrade(conn: sqlite3.Connection, now: str) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
