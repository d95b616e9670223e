"""Schema 3: report drafts (the officer's own text, kept per plan, period and kind) and the register of
issued reports (number, date, signer, and the exact file, stored by its sha256 beside the evidence)."""
from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE report_drafts (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES plans(id),
    period_id        INTEGER REFERENCES report_periods(id),
    kind             TEXT NOT NULL CHECK (kind IN ('periodic', 'tasks', 'evidence', 'overdue')),
    number           TEXT NOT NULL DEFAULT '',
    symbol           TEXT NOT NULL DEFAULT '',
    issued_on        TEXT,
    addressees       TEXT NOT NULL DEFAULT '',
    recipients       TEXT NOT NULL DEFAULT '',
    signer_authority TEXT NOT NULL DEFAULT '',
    signer_position  TEXT NOT NULL DEFAULT '',
    signer_name      TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX report_drafts_key ON report_drafts(plan_id, kind, ifnull(period_id, 0));

CREATE TABLE report_sections (
    draft_id   INTEGER NOT NULL REFERENCES report_drafts(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    text       TEXT NOT NULL,
    with_lists INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (draft_id, key)
);

CREATE TABLE issued_reports (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER REFERENCES plans(id),
    period_id   INTEGER REFERENCES report_periods(id),
    kind        TEXT NOT NULL,
    number      TEXT NOT NULL CHECK (trim(number) <> ''),
    issued_on   TEXT NOT NULL,
    title       TEXT NOT NULL,
    signer_name TEXT NOT NULL DEFAULT '',
    format      TEXT NOT NULL CHECK (format IN ('pdf', 'docx', 'xlsx')),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES blobs(sha256),
    size        INTEGER NOT NULL,
    issued_at   TEXT NOT NULL,
    issued_by   TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX issued_reports_date ON issued_reports(issued_on);
"""


def upgrade(conn: sqlite3.Connection, now: str) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
