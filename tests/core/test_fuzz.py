"""Fuzzing what comes from outside: mutated Word/Excel/web files, mutated backup archives, anything typed
into the statistics form, odd Unicode in every task field printed in every format. Every case ends
either in success or in a Vietnamese ``UserError``; nothing crashes and nothing is half-written."""
from __future__ import annotations

import io
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.errors import UserError
from cchc_desktop.model import PlanInput, TaskInput
from cchc_desktop.text import strip_controls
from cchc_desktop.workspace import Clock, Workspace
from tests.conftest import TODAY
from tests.support.seed_documents import seed_file

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
ODD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


@lru_cache(maxsize=1)
def samples() -> dict[str, bytes]:
    """Seed 004 as Word, Excel and web files (a plain function: hypothesis prints arguments)."""
    folder = Path(tempfile.mkdtemp(prefix="cchc-fuzz-"))
    return {fmt: seed_file("004", fmt, folder).read_bytes() for fmt in ("docx", "xlsx", "html")}


@pytest.fixture(scope="module")
def fuzz_ws(tmp_path_factory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("fuzz") / "dữ liệu")
    ws.prepare()
    return ws


def _counts(session) -> tuple[int, int]:
    return session.one("SELECT count(*) FROM plans")[0], session.one("SELECT count(*) FROM tasks")[0]


def _mutate(data: bytes, cuts: list[tuple[int, bytes]], truncate: float | None) -> bytes:
    out = bytearray(data)
    for position, junk in cuts:
        at = position % max(1, len(out))
        out[at: at + len(junk)] = junk
    if truncate is not None:
        out = out[: int(len(out) * truncate)]
    return bytes(out)


MUTATIONS = st.lists(st.tuples(st.integers(min_value=0, max_value=1 << 20), st.binary(min_size=1, max_size=24)),
                     max_size=6)


@FUZZ
@given(fmt=st.sampled_from(["docx", "xlsx", "html"]), cuts=MUTATIONS,
       truncate=st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.0)))
def test_mutated_plan_files_never_crash_the_importer(fuzz_ws, tmp_path_factory, fmt, cuts, truncate):
    path = tmp_path_factory.mktemp("f") / f"ke-hoach.{fmt}"
    path.write_bytes(_mutate(samples()[fmt], cuts, truncate))
    with fuzz_ws.session(Clock(TODAY)) as session:
        before = _counts(session)
        try:
            session.plan_import.preview(path)
        except UserError as err:
            assert str(err).strip()
        assert _counts(session) == before


@FUZZ
@given(part=st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml", "docProps/core.xml"]),
       body=st.one_of(st.binary(max_size=3000), ODD_TEXT.map(lambda t: f"<w:document>{t}</w:document>".encode())))
def test_docx_with_a_rotten_part(fuzz_ws, tmp_path_factory, part, body):
    path = tmp_path_factory.mktemp("z") / "ke-hoach.docx"
    with zipfile.ZipFile(io.BytesIO(samples()["docx"])) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, body if info.filename == part else old.read(info.filename))
    with fuzz_ws.session(Clock(TODAY)) as session:
        try:
            session.plan_import.preview(path)
        except UserError:
            pass


@FUZZ
@given(cells=st.lists(st.tuples(ODD_TEXT, ODD_TEXT, ODD_TEXT), min_size=1, max_size=8),
       huge=st.integers(min_value=0, max_value=200_000))
def test_web_tables_with_odd_cells(fuzz_ws, tmp_path_factory, cells, huge):
    from html import escape
    rows = "".join(f"<tr><td>{i}</td><td>{escape(a)}</td><td>{escape(b)}</td><td>{escape(c)}</td></tr>"
                   for i, (a, b, c) in enumerate(cells, start=1))
    big = "<tr><td>99</td><td>" + "Rà soát " * (huge // 8) + "</td><td>VHXH</td><td>Quý I</td></tr>"
    path = tmp_path_factory.mktemp("h") / "ke-hoach.html"
    path.write_text(f"<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời gian</th></tr>"
                    f"{rows}{big}</table>", encoding="utf-8")
    with fuzz_ws.session(Clock(TODAY)) as session:
        try:
            session.plan_import.preview(path)
        except UserError:
            pass


@pytest.fixture(scope="module")
def form_ws(tmp_path_factory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("bieu") / "dữ liệu")
    ws.prepare()
    with ws.session(Clock(TODAY)) as session:
        session.periods.by_key("2026-Q1")
    return ws


@FUZZ
@given(code=st.sampled_from(["III.4.1", "III.4.4", "I.4", "II.1", "V.1", "I.2.1", "VII.3.1.1", "XX.9"]),
       raw=st.one_of(ODD_TEXT, st.from_regex(r"-?[0-9.,]{1,18}", fullmatch=True),
                     st.floats(allow_nan=True, allow_infinity=True).map(str)))
def test_anything_typed_into_the_form(form_ws, code, raw):
    with form_ws.session(Clock(TODAY)) as session:
        period = session.periods.by_key("2026-Q1")
        try:
            session.statistics.set_value(period, code, raw)
        except UserError:
            return
        form = session.statistics.form(period)
        cell = form.cells[code]
        typed = strip_controls(raw).strip()
        assert (cell.entry.raw or "") == typed[:len(cell.entry.raw or "")]      # kept as typed
        for other in form.cells.values():   # every value the form shows is a real number or blank
            assert other.value is None or other.value == other.value


TEXT_FIELDS = st.fixed_dictionaries({"name": ODD_TEXT.filter(lambda t: t.strip()), "product": ODD_TEXT,
                                     "deadline_text": ODD_TEXT, "result": ODD_TEXT, "note": ODD_TEXT})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=TEXT_FIELDS, fmt=st.sampled_from(["pdf", "docx", "xlsx"]))
def test_odd_text_in_every_field_prints_in_every_format(tmp_path_factory, fields, fmt):
    ws = Workspace(tmp_path_factory.mktemp("in") / "dữ liệu")
    ws.prepare()
    with ws.session(Clock(TODAY)) as session:
        plan = session.plans.create(PlanInput(f"Kế hoạch {fields['name'][:50]}", 2026))
        try:
            session.tasks.add(TaskInput(plan, "PAR", "III", **fields))
        except UserError:
            return
        out = Path(ws.data_dir) / f"bc.{fmt}"
        session.reports.write(plan, "tasks", None, fmt, out)
        assert out.stat().st_size > 1000
        period = session.periods.by_key("2026-Q1").id
        session.reports.save_section(plan, "periodic", period, "V", fields["result"] or "Không.")
        session.reports.write(plan, "periodic", period, fmt, out)


@FUZZ
@given(cuts=MUTATIONS, truncate=st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.0)))
def test_mutated_backup_archives_are_refused_or_exact(restore_ws, tmp_path_factory, cuts, truncate):
    from cchc_desktop.safety import archive
    path = tmp_path_factory.mktemp("a") / "SaoLuu.zip"
    path.write_bytes(_mutate(backup_zip(), cuts, truncate))
    before = restore_ws.db_path.read_bytes()
    try:
        staged = archive.stage(restore_ws, path)
    except UserError as err:
        assert str(err).strip()
    else:   # the damage missed everything that matters (zip padding, a comment): the content is exact
        assert staged.files == 6      # 5 task files and the sample criteria sheet
    finally:
        archive.discard_staging(restore_ws)
    assert restore_ws.db_path.read_bytes() == before


@lru_cache(maxsize=1)
def backup_zip() -> bytes:
    from cchc_desktop.safety import archive
    from cchc_desktop.services.demo import DemoLoader
    ws = Workspace(Path(tempfile.mkdtemp(prefix="cchc-fuzz-")) / "dữ liệu")
    ws.prepare()
    with ws.session(Clock(TODAY)) as session:
        DemoLoader(session).load()
    return archive.create(ws, ws.data_dir.parent / "SaoLuu.zip").path.read_bytes()


@pytest.fixture(scope="module")
def restore_ws(tmp_path_factory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("dich") / "dữ liệu")
    ws.prepare()
    return ws
