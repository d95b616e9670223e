"""Schema 7: the PAR Index self-assessment.

- ``criteria_sets``: one province's criteria for one year, versioned (a corrected sheet loaded again is a
  new version; the assessment moves to it). ``sample`` marks the set that ships with the demo.
- ``criteria``: the tree (lĩnh vực → tiêu chí → tiêu chí thành phần), each leaf with its rule as JSON.
- ``assessments``: one per year, on one set; closing freezes it like closing a period.
- ``assessment_items``: what the commune declared per item, its explanation, and the province's score.
- ``assessment_evidence``: files proving an item, in the evidence store (or linked from a task's evidence).
"""
from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE criteria_sets (
    id           INTEGER PRIMARY KEY,
    province     TEXT NOT NULL DEFAULT '',
    year         INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    title        TEXT NOT NULL DEFAULT '',
    source_name  TEXT NOT NULL DEFAULT '',
    source_sha256 TEXT REFERENCES blobs(sha256),
    sample       INTEGER NOT NULL DEFAULT 0,
    bands        TEXT NOT NULL DEFAULT '[]',
    na_default   TEXT NOT NULL DEFAULT 'exclude' CHECK (na_default IN ('full', 'exclude')),
    declared_total REAL,
    loaded_at    TEXT NOT NULL,
    loaded_by    TEXT NOT NULL DEFAULT '',
    UNIQUE (province, year, version)
);

CREATE TABLE criteria (
    id            INTEGER PRIMARY KEY,
    set_id        INTEGER NOT NULL REFERENCES criteria_sets(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    stt           TEXT NOT NULL,
    parent_code   TEXT,
    level         INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    max_points    REAL NOT NULL CHECK (max_points >= 0),
    guidance      TEXT NOT NULL DEFAULT '',
    evidence_hint TEXT NOT NULL DEFAULT '',
    rule          TEXT,
    notes         TEXT NOT NULL DEFAULT '[]',
    indicator_code TEXT NOT NULL DEFAULT '',
    UNIQUE (set_id, code)
);

CREATE TABLE assessments (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL UNIQUE,
    set_id     INTEGER NOT NULL REFERENCES criteria_sets(id),
    cutoff_on  TEXT NOT NULL,
    closed_at  TEXT,
    closed_by  TEXT,
    frozen     TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE assessment_items (
    assessment_id  INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    code           TEXT NOT NULL,
    value          TEXT NOT NULL DEFAULT '',
    explanation    TEXT NOT NULL DEFAULT '',
    province_score REAL,
    province_note  TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, code)
);

CREATE TABLE assessment_evidence (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    sha256        TEXT NOT NULL REFERENCES blobs(sha256),
    file_name     TEXT NOT NULL,
    doc_number    TEXT NOT NULL DEFAULT '',
    doc_date      TEXT,
    issuer        TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL DEFAULT '',
    evidence_id   INTEGER REFERENCES evidence(id),
    added_at      TEXT NOT NULL,
    added_by      TEXT NOT NULL DEFAULT '',
    deleted_at    TEXT
);
CREATE INDEX assessment_evidence_item ON assessment_evidence(assessment_id, code);
CREATE INDEX assessment_evidence_blob ON assessment_evidence(sha256);
"""


def upgrade(conn: sqlite3.Connection, now: str) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
