"""Fuzzing what comes from outside: mutated Word/Excel/web files, mutated backup archives, anything typed
into the statistics form, odd Unicode in every task field printed in every format. Every case ends
either in success or in a Vietnamese ``UserError``; nothing crashes and nothing is half-written. Each
case states, in its name and its first line, the property it checks beyond "no crash"."""
from __future__ import annotations

import io
import math
import tempfile
import zipfile
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
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
def test_a_mutated_plan_file_is_read_or_refused_by_its_name_and_nothing_is_written(fuzz_ws, tmp_path_factory, fmt,
                                                                                     cuts, truncate):
    """A damaged Word, Excel or web plan is previewed or refused with a message that names the file; the
    preview never writes a plan or a task."""
    path = tmp_path_factory.mktemp("f") / f"ke-hoach.{fmt}"
    path.write_bytes(_mutate(samples()[fmt], cuts, truncate))
    with fuzz_ws.session(Clock(TODAY)) as session:
        before = _counts(session)
        try:
            session.plan_import.preview(path)
        except UserError as err:
            assert f"ke-hoach.{fmt}" in str(err), str(err)
        assert _counts(session) == before


@lru_cache(maxsize=1)
def sound_docx_tasks() -> tuple:
    """(code, name, deadline text) of every task the untouched Word sample yields."""
    folder = Path(tempfile.mkdtemp(prefix="cchc-fuzz-"))
    path = folder / "ke-hoach.docx"
    path.write_bytes(samples()["docx"])
    ws = Workspace(folder / "dữ liệu")
    ws.prepare()
    with ws.session(Clock(TODAY)) as session:
        return tuple((t.code, t.name, t.deadline_text) for t in session.plan_import.preview(path).tasks)


@FUZZ
@given(part=st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml", "docProps/core.xml"]),
       body=st.one_of(st.binary(max_size=3000), ODD_TEXT.map(lambda t: f"<w:document>{t}</w:document>".encode())))
def test_a_rotten_body_refuses_the_word_file_and_any_other_rotten_part_loses_nothing(fuzz_ws, tmp_path_factory,
                                                                                      part, body):
    """The part that holds the text (word/document.xml) rotten: refused as a damaged Word file. Styles,
    content types or properties rotten: every task is read as from the sound file. Nothing is written."""
    path = tmp_path_factory.mktemp("z") / "ke-hoach.docx"
    with zipfile.ZipFile(io.BytesIO(samples()["docx"])) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, body if info.filename == part else old.read(info.filename))
    with fuzz_ws.session(Clock(TODAY)) as session:
        before = _counts(session)
        if part == "word/document.xml":
            with pytest.raises(UserError, match="Không đọc được tệp Word “ke-hoach.docx”: tệp bị hỏng"):
                session.plan_import.preview(path)
        else:
            tasks = session.plan_import.preview(path).tasks
            assert tuple((t.code, t.name, t.deadline_text) for t in tasks) == sound_docx_tasks()
        assert _counts(session) == before


@FUZZ
@given(cells=st.lists(st.tuples(ODD_TEXT, ODD_TEXT, ODD_TEXT), min_size=1, max_size=8),
       huge=st.integers(min_value=0, max_value=200_000))
def test_odd_cells_never_disturb_the_sound_row_after_them(fuzz_ws, tmp_path_factory, cells, huge):
    """Whatever the cells above it hold, the last row (STT 99, lead VHXH, "Quý I", a name of any length) is
    read with its number, lead and deadline (the first quarter of the plan's year), or, with no name at all,
    left out with a warning that says so. A refusal says why; nothing is written."""
    from html import escape
    rows = "".join(f"<tr><td>{i}</td><td>{escape(a)}</td><td>{escape(b)}</td><td>{escape(c)}</td></tr>"
                   for i, (a, b, c) in enumerate(cells, start=1))
    name = ("Rà soát " * (huge // 8)).strip()
    big = f"<tr><td>99</td><td>{name}</td><td>VHXH</td><td>Quý I</td></tr>"
    path = tmp_path_factory.mktemp("h") / "ke-hoach.html"
    path.write_text(f"<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời gian</th></tr>"
                    f"{rows}{big}</table>", encoding="utf-8")
    with fuzz_ws.session(Clock(TODAY)) as session:
        before = _counts(session)
        try:
            preview = session.plan_import.preview(path)
        except UserError as err:
            assert "ke-hoach.html" in str(err)
        else:
            found = [t for t in preview.tasks if t.code == "99"]
            if name:
                assert len(found) == 1
                task = found[0]
                assert (task.lead_text, task.deadline_text, len(task.name)) == ("VHXH", "Quý I", len(name))
                year = preview.plan.year or TODAY.year
                assert [(p.kind, p.start, p.end) for p in task.deadline.parts] == \
                    [("window", date(year, 1, 1), date(year, 3, 31))]
            else:
                assert found == []
                assert any("nhiệm vụ STT 99 không có nội dung; đã bỏ qua" in w for w in preview.warnings)
        assert _counts(session) == before


@pytest.fixture(scope="module")
def form_ws(tmp_path_factory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("bieu") / "dữ liệu")
    ws.prepare()
    with ws.session(Clock(TODAY)) as session:
        session.periods.by_key("2026-Q1")
    return ws


CODES = ["III.4.1", "III.4.4", "I.4", "II.1", "V.1", "I.2.1", "VII.3.1.1", "XX.9"]


def _expected_refusal(code: str, typed: str) -> str | None:
    """Why the form refuses ``typed`` in row ``code`` (the words the officer reads), or None."""
    if code == "XX.9":
        return "Không có chỉ tiêu mã “XX.9” trong danh mục năm 2026."
    if code in ("III.4.4", "V.1"):          # a ratio computed from its parts, a heading row
        return f"Chỉ tiêu {code} được tính tự động, không nhập trực tiếp."
    if len(typed) > 40:
        return "Số liệu quá dài (tối đa 40 ký tự)."
    if code == "I.2.1" and typed:           # counted from the task register: typing needs a reason
        return "“Số nhiệm vụ đề ra trong kế hoạch” được lấy tự động từ danh sách nhiệm vụ."
    return None


def _expected_raw(code: str, typed: str) -> str | None:
    """What the form keeps: the text as typed; for the yes/no row I.4 its words as 1 or 0."""
    from cchc_desktop.text import fold
    if code == "I.4" and fold(typed) in ("co", "x"):
        return "1"
    if code == "I.4" and fold(typed) in ("khong", "chua"):
        return "0"
    return typed or None


@FUZZ
@given(code=st.sampled_from(CODES),
       raw=st.one_of(ODD_TEXT, st.from_regex(r"-?[0-9.,]{1,18}", fullmatch=True),
                     st.floats(allow_nan=True, allow_infinity=True).map(str),
                     st.sampled_from(["inf", "-inf", "nan", "1e400", "Có", "không", "x", "1.245", "98,6"])))
@example(code="III.4.1", raw="1" * 40)           # the longest text kept
@example(code="III.4.1", raw=" " + "1" * 41 + " ")   # 41 characters once trimmed: too long
@example(code="I.4", raw="x")
@example(code="I.4", raw="Có")
@example(code="I.4", raw="chưa")
@example(code="III.4.1", raw="1e400")            # a number too large to be one: kept as text, no value
def test_what_is_typed_is_kept_as_typed_refused_with_its_reason_and_every_value_is_finite(form_ws, code, raw):
    """Refused exactly when the row cannot take it (unknown, computed, from the register, too long), with
    that reason and nothing changed; else kept as typed (yes/no words as 1/0), its number the one the text
    says or none; and every value the form shows is a finite number or blank (never NaN nor infinity)."""
    from cchc_desktop.i18n import parse_number
    typed = strip_controls(raw).strip()
    with form_ws.session(Clock(TODAY)) as session:
        period = session.periods.by_key("2026-Q1")
        before = session.statistics.export_values(period)
        expected = _expected_refusal(code, typed)
        if expected is not None:
            with pytest.raises(UserError) as refused:
                session.statistics.set_value(period, code, raw)
            assert str(refused.value).startswith(expected)
            assert session.statistics.export_values(period) == before
            return
        cell = session.statistics.set_value(period, code, raw)
        kept = _expected_raw(code, typed)
        assert cell.entry.raw == kept
        try:
            number = parse_number(kept)
        except ValueError:
            number = None
        assert cell.entry.value == number
        for other in session.statistics.form(period).cells.values():
            assert other.value is None or math.isfinite(other.value), (other.indicator.code, other.value)


TEXT_FIELDS = st.fixed_dictionaries({"name": ODD_TEXT.filter(lambda t: t.strip()), "product": ODD_TEXT,
                                     "deadline_text": ODD_TEXT, "result": ODD_TEXT, "note": ODD_TEXT})


def _readable(path: Path, fmt: str) -> int:
    """Pages, paragraphs or sheets of a written document, read back by its format's own reader."""
    if fmt == "pdf":
        from pypdf import PdfReader
        return len(PdfReader(path).pages)
    if fmt == "docx":
        import docx
        return len(docx.Document(path).paragraphs)
    import openpyxl
    return len(openpyxl.load_workbook(path).worksheets)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=TEXT_FIELDS, fmt=st.sampled_from(["pdf", "docx", "xlsx"]))
@example(fields={"name": "Rà soát, công bố công khai thủ tục hành chính\u200b\x07 thuộc thẩm quyền giải quyết của UBND "
                         "xã \U0001f600 — ‘đợt 2’ «năm 2026» & <b>các năm sau</b>",
                 "product": "", "deadline_text": "Quý I/2026", "result": "Đã công bố\r\n45 TTHC.", "note": ""},
         fmt="docx")
def test_odd_text_in_every_field_is_printed_as_stored_in_every_format(tmp_path_factory, fields, fmt):
    """Whatever is typed, the task list and the periodic report are written as documents their format's reader
    opens, and they carry the task's name and result and the officer's section as stored (control characters
    dropped, nothing else changed)."""
    ws = Workspace(tmp_path_factory.mktemp("in") / "dữ liệu")
    ws.prepare()
    with ws.session(Clock(TODAY)) as session:
        plan = session.plans.create(PlanInput(f"Kế hoạch {fields['name'][:50]}", 2026))
        try:
            task = session.tasks.add(TaskInput(plan, "PAR", "III", **fields))
        except UserError as err:
            assert str(err).strip()
            return
        stored = session.tasks.row(task)
        out = Path(ws.data_dir) / f"bc.{fmt}"
        built = session.reports.write(plan, "tasks", None, fmt, out)
        assert _readable(out, fmt) >= 1
        listing = built.document.plain_text()
        assert stored.name in listing and stored.result in listing
        period = session.periods.by_key("2026-Q1").id
        session.reports.save_section(plan, "periodic", period, "V", fields["result"] or "Không.")
        section = session.reports.draft(plan, "periodic", period).sections["V"].text
        report = Path(ws.data_dir) / f"bc-ky.{fmt}"
        built = session.reports.write(plan, "periodic", period, fmt, report)
        assert _readable(report, fmt) >= 1
        text = built.document.plain_text()
        assert stored.name in text                                   # Phụ lục I
        for line in section.splitlines():
            assert line.strip().rstrip("./") in text, line            # section V, one paragraph a line


@FUZZ
@given(cuts=MUTATIONS, truncate=st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.0)))
@example(cuts=[], truncate=None)      # the sound archive itself: unpacked, never refused
def test_mutated_backup_archives_are_refused_or_unpacked_byte_for_byte(restore_ws, tmp_path_factory, cuts,
                                                                         truncate):
    """A damaged archive is refused as unusable, the data untouched; one the damage missed in what matters
    (zip padding, a comment) unpacks to exactly the files it was made from, byte for byte."""
    from cchc_desktop.safety import archive
    path = tmp_path_factory.mktemp("a") / "SaoLuu.zip"
    path.write_bytes(_mutate(backup_zip(), cuts, truncate))
    before = restore_ws.db_path.read_bytes()
    try:
        staged = archive.stage(restore_ws, path)
    except UserError as err:
        assert cuts or truncate is not None, str(err)
        assert str(err).startswith("Tệp sao lưu"), str(err)
    else:
        unpacked = {p.relative_to(staged.folder).as_posix(): p.read_bytes()
                    for p in staged.folder.rglob("*") if p.is_file() and p.name != "READY"}
        assert unpacked == backup_files()
        assert staged.files == len(unpacked) == 6     # the database and the demo's five evidence files
    finally:
        archive.discard_staging(restore_ws)
    assert restore_ws.db_path.read_bytes() == before


@lru_cache(maxsize=1)
def backup_files() -> dict[str, bytes]:
    """What the sound archive holds, by path (its manifest aside)."""
    with zipfile.ZipFile(io.BytesIO(backup_zip())) as sound:
        return {name: sound.read(name) for name in sound.namelist() if name != "manifest.json"}


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
