"""Schema 2: reporting periods, the indicator catalog per year, rules, and the values typed per period."""
from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE report_periods (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind       TEXT NOT NULL CHECK (kind IN ('Q1', 'H1', 'Q3', '9M', 'Y')),
    start_on   TEXT NOT NULL,
    end_on     TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    closed_at  TEXT,
    closed_by  TEXT,
    CHECK (start_on <= end_on),
    UNIQUE (year, kind)
);

CREATE TABLE indicators (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    code        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    stt         TEXT NOT NULL,
    parent_code TEXT,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    unit        TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL CHECK (kind IN ('group', 'count', 'number', 'percent', 'yesno', 'ratio', 'sum')),
    formula     TEXT NOT NULL DEFAULT '',
    yes_label   TEXT NOT NULL DEFAULT '',
    no_label    TEXT NOT NULL DEFAULT '',
    stock       INTEGER NOT NULL DEFAULT 0,
    source      TEXT NOT NULL DEFAULT '',
    lead        TEXT NOT NULL DEFAULT '',
    coordinator TEXT NOT NULL DEFAULT '',
    UNIQUE (year, code)
);
CREATE INDEX indicators_year ON indicators(year, position);

CREATE TABLE indicator_rules (
    id       INTEGER PRIMARY KEY,
    year     INTEGER NOT NULL,
    left     TEXT NOT NULL,
    op       TEXT NOT NULL CHECK (op IN ('<', '<=', '=', '>=', '>')),
    right    TEXT NOT NULL,
    message  TEXT NOT NULL
);
CREATE INDEX indicator_rules_year ON indicator_rules(year);

CREATE TABLE stat_values (
    period_id     INTEGER NOT NULL REFERENCES report_periods(id),
    indicator_id  INTEGER NOT NULL REFERENCES indicators(id),
    raw           TEXT,
    value         REAL,
    comment       TEXT NOT NULL DEFAULT '',
    follow_up     INTEGER NOT NULL DEFAULT 0,
    override_note TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (period_id, indicator_id)
);

ALTER TABLE audit_log ADD COLUMN period_id INTEGER;
CREATE INDEX audit_period ON audit_log(period_id, entity, entity_id);
"""


def upgrade(conn: sqlite3.Connection, now: str) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
