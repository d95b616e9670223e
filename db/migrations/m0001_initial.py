"""Schema 1: profile, domains, units, plans, tasks, evidence, audit log."""
from __future__ import annotations

import sqlite3
import unicodedata


# The seed rows exactly as schema 1 inserted them, frozen here: editing the live catalogs (db/catalogs.py,
# read by the program at run time) must never change what this migration does.
PAR_DOMAINS = (
    ('I', 'Công tác chỉ đạo, điều hành cải cách hành chính', 'Chỉ đạo, điều hành'),
    ('II', 'Cải cách thể chế', 'Thể chế'),
    ('III', 'Cải cách thủ tục hành chính', 'Thủ tục hành chính'),
    ('IV', 'Cải cách tổ chức bộ máy hành chính nhà nước', 'Tổ chức bộ máy'),
    ('V', 'Cải cách chế độ công vụ', 'Chế độ công vụ'),
    ('VI', 'Cải cách tài chính công', 'Tài chính công'),
    ('VII', 'Xây dựng và phát triển chính quyền điện tử, chính quyền số', 'Chính quyền số'),
    ('VIII',
        'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội',
        'Tác động của CCHC'))

PAPI_DIMENSIONS = (
    ('I', 'Tham gia của người dân ở cấp cơ sở', 'Tham gia của người dân'),
    ('II', 'Công khai, minh bạch', 'Công khai, minh bạch'),
    ('III', 'Trách nhiệm giải trình với người dân', 'Trách nhiệm giải trình'),
    ('IV', 'Kiểm soát tham nhũng trong khu vực công', 'Kiểm soát tham nhũng'),
    ('V', 'Thủ tục hành chính công', 'Thủ tục hành chính công'),
    ('VI', 'Cung ứng dịch vụ công', 'Cung ứng dịch vụ công'),
    ('VII', 'Quản trị môi trường', 'Quản trị môi trường'),
    ('VIII', 'Quản trị điện tử', 'Quản trị điện tử'))

UNITS = (
    ('Phòng Văn hóa - Xã hội',
        'VHXH',
        'unit',
        ('Phòng Văn hoá-Xã hội',
            'Phòng Văn hóa-Xã hội',
            'Phòng Văn hoá - Xã hội',
            'Phòng Văn hóa – Xã hội',
            'Phòng VH-XH',
            'Phòng VHXH',
            'VH-XH',
            'Phòng VHXXH',
            'Phòng Văn hóa',
            'Phòng văn hóa - xã hội')),
    ('Văn phòng HĐND và UBND',
        'HĐND&UBND',
        'unit',
        ('Văn phòng HĐND và UBND xã',
            'Văn phòng HĐND&UBND',
            'Văn phòng HĐND&UBND xã',
            'Văn phòng HĐND & UBND',
            'Văn phòng HĐND & UBND xã',
            'Văn phòng UBND',
            'Văn phòng UBND xã',
            'VP HĐND&UBND',
            'VP HĐND và UBND')),
    ('Phòng Kinh tế', 'KT', 'unit', ('Phòng Kinh tế xã',)),
    ('Trung tâm Phục vụ hành chính công',
        'TTPVHCC',
        'unit',
        ('Trung tâm Phục vụ HCC',
            'Trung tâm phục vụ hành chính công xã',
            'Trung tâm Phục vụ Hành chính công',
            'Trung tâm hành chính công',
            'Trung tâm PVHCC',
            'TT PVHCC')),
    ('Trung tâm Cung ứng dịch vụ công',
        'TTCUDVC',
        'unit',
        ('Trung tâm Cung ứng DVC',
            'Trung tâm Cung ứng DVC xã',
            'Trung tâm cung ứng dịch vụ công xã',
            'Trung tâm dịch vụ công xã',
            'Trung tâm dich vụ công xã',
            'Trung dịch vụ công xã',
            'Trung tâm Dịch vụ công ích',
            'Trung tâm dịch vụ công ích xã')),
    ('Công an xã', 'CA', 'unit', ()),
    ('Ủy ban Mặt trận Tổ quốc Việt Nam xã',
        'MTTQ',
        'unit',
        ('Ủy ban MTTQ xã', 'UBMTTQ', 'MTTQ xã', 'Mặt trận Tổ quốc xã')),
    ('Ủy ban nhân dân xã', 'UBND', 'unit', ('UBND xã',)),
    ('Các phòng, ban chuyên môn',
        '',
        'group',
        ('Các phòng chuyên môn',
            'Các Phòng ban chuyên môn',
            'Các Phòng ban chuyên môn liên quan',
            'Các Phòng ban chuyên môn của xã',
            'Các phòng, ban chuyên môn thuộc UBND xã',
            'Các phòng chuyên môn thuộc UBND xã',
            'Các cơ quan chuyên môn',
            'Các phòng, ban')),
    ('Các cơ quan, đơn vị liên quan',
        '',
        'group',
        ('Các cơ quan, đơn vị có liên quan',
            'Cơ quan, đơn vị có liên quan',
            'Các cơ quan đơn vị liên quan',
            'Các phòng, ban, đơn vị liên quan',
            'Các cơ quan, đơn vị',
            'Các cơ quan được phân công chủ trì')),
    ('Các cơ quan, đơn vị thuộc UBND xã',
        '',
        'group',
        ('Các cơ quan, đơn vị trực thuộc',
            'Các phòng, ban, trung tâm',
            'Các phòng, ban, trung tâm thuộc UBND xã')),
    ('Các thôn, khu phố',
        '',
        'group',
        ('Các thôn/khu phố', 'Các thôn/khu phố trên địa bàn xã', 'Các thôn, tổ dân phố')),
    ('Tổ công nghệ số cộng đồng', '', 'group', ()),
    ('Các đơn vị sự nghiệp công lập', 'ĐVSNCL', 'group', ('Các đơn vị sự nghiệp',)),
    ('Các trạm y tế trên địa bàn xã', '', 'group', ('Các Trạm y tế',)),
    ('Các trường học trên địa bàn xã', '', 'group', ()),
    ('Sở Nội vụ', 'SNV', 'external', ()),
    ('Sở Khoa học và Công nghệ', 'SKHCN', 'external', ()),
    ('Thuế cơ sở', '', 'external', ('Thuế cơ sở xã',)),
    ('Bảo hiểm xã hội', 'BHXH', 'external', ('BHXH cơ sở',)))

SCHEMA = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE domains (
    framework TEXT NOT NULL CHECK (framework IN ('PAR', 'PAPI')),
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    short     TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (framework, code)
);

CREATE TABLE units (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (trim(name) <> ''),
    name_key     TEXT NOT NULL,
    abbreviation TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'unit' CHECK (kind IN ('unit', 'group', 'external')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE UNIQUE INDEX units_live_name ON units(name_key) WHERE deleted_at IS NULL;

CREATE TABLE unit_aliases (
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    alias   TEXT NOT NULL,
    PRIMARY KEY (unit_id, alias)
);

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (trim(title) <> ''),
    number      TEXT NOT NULL DEFAULT '',
    issued_on   TEXT,
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind        TEXT NOT NULL CHECK (kind IN ('CCHC', 'PAR_INDEX', 'SIPAS', 'PAPI')),
    issuer      TEXT NOT NULL DEFAULT '',
    source_key  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX plans_year ON plans(year);

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans(id),
    framework     TEXT NOT NULL,
    domain_code   TEXT NOT NULL,
    parent_id     INTEGER REFERENCES tasks(id),
    code          TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    name          TEXT NOT NULL CHECK (trim(name) <> ''),
    product       TEXT NOT NULL DEFAULT '',
    deadline_text TEXT NOT NULL DEFAULT '',
    due_on        TEXT,
    status        TEXT NOT NULL DEFAULT 'not_started'
                  CHECK (status IN ('not_started', 'in_progress', 'done', 'suspended')),
    status_reason TEXT NOT NULL DEFAULT '',
    progress      INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    result        TEXT NOT NULL DEFAULT '',
    completed_on  TEXT,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    FOREIGN KEY (framework, domain_code) REFERENCES domains(framework, code),
    CHECK (status <> 'suspended' OR trim(status_reason) <> ''),
    CHECK (status = 'done' OR completed_on IS NULL)
);
CREATE INDEX tasks_plan ON tasks(plan_id, framework, domain_code);
CREATE INDEX tasks_parent ON tasks(parent_id);

CREATE TABLE task_units (
    task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL REFERENCES units(id),
    role     TEXT NOT NULL CHECK (role IN ('lead', 'coordinator')),
    position INTEGER NOT NULL,
    PRIMARY KEY (task_id, role, unit_id)
);
CREATE INDEX task_units_unit ON task_units(unit_id);

CREATE TABLE blobs (
    sha256    TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size      INTEGER NOT NULL CHECK (size >= 0),
    stored_at TEXT NOT NULL
);

CREATE TABLE evidence (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES tasks(id),
    sha256     TEXT NOT NULL REFERENCES blobs(sha256),
    file_name  TEXT NOT NULL,
    doc_number TEXT NOT NULL DEFAULT '',
    doc_date   TEXT,
    issuer     TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '',
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);
CREATE INDEX evidence_task ON evidence(task_id);
CREATE INDEX evidence_blob ON evidence(sha256);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    officer   TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    task_id   INTEGER,
    plan_id   INTEGER,
    action    TEXT NOT NULL,
    field     TEXT,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX audit_task ON audit_log(task_id);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
"""


def _key(text: str) -> str:
    # Must match cchc_desktop.text.fold for unit names (db may not import the core).
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def upgrade(conn: sqlite3.Connection, now: str) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    for framework, rows in (("PAR", PAR_DOMAINS), ("PAPI", PAPI_DIMENSIONS)):
        for position, (code, name, short) in enumerate(rows, start=1):
            conn.execute(
                "INSERT INTO domains (framework, code, name, short, position) VALUES (?, ?, ?, ?, ?)",
                (framework, code, name, short, position))
    for name, abbreviation, kind, aliases in UNITS:
        cur = conn.execute(
            "INSERT INTO units (name, name_key, abbreviation, kind, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)", (name, _key(name), abbreviation, kind, now, now))
        for alias in aliases:
            conn.execute("INSERT INTO unit_aliases (unit_id, alias) VALUES (?, ?)",
                         (cur.lastrowid, alias))
