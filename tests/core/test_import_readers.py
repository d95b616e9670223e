"""The plan readers: old Vietnamese fonts (TCVN3, VNI) in every format, Word tables inside tables,
Excel formulas saved without values, and the memory a big Word file costs.

The legacy test files are built here from Unicode text with an encoder of our own, written from
the published tables (TCVN 5712:1993 VN3 and VNI-Windows, as in Unikey), independent of the
converter's tables; every import must give back the original Unicode exactly.
"""
from __future__ import annotations

import random
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.importers import read_document, read_pasted
from cchc_desktop.importers import legacy_text
from cchc_desktop.importers.analysis import analyze
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.legacy_text import TCVN3, VNI, detect, font_encoding, normalize_document, to_unicode
from cchc_desktop.importers.xlsx_reader import _has_uncached, evaluate
from cchc_desktop.services.units import builtin_matcher
from tests.support.seed_documents import SEED_NAMES, SEEDS, seed_file, seed_source, write_html, write_xlsx

REPROS = Path("/work/shared/realworld/12-lib-repros")

# --- An encoder of our own ----------------------------------------------------------------------

UNICODE_LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
TCVN3_LETTERS = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦"
TCVN3_OF = dict(zip(UNICODE_LETTERS, TCVN3_LETTERS))
VNI_ORDER = ("A Á À Ả Ã Ạ Â Ấ Ầ Ẩ Ẫ Ậ Ă Ắ Ằ Ẳ Ẵ Ặ E É È Ẻ Ẽ Ẹ Ê Ế Ề Ể Ễ Ệ O Ó Ò Ỏ Õ Ọ Ô Ố Ồ Ổ Ỗ Ộ "
             "Ơ Ớ Ờ Ở Ỡ Ợ U Ú Ù Ủ Ũ Ụ Ư Ứ Ừ Ử Ữ Ự I Í Ì Ỉ Ĩ Ị Y Ý Ỳ Ỷ Ỹ Ỵ Đ").split()
VNI_CODES = ("A AÙ AØ AÛ AÕ AÏ AÂ AÁ AÀ AÅ AÃ AÄ AÊ AÉ AÈ AÚ AÜ AË E EÙ EØ EÛ EÕ EÏ EÂ EÁ EÀ EÅ EÃ EÄ "
             "O OÙ OØ OÛ OÕ OÏ OÂ OÁ OÀ OÅ OÃ OÄ Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ U UÙ UØ UÛ UÕ UÏ Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ "
             "I Í Ì Æ Ó Ò Y YÙ YØ YÛ YÕ Î Ñ").split()
VNI_OF = {**dict(zip(VNI_ORDER, VNI_CODES)), **{u.lower(): v.lower() for u, v in zip(VNI_ORDER, VNI_CODES)}}
PLAIN = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Mường Khương, thuở ấy, được Ủy ban."


def vni(text: str) -> str:
    return "".join(VNI_OF.get(c, c) for c in text)


def tcvn3(text: str) -> str:
    """TCVN3 as one font shows it: capitals with a tone cannot be written and fall to small letters."""
    return "".join(TCVN3_OF.get(c, TCVN3_OF.get(c.lower(), c)) for c in text)


def tcvn3_lossy(text: str) -> str:
    """What a TCVN3 file in one font says in Unicode: ``text`` with its toned capitals small."""
    return "".join(c.lower() if c not in TCVN3_OF and c.lower() in TCVN3_OF else c for c in text)


def tcvn3_runs(text: str) -> list[tuple[str, str]]:
    """(bytes, font) runs as an officer typed them: toned capitals in .VnTimeH, the rest in .VnTime."""
    runs: list[tuple[str, str]] = []
    for char in text:
        font = ".VnTimeH" if char not in TCVN3_OF and char.lower() in TCVN3_OF else ".VnTime"
        code = TCVN3_OF.get(char, TCVN3_OF.get(char.lower(), char))
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + code, font)
        else:
            runs.append((code, font))
    return runs


def vni_runs(text: str, rng: random.Random) -> list[tuple[str, str]]:
    """VNI text cut into runs of one font at random places, a mark sometimes apart from its letter."""
    code = vni(text)
    cuts = sorted(rng.sample(range(1, len(code)), min(len(code) - 1, 3))) if len(code) > 1 else []
    return [(code[a:b], "VNI-Times") for a, b in zip([0, *cuts], [*cuts, len(code)])]


def map_document(document: SourceDocument, fn) -> SourceDocument:
    blocks = [Table([[fn(c) for c in row] for row in b.rows]) if isinstance(b, Table) else fn(b)
              for b in document.blocks]
    return SourceDocument(document.name, document.kind, blocks)


# --- A Word writer with fonts per run -----------------------------------------------------------

def write_runs_docx(path: Path, blocks: list, runs=lambda text: [(text, None)]) -> Path:
    """Paragraphs and tables (lists of rows) whose texts become runs ``runs(text)`` → [(text, font)]."""
    import docx
    word = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            _fill(word.add_paragraph(), block, runs)
            continue
        rows = block.rows if isinstance(block, Table) else block
        width = max(len(r) for r in rows)
        table = word.add_table(rows=len(rows), cols=width)
        for row, cells in zip(rows, table.rows):
            for text, cell in zip(row, cells.cells):
                lines = text.split("\n") if text else [""]
                _fill(cell.paragraphs[0], lines[0], runs)
                for line in lines[1:]:
                    _fill(cell.add_paragraph(), line, runs)
    word.save(str(path))
    return path


def _fill(paragraph, text: str, runs) -> None:
    for piece, font in runs(text) if text else []:
        run = paragraph.add_run(piece)
        if font:
            run.font.name = font


# --- The converter ------------------------------------------------------------------------------

def test_every_letter_of_both_tables():
    for letter in UNICODE_LETTERS:
        assert to_unicode(TCVN3_OF[letter], TCVN3) == letter
    for letter, code in VNI_OF.items():
        assert to_unicode(code, VNI) == letter
    upper = [c for c in UNICODE_LETTERS if c.islower()]
    assert to_unicode("".join(TCVN3_OF[c] for c in upper), TCVN3, capitals=True) == "".join(upper).upper()


def test_known_sentences():
    assert to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", TCVN3) == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert to_unicode("§éc lËp - Tù do - H¹nh phóc", TCVN3) == "Độc lập - Tự do - Hạnh phúc"
    assert to_unicode("B¶o Th¾ng, M\xadêng Kh\xad¬ng", TCVN3) == "Bảo Thắng, Mường Khương"
    assert to_unicode("bé néi vô", TCVN3, capitals=True) == "BỘ NỘI VỤ"
    assert to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", VNI) == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert to_unicode("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", VNI) == "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"
    assert to_unicode(vni(PLAIN), VNI) == PLAIN
    assert to_unicode(tcvn3(PLAIN), TCVN3) == tcvn3_lossy(PLAIN)


def test_font_names():
    assert font_encoding(".VnTime") == (TCVN3, False)
    assert font_encoding(".VnArial NarrowH") == (TCVN3, True)
    assert font_encoding('".VnTimeH"') == (TCVN3, True)
    assert font_encoding("VNI-Times") == (VNI, False)
    assert font_encoding("VNI-Helve-Condense") == (VNI, False)
    for name in ("Times New Roman", "Arial", "VnExpress", "Vni", "", "Calibri Light"):
        assert font_encoding(name) is None


@pytest.mark.parametrize("text", [
    PLAIN, "Hòa Bình, Quý I/2026, Có, Chính, Tháng, Phòng", "Ban hành Kế hoạch CCHC năm 2026",
    "The quick brown fox jumps over the lazy dog. Report 2026 © Company® «quoted» «words»",
    "Microsoft® Windows® Office® Word® Excel® — ©2026 Công ty", "µm µg 5µs 10·3 §12 ¶4",
    "Le café où naïf Noël à Paris", "Schöne Grüße aus München über Bäume",
    unicodedata.normalize("NFD", PLAIN), "STT\tNhiệm vụ\tCơ quan chủ trì",
])
def test_real_text_is_never_taken_for_an_old_encoding(text):
    assert detect(text) is None
    document = normalize_document(SourceDocument("x.txt", "text", [text, Table([[text, "1"]])]))
    assert document.converted_from is None and not document.warnings
    assert document.blocks[0] == unicodedata.normalize("NFC", text)


def cp1258(text: str) -> bytes:
    """Windows Vietnamese bytes: vowels with ^ ˘ and horn precomposed, the tone as a separate mark."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        out.append(unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone)) + tone)
    return "".join(out).encode("cp1258")


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Co")), max_size=300), st.sampled_from([TCVN3, VNI]),
       st.booleans(), st.binary(max_size=300))
def test_any_text_or_bytes_convert_without_crashing(text, encoding, capitals, data):
    from cchc_desktop.importers.text_reader import decode
    assert isinstance(to_unicode(text, encoding, capitals), str)
    document = SourceDocument("x", "text", [legacy_text.wrap(text, encoding, capitals), Table([[text, text[:5]]])])
    legacy_text.convert_marked_document(document)
    assert not any(m in str(document.blocks) for pair in legacy_text.MARKS.values() for m in pair)
    normalize_document(document)
    decode(data)
    if legacy_text.is_unicode_vietnamese(text):
        assert detect(text) is None


def test_windows_vietnamese_bytes_are_not_an_old_font(tmp_path):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(cp1258("STT\tNhiệm vụ\tCơ quan chủ trì\n1\tThuở ấy, được Ủy ban hòa giải\tMường Khương\n"))
    document = read_document(path)
    assert document.tables[0].rows[1] == ["1", "Thuở ấy, được Ủy ban hòa giải", "Mường Khương"]
    assert document.converted_from is None and "cp1258" in document.warnings[0]


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx", "html"])
@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_unicode_seeds_are_left_untouched(tmp_path, seed, fmt):
    document = read_document(seed_file(seed, fmt, tmp_path))
    assert document.converted_from is None
    assert not any("bảng mã cũ" in w for w in document.warnings)
    before = [b if isinstance(b, str) else [list(r) for r in b.rows] for b in document.blocks]
    again = normalize_document(document)
    assert [b if isinstance(b, str) else b.rows for b in again.blocks] == before


def test_decomposed_unicode_ends_up_composed(tmp_path):
    path = tmp_path / "to-hop.txt"
    path.write_text(unicodedata.normalize("NFD", "STT\tNhiệm vụ\tCơ quan chủ trì\n1\tRà soát\tVăn phòng\n"),
                    encoding="utf-8")
    document = read_document(path)
    assert document.tables[0].rows[0] == ["STT", "Nhiệm vụ", "Cơ quan chủ trì"]
    assert document.converted_from is None


# --- Old fonts in each format ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_004() -> SourceDocument:
    return seed_source("004")


def _texts(document: SourceDocument):
    return [b if isinstance(b, str) else b.rows for b in document.blocks]


def test_word_tcvn3_with_capitals_font_gives_the_unicode_plan(tmp_path, seed_004):
    plain = read_document(write_runs_docx(tmp_path / "unicode.docx", seed_004.blocks))
    old = read_document(write_runs_docx(tmp_path / "tcvn3.docx", seed_004.blocks, tcvn3_runs))
    assert _texts(old) == _texts(plain)
    assert old.converted_from == TCVN3 and {".VnTime", ".VnTimeH"} <= old.fonts
    assert old.warnings == ["Văn bản dùng bảng mã cũ TCVN3 (phông .VnTime, .VnTimeH); đã chuyển sang Unicode. "
                            "Hãy kiểm tra dấu tiếng Việt trong bản xem trước."]
    matcher = builtin_matcher()
    assert analyze(old, matcher).counts() == analyze(plain, matcher).counts()


def test_word_vni_with_words_cut_across_runs(tmp_path, seed_004):
    rng = random.Random(4)
    plain = read_document(write_runs_docx(tmp_path / "unicode.docx", seed_004.blocks))
    old = read_document(write_runs_docx(tmp_path / "vni.docx", seed_004.blocks, lambda t: vni_runs(t, rng)))
    assert _texts(old) == _texts(plain)
    assert old.converted_from == VNI and "VNI-Times" in old.fonts


def test_word_mixed_fonts_convert_run_by_run(tmp_path):
    import docx
    from docx.oxml import OxmlElement
    word = docx.Document()
    paragraph = word.add_paragraph()
    for text, font in ((tcvn3("Cộng hoà "), ".VnTime"), ("Hòa Bình ", "Times New Roman"), ("Quý I ", None),
                       ("bé néi vô ", ".VnTimeH"), (vni("Việt Nam "), "VNI-Times"), ("Có", "Arial")):
        run = paragraph.add_run(text)
        if font:
            run.font.name = font
    hyphen = word.add_paragraph()
    run = hyphen.add_run("M")          # TCVN3's "ư" is the soft-hyphen code; Word may store it as <w:softHyphen/>
    run.font.name = ".VnTime"
    run._r.append(OxmlElement("w:softHyphen"))
    run._r.append(_w_t("êng"))
    unicode_run = hyphen.add_run(" tự")
    unicode_run._r.append(OxmlElement("w:softHyphen"))
    unicode_run._r.append(_w_t("động"))
    path = tmp_path / "tron.docx"
    word.save(str(path))
    document = read_document(path)
    assert document.paragraphs == ["Cộng hoà Hòa Bình Quý I BỘ NỘI VỤ Việt Nam Có", "Mường tựđộng"]
    assert document.converted_from == "TCVN3, VNI"
    assert {".VnTime", ".VnTimeH", "VNI-Times", "Times New Roman", "Arial"} <= document.fonts
    assert len(document.warnings) == 2 and "phông .VnTime, .VnTimeH" in document.warnings[0]


def _w_t(text: str):
    from docx.oxml import OxmlElement
    element = OxmlElement("w:t")
    element.text = text
    return element


@pytest.mark.parametrize("font_table", ["lists the font", "missing"])
def test_word_font_from_the_styles(tmp_path, font_table):
    """Normal in .VnTime: runs without a font of their own are TCVN3; Heading 1 (a theme font) is not.

    Word lists every font of the file, its styles' too, in word/fontTable.xml; without that part
    the styles are read anyway."""
    import docx
    word = docx.Document()
    word.styles["Normal"].font.name = ".VnTime"
    word.add_paragraph(tcvn3("Kế hoạch cải cách hành chính"))
    word.add_paragraph("Kế hoạch năm 2026 Hòa Bình", style="Heading 1")
    explicit = word.add_paragraph().add_run("Quý I Hòa Bình")
    explicit.font.name = "Times New Roman"
    path = tmp_path / "kieu.docx"
    word.save(str(path))
    _rewrite_part(path, "word/fontTable.xml", lambda xml: None if font_table == "missing" else
                  xml.replace(b"</w:fonts>", b'<w:font w:name=".VnTime"><w:charset w:val="00"/></w:font></w:fonts>'))
    document = read_document(path)
    assert document.paragraphs == ["Kế hoạch cải cách hành chính", "Kế hoạch năm 2026 Hòa Bình", "Quý I Hòa Bình"]
    assert document.converted_from == TCVN3 and ".VnTime" in document.fonts


def _with_normal_font(path: Path, font: str) -> Path:
    """The file at ``path`` with its Normal style (the default of every run) in ``font``, as Word saves it."""
    import docx
    word = docx.Document(str(path))
    word.styles["Normal"].font.name = font
    word.save(str(path))
    _rewrite_part(path, "word/fontTable.xml",
                  lambda xml: xml.replace(b"</w:fonts>", f'<w:font w:name="{font}"/></w:fonts>'.encode()))
    return path


def test_unicode_typed_over_an_old_default_font_stays(tmp_path, seed_004):
    """An old template's Normal style in .VnTime, the plan typed in Unicode: nothing is converted."""
    plain = read_document(write_runs_docx(tmp_path / "unicode.docx", seed_004.blocks))
    stale = read_document(_with_normal_font(write_runs_docx(tmp_path / "mau-cu.docx", seed_004.blocks), ".VnTime"))
    assert _texts(stale) == _texts(plain)
    assert stale.converted_from is None and not stale.warnings


def test_old_text_beside_unicode_text_in_one_default_font(tmp_path):
    lines = ["Kế hoạch cải cách hành chính năm 2026 của xã", "Rà soát, đơn giản hóa thủ tục hành chính",
             "Tuyên truyền về công tác cải cách hành chính"]
    path = write_runs_docx(tmp_path / "nua.docx", [tcvn3(t) for t in lines] + ["Đã nhập lại bằng Unicode: ưu tiên"])
    document = read_document(_with_normal_font(path, ".VnTime"))
    assert document.paragraphs == lines + ["Đã nhập lại bằng Unicode: ưu tiên"]
    assert document.converted_from == TCVN3


def test_ascii_in_an_old_font_is_no_conversion(tmp_path):
    path = write_runs_docx(tmp_path / "so.docx", ["STT 1 2 2026", [["STT", "1"]]], lambda t: [(t, ".VnTime")])
    document = read_document(path)
    assert document.paragraphs == ["STT 1 2 2026"] and document.converted_from is None and not document.warnings


def _rewrite_part(path: Path, part: str, change) -> None:
    """``change(bytes)`` → new bytes of ``part`` inside the zip at ``path``, or None to drop the part."""
    with zipfile.ZipFile(path) as old:
        parts = {i.filename: old.read(i.filename) for i in old.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            if data is not None:
                new.writestr(name, data)


def test_word_without_font_names_is_recognised_by_its_characters(tmp_path, seed_004):
    plain = read_document(write_runs_docx(tmp_path / "unicode.docx", seed_004.blocks))
    old = read_document(write_runs_docx(tmp_path / "vni.docx", seed_004.blocks, lambda t: [(vni(t), "Arial")]))
    assert _texts(old) == _texts(plain)
    assert old.converted_from == VNI and "nhận ra qua các ký tự trong tệp" in old.warnings[0]


def _set_default_font(path: Path, font: str) -> None:
    """Every cell of a workbook written by openpyxl in ``font`` (its default font, style 0)."""
    _rewrite_part(path, "xl/styles.xml",
                  lambda xml: xml.replace(b'<name val="Calibri"', f'<name val="{font}"'.encode()))


def test_excel_vni_workbook_gives_the_unicode_plan(tmp_path, seed_004):
    plain = read_document(write_xlsx(seed_004, tmp_path / "unicode.xlsx"))
    path = write_xlsx(map_document(seed_004, vni), tmp_path / "vni.xlsx")
    _set_default_font(path, "VNI-Times")
    old = read_document(path)
    assert _texts(old) == _texts(plain)
    assert old.converted_from == VNI and "VNI-Times" in old.fonts
    assert old.warnings == ["Văn bản dùng bảng mã cũ VNI (phông VNI-Times); đã chuyển sang Unicode. "
                            "Hãy kiểm tra dấu tiếng Việt trong bản xem trước."]


def test_excel_fonts_cell_by_cell(tmp_path):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    book = Workbook()
    sheet = book.active
    cells = [(tcvn3("Cơ quan chủ trì"), ".VnTime"), ("bé néi vô", ".VnTimeH"), ("Hòa Bình", "Times New Roman"),
             (vni("Thời gian hoàn thành"), "VNI-Times"), ("Có", None), ("Quý I", ".VnTime")]
    for col, (text, font) in enumerate(cells, start=1):
        cell = sheet.cell(row=1, column=col, value=text)
        if font:
            cell.font = Font(name=font)
    path = tmp_path / "tron.xlsx"
    book.save(str(path))
    document = read_document(path)
    assert document.tables[0].rows == [["Cơ quan chủ trì", "BỘ NỘI VỤ", "Hòa Bình", "Thời gian hoàn thành", "Có",
                                        "Quý I"]]
    assert document.converted_from == "TCVN3, VNI"


def test_web_page_fonts_from_style_face_and_css(tmp_path):
    page = ("<html><head><meta charset='utf-8'><style>.abc { font-family: '.VnTime', serif }\n"
            "td.v { font-family: VNI-Times }</style></head><body>"
            f"<p class=abc>{tcvn3('Kế hoạch cải cách')} <span style='font-family:\"Times New Roman\"'>Hòa Bình"
            f"</span></p><p><font face='.VnTimeH'>bé néi vô</font> Có</p>"
            f"<table><tr><td class=v>{vni('Nhiệm vụ')}</td><td style='font-family:.VnTime'>{tcvn3('Chủ trì')}</td>"
            f"<td>Quý I</td></tr><tr><td class=v><span>{vni('Vi')}</span><span>{vni('ệt')}</span></td>"
            "<td>Hòa</td><td>x</td></tr></table></body></html>")
    path = tmp_path / "trang.html"
    path.write_text(page, encoding="utf-8")
    document = read_document(path)
    assert document.paragraphs == ["Kế hoạch cải cách Hòa Bình", "BỘ NỘI VỤ Có"]
    assert document.tables[0].rows == [["Nhiệm vụ", "Chủ trì", "Quý I"], ["Việt", "Hòa", "x"]]
    assert document.converted_from == "TCVN3, VNI" and {".VnTime", ".VnTimeH", "VNI-Times"} <= document.fonts


def test_web_page_vni_seed_by_body_font(tmp_path, seed_004):
    plain = read_document(write_html(seed_004, tmp_path / "unicode.html"))
    path = write_html(map_document(seed_004, vni), tmp_path / "vni.html")
    path.write_text(path.read_text("utf-8").replace("<title>", "<style>body {font-family: VNI-Times}</style><title>"),
                    encoding="utf-8")
    assert _texts(read_document(path)) == _texts(plain)


def _seed_text(seed: str) -> str:
    """The seed's text, NFC, with what Windows-1252 cannot hold in the old encodings replaced by "?"."""
    text = unicodedata.normalize("NFC", (SEEDS / SEED_NAMES[seed]).read_text("utf-8"))
    return "".join(c if _fits(tcvn3(c)) and _fits(vni(c)) else "?" for c in text)


def _fits(text: str) -> bool:
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_text_file_in_tcvn3_by_its_characters(tmp_path, encoding):
    """A TCVN3 text file (one byte a letter), or its characters pasted into a UTF-8 file."""
    text = _seed_text("004")
    (tmp_path / "unicode.txt").write_text(tcvn3_lossy(text), encoding="utf-8")
    (tmp_path / "tcvn3.txt").write_bytes(tcvn3(text).encode(encoding))
    old = read_document(tmp_path / "tcvn3.txt")
    assert _texts(old) == _texts(read_document(tmp_path / "unicode.txt"))
    assert old.converted_from == TCVN3
    assert old.warnings == ["Văn bản dùng bảng mã cũ TCVN3 (nhận ra qua các ký tự trong tệp); đã chuyển sang "
                            "Unicode. Hãy kiểm tra dấu tiếng Việt trong bản xem trước."]


def test_text_file_in_vni_by_its_bytes(tmp_path):
    text = _seed_text("001")
    (tmp_path / "unicode.txt").write_text(text, encoding="utf-8")
    (tmp_path / "vni.txt").write_bytes(vni(text).encode("cp1252"))
    old = read_document(tmp_path / "vni.txt")
    assert _texts(old) == _texts(read_document(tmp_path / "unicode.txt")) and old.converted_from == VNI


def test_a_named_font_helps_short_text():
    """A reader that knows the file's fonts but not which cell uses which (.xls, PDF): one telling word will do."""
    short = SourceDocument("x.xls", "xlsx", ["B¶o", Table([["1", "STT"]])])
    assert normalize_document(short).converted_from is None
    short = SourceDocument("x.xls", "xlsx", ["B¶o", Table([["1", "STT"]])], fonts={".VnTime", "Arial"})
    assert normalize_document(short).blocks[0] == "Bảo"
    assert short.warnings[0].startswith("Văn bản dùng bảng mã cũ TCVN3 (phông .VnTime)")


def test_pasted_tcvn3_table():
    document = read_pasted(None, tcvn3("STT\tNhiệm vụ\tCơ quan chủ trì\n1\tRà soát thủ tục hành chính\tVăn phòng\n"))
    assert document.tables[0].rows[1] == ["1", "Rà soát thủ tục hành chính", "Văn phòng"]
    assert document.converted_from == TCVN3


def test_marks_match_the_word_transform():
    from cchc_desktop.importers import docx_reader
    for start, end in legacy_text.MARKS.values():
        assert f"&#x{ord(start):X};" in docx_reader._XSL and f"&#x{ord(end):X};" in docx_reader._XSL


# --- Word: tables inside tables ------------------------------------------------------------------

def test_task_table_inside_a_frame_table():
    preview = analyze(read_document(REPROS / "nested.docx"), builtin_matcher())
    assert [(t.domain, t.code, t.name, [u.name for u in t.lead], t.deadline_text) for t in preview.tasks] == [
        ("I", "1", "Ban hành Kế hoạch CCHC năm 2026", ["Văn phòng HĐND và UBND"], "Quý I/2026"),
        ("I", "2", "Kiểm tra công tác CCHC", ["Phòng Văn hóa - Xã hội"], "Quý IV/2026")]


def test_layout_table_yields_its_content_in_order(tmp_path):
    import docx
    word = docx.Document()
    word.add_paragraph("Trước khung")
    frame = word.add_table(rows=1, cols=2)
    left, right = frame.rows[0].cells
    left.paragraphs[0].add_run("PHỤ LỤC I")
    first = left.add_table(rows=2, cols=2)
    for row, values in zip(first.rows, (("STT", "Nhiệm vụ"), ("1", "A"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    right.paragraphs[0].add_run("PHỤ LỤC II")
    second = right.add_table(rows=1, cols=2)
    for cell, value in zip(second.rows[0].cells, ("2", "B")):
        cell.text = value
    word.add_paragraph("Sau khung")
    path = tmp_path / "khung.docx"
    word.save(str(path))
    assert _texts(read_document(path)) == ["Trước khung", "PHỤ LỤC I", [["STT", "Nhiệm vụ"], ["1", "A"]],
                                           "PHỤ LỤC II", [["2", "B"]], "Sau khung"]


def test_small_table_inside_a_task_cell_stays_in_that_cell(tmp_path):
    import docx
    word = docx.Document()
    rows = (("STT", "Nhiệm vụ", "Chủ trì"), ("1", "Rà soát", "VP"), ("2", "Kiểm tra", "VHXH"), ("3", "Báo cáo", "VP"),
            ("4", "Tổng kết", "VP"))
    table = word.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    inner = table.cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Đợt 1", "Đợt 2"
    path = tmp_path / "o-trong-o.docx"
    word.save(str(path))
    (only,) = read_document(path).tables
    assert only.rows[2] == ["2", "Kiểm tra\nĐợt 1\nĐợt 2", "VHXH"] and len(only.rows) == 5


# --- Excel: formulas saved without values ----------------------------------------------------------

def test_stt_formulas_without_values_are_computed():
    document = read_document(REPROS / "formula_stt.xlsx")
    assert [r[0] for r in document.tables[0].rows] == ["STT", "I", "1", "2"]
    assert not document.warnings
    preview = analyze(document, builtin_matcher())
    assert [(t.domain, t.code, t.name) for t in preview.tasks] == [
        ("I", "1", "Ban hành Kế hoạch CCHC năm 2026"), ("I", "2", "Kiểm tra công tác CCHC")]


def test_formulas_we_cannot_compute_are_left_empty_with_a_warning(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet.append(["STT", "Nhiệm vụ", "Chủ trì"])
    sheet.append([1, "Rà soát", "VP"])
    sheet.append(["=A2+1", "Kiểm tra", "=VLOOKUP(B3,Sheet2!A:B,2,0)"])
    sheet.append(["=A3+1", "=B2", "=C2"])
    path = tmp_path / "cong-thuc.xlsx"
    book.save(str(path))
    document = read_document(path)
    assert document.tables[0].rows == [["STT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát", "VP"], ["2", "Kiểm tra", ""],
                                       ["3", "", ""]]
    (warning,) = document.warnings
    assert warning.startswith("Ô C3 và 2 ô khác của trang tính “Phụ lục” là công thức chưa có giá trị tính sẵn")


def test_normal_workbooks_skip_the_formula_pass(tmp_path, monkeypatch):
    from cchc_desktop.importers import xlsx_reader
    monkeypatch.setattr(xlsx_reader, "_fill_formulas", lambda *a: pytest.fail("formula pass on a normal file"))
    assert read_document(seed_file("004", "xlsx", tmp_path)).tables


def test_which_formula_cells_lack_a_value():
    assert _has_uncached(b'<c r="A5"><f>ROW()-4</f><v></v></c>')
    assert _has_uncached(b'<c r="A5"><f>ROW()-4</f></c>')
    assert _has_uncached(b'<x:c r="A6"><x:f t="shared" si="0"/></x:c>')
    assert not _has_uncached(b'<c r="A5"><f>ROW()-4</f><v>1</v></c>')
    assert not _has_uncached(b'<c r="A5" t="str"><f>IF(B5="","",B5)</f><v></v></c>')


@pytest.mark.parametrize("formula, value", [
    ("=ROW()-4", 2), ("=row() - 4", 2), ("=A5+1", 8), ("=$A$5+1", 8), ("=3", 3), ("=-(2+3)-1", -6),
    ("=ROW(A10)", 10), ("=COLUMN()", 2), ("=1.5+1", 2.5), ("=((((1))))", 1),
    ("=SUM(A1:A3)", None), ('=__import__("os")', None), ("=A6+1", None), ("=1+", None), ('="abc"', None),
    ("=Sheet1!A1", None), ("=B5", None), ("=2*3", None), ("=" + "(" * 5000 + "1" + ")" * 5000, None),
])
def test_evaluate_simple_formulas_only(formula, value):
    known = {(5, 1): 7, (5, 2): "không phải số"}
    assert evaluate(formula, 6, 2, lambda r, c: known.get((r, c)) if isinstance(known.get((r, c)), int) else None) \
        == value


# --- Memory -------------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is not on Windows")
def test_big_word_file_costs_little_memory(tmp_path):
    from bench.bench_import_memory import build_big_docx, peak_bytes
    path = build_big_docx(tmp_path / "nhieu-anh.docx", 30)
    size = path.stat().st_size
    growth = peak_bytes(path) - peak_bytes(None)
    # The pictures are never unpacked: reading costs a small part of the file's size, not a multiple.
    assert growth < 0.5 * size, (growth / 2**20, size / 2**20)


# --- A file mixing TCVN3 cells and Unicode cells with Latin-1 accents only -------------------------

def test_unicode_cells_with_latin1_accents_stay_as_typed_in_a_tcvn3_file(tmp_path):
    """A commune pasted Unicode rows ("Rà soát", "Tài chính") into an old TCVN3 sheet: only the TCVN3 cells
    are converted; "Rà soát" read as TCVN3 would become "Rà soỏt" and "Tài chính" "Tài chớnh"."""
    rows = [["STT", tcvn3("Nội dung nhiệm vụ"), tcvn3("Cơ quan chủ trì")],
            ["1", tcvn3("Kiểm tra công tác cải cách hành chính"), tcvn3("Văn phòng")],
            ["2", "Rà soát TTHC", "Tài chính"],
            ["3", "Báo cáo kết quả soát xét", tcvn3("Công an xã")]]
    document = SourceDocument("x.xls", "xlsx", [Table(rows)])
    normalize_document(document)
    assert document.converted_from == TCVN3
    assert document.tables[0].rows == [
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"], ["1", "Kiểm tra công tác cải cách hành chính", "Văn phòng"],
        ["2", "Rà soát TTHC", "Tài chính"], ["3", "Báo cáo kết quả soát xét", "Công an xã"]]


@pytest.mark.parametrize("word", ["soát", "Rà", "chính", "Quý", "khuỷu", "nghiêng", "quyết", "giặt", "xoong",
                                  "thuở", "người", "gì"])
def test_real_vietnamese_syllables_are_recognised(word):
    from cchc_desktop.importers.syllables import is_syllable
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["soỏt", "tèt", "chớnhh", "baá", "hoaà", "TTHC", "xyz"])
def test_misspelt_syllables_are_not(word):
    """"tèt": a syllable ending in t takes only sắc or nặng; two tones, unknown vowel clusters and
    consonant clusters are not Vietnamese."""
    from cchc_desktop.importers.syllables import is_syllable
    assert not is_syllable(word)


def test_a_tcvn3_cell_of_latin1_letters_alone_is_still_converted():
    """TCVN3 "tèt" (tốt) holds only Latin-1 letters, but is no syllable as it stands: it is converted."""
    assert legacy_text.convert_unless_unicode("KÕt qu¶ tèt", TCVN3) == "Kết quả tốt"
    assert legacy_text.convert_unless_unicode("tèt", TCVN3) == "tốt"
    # "thuéc" is spelt like a syllable, but "x·" and "§V" are TCVN3 through and through
    assert legacy_text.convert_unless_unicode("Sè §VSNCL thuéc UBND x·", TCVN3) == "Số ĐVSNCL thuộc UBND xã"
