"""Issue 13.8: names the program writes out are safe on Windows, the original name stays in the data, and long
paths work."""
from __future__ import annotations

import pytest

from cchc_desktop.evidence_store import MAX_NAME_BYTES, safe_file_name
from cchc_desktop.files import extended_windows_path
from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.model import PlanInput, TaskInput
from cchc_desktop.safety import archive
from cchc_desktop.workspace import Clock, Workspace
from tests.conftest import TODAY


@pytest.mark.parametrize("name, safe", [
    ("CON.pdf", "_CON.pdf"), ("aux.docx", "_aux.docx"), ("nul", "_nul"), ("PRN.tar.gz", "_PRN.tar.gz"),
    ("COM1.pdf", "_COM1.pdf"), ("lpt9 .txt", "_lpt9.txt"), ("COM¹.pdf", "_COM¹.pdf"), ("Con .pdf", "_Con.pdf"),
    ("Báo cáo quý I...", "Báo cáo quý I"), ("Báo cáo quý I.pdf. . ", "Báo cáo quý I.pdf"),
    ("  khoảng trắng.pdf  ", "khoảng trắng.pdf"),
    ('a<b>c:d"e/f\\g|h?i*j.pdf', "a_b_c_d_e_f_g_h_i_j.pdf"), ("tab\tvà\x01.pdf", "tab_và_.pdf"),
    ("...", "tep"), ("COM0.pdf", "COM0.pdf"), ("CONSOLE.pdf", "CONSOLE.pdf"), ("Quyết định 123.pdf", "Quyết định 123.pdf"),
])
def test_names_safe_on_windows(name, safe):
    assert safe_file_name(name) == safe
    assert safe_file_name(safe) == safe            # a safe name stays as it is


def test_an_overlong_name_is_cut_keeping_its_extension_and_whole_letters():
    name = "Quyết định phê duyệt kế hoạch cải cách hành chính " * 8 + ".docx"
    safe = safe_file_name(name)
    assert safe.endswith(".docx") and len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.startswith(safe[:-5]) and not safe[:-5].endswith((" ", "."))
    long_ext = "a" * 300 + ".khong-phai-phan-mo-rong-that"
    assert len(safe_file_name(long_ext).encode("utf-8")) <= MAX_NAME_BYTES


@pytest.mark.parametrize("text, extended", [
    ("C:\\Users\\xa\\dữ liệu", "C:\\Users\\xa\\dữ liệu"),
    ("C:\\" + "thư mục\\" * 40 + "tệp.pdf", "\\\\?\\C:\\" + "thư mục\\" * 40 + "tệp.pdf"),
    ("C:\\a\\..\\" + "b" * 300, "\\\\?\\C:\\" + "b" * 300),
    ("\\\\may-chu\\chia-se\\" + "c" * 300, "\\\\?\\UNC\\may-chu\\chia-se\\" + "c" * 300),
    ("\\\\?\\C:\\" + "d" * 300, "\\\\?\\C:\\" + "d" * 300),
])
def test_windows_paths_past_260_characters_get_the_extended_prefix(text, extended):
    assert extended_windows_path(text) == extended


def test_odd_names_are_kept_as_written_and_viewed_under_a_safe_name(session, plan_id, tmp_path):
    task = session.tasks.add(TaskInput(plan_id, "PAR", "I", "Nhiệm vụ"))
    names = ["CON.pdf", "aux.docx", "Biên bản họp..", "Tờ trình: 05|TTr?.pdf"]
    sources = []
    for index, name in enumerate(names):
        folder = tmp_path / f"nguồn {index}"
        folder.mkdir()
        (folder / name).write_bytes(f"tệp {index}".encode())
        sources.append(folder / name)
    added = session.evidence.attach(task, sources).added
    assert [session.evidence.get(i).file_name for i in added] == names     # the original name, shown as it was
    viewed = [session.evidence.view_path(i).name for i in added]
    assert viewed == ["_CON.pdf", "_aux.docx", "Biên bản họp", "Tờ trình_ 05_TTr_.pdf"]


def test_a_data_folder_deeper_than_260_characters_works(tmp_path):
    deep = tmp_path.joinpath(*["thu-muc-du-lieu-cua-xa"] * 12)
    assert len(str(deep)) > 260 and len(str(deep / "cchc.sqlite3-journal").encode("utf-8")) < 512
    workspace = Workspace(deep)
    workspace.prepare()
    with workspace.session(Clock(TODAY)) as s:
        plan = s.plans.create(PlanInput("Kế hoạch", 2026))
        task = s.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ"))
        source = tmp_path / ("Quyết định " * 15 + ".pdf")
        source.write_bytes(b"%PDF-1.4 quyet dinh")
        [evidence] = s.evidence.attach(task, [source]).added
        assert s.evidence.view_path(evidence).read_bytes() == source.read_bytes()
        assert s.evidence.verify().ok
    backup = archive.create(workspace, deep / "sao lưu" / "SaoLuu.zip").path
    other = Workspace(tmp_path.joinpath(*["thu-muc-khac-cua-xa"] * 14))
    other.prepare()
    archive.stage(other, backup)
    archive.apply(other)
    other.prepare()
    with other.session(Clock(TODAY)) as s:
        report = s.evidence.verify()
        assert report.ok and report.files_checked == 1


def test_a_data_folder_too_deep_for_sqlite_is_refused_by_name(tmp_path):
    deep = tmp_path.joinpath(*["thư mục dữ liệu của xã"] * 16)
    with pytest.raises(EnvironmentProblem) as info:
        Workspace(deep).prepare()
    assert "quá dài" in str(info.value) and str(deep) in str(info.value)
    assert not deep.exists()                    # refused before anything was written
