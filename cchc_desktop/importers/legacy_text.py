"""Text as the officer sees it: old Vietnamese encodings (TCVN3, VNI) to Unicode, and NFC everywhere.

Before Unicode, Vietnamese was typed in 8-bit fonts (see /work/shared/domain.md, "Old files
and old fonts"). A Word, Excel or web file keeps those bytes as the Windows-1252 characters
they happen to be ("ViÖt Nam" in .VnTime, "Vieät Nam" in VNI-Times); only the font made them
look right. The tables below are the ones Unikey's converter uses:

- TCVN3 (ABC, TCVN 5712:1993 VN3): one byte per letter; lower-case letters only, plus the
  seven capitals Ă Â Ê Ô Ơ Ư Đ. The "H" fonts (".VnTimeH") draw every code as a CAPITAL,
  so text in them is upper-cased after conversion.
- VNI-Windows: a base letter followed by a separate mark character ("a" + "ø" = "à");
  ơ, ư, đ and the i/ỵ forms are single characters.

Readers mark the text they know to be in a legacy font (per Word run, Excel cell, HTML
element: ``wrap``, or the same marks from the docx transform) and convert it once the file is
read (``convert_marked``), which also records a warning (``mark_converted``).
``normalize_document`` runs once on every read document: if no reader converted anything it
looks at the characters themselves (``detect``), then puts everything in NFC, so importing the
same plan again in NFC changes nothing.
"""
from __future__ import annotations

import re
import unicodedata

from cchc_desktop.i18n import tr
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.syllables import accented_words, is_syllable

TCVN3, VNI = "TCVN3", "VNI"

# TCVN3: each Unicode letter, then its byte (as the Windows-1252 character Word stores for it).
_TCVN3_LETTERS = ("àảãáạ" "ăằẳẵắặ" "âầẩẫấậ" "đ" "èẻẽéẹ" "êềểễếệ" "ìỉĩíị" "òỏõóọ" "ôồổỗốộ"
                  "ơờởỡớợ" "ùủũúụ" "ưừửữứự" "ỳỷỹýỵ" "ĂÂÊÔƠƯĐ")
_TCVN3_BYTES = bytes.fromhex("B5B6B7B8B9 A8BBBCBDBEC6 A9C7C8C9CACB AE CCCECFD0D1 AAD2D3D4D5D6 D7D8DCDDDE"
                             "DFE1E2E3E4 ABE5E6E7E8E9 ACEAEBECEDEE EFF1F2F3F4 ADF5F6F7F8F9 FAFBFCFDFE"
                             "A1A2A3A4A5A6A7")
_TCVN3_CODES = _TCVN3_BYTES.decode("latin-1")
_FROM_TCVN3 = str.maketrans(dict(zip(_TCVN3_CODES, _TCVN3_LETTERS)))

# VNI-Windows marks, by what they add: a tone (after a e o u y ơ ư), a circumflex with a tone
# (after a e o), a breve with a tone (after a). In each: none, sắc, huyền, hỏi, ngã, nặng.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_TONE_MARKS = "ùøûõï"           # sắc … nặng: a plain letter needs no mark
_HAT_MARKS = "âáàåãä"
_BREVE_MARKS = "êéèúüë"
_VNI_SINGLES = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_BASES = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}


def _vni_pairs() -> dict[str, str]:
    """"aø" → "à" … for every lower-case base + mark pair VNI-Windows defines."""
    pairs = {}
    nfc = unicodedata.normalize
    for base, letter in _VNI_BASES.items():
        for mark, tone in zip(_TONE_MARKS, _TONES[1:]):
            pairs[base + mark] = nfc("NFC", letter + tone)
        if base in "aeo":
            for mark, tone in zip(_HAT_MARKS, _TONES):
                pairs[base + mark] = nfc("NFC", letter + "\u0302" + tone)
        if base == "a":
            for mark, tone in zip(_BREVE_MARKS, _TONES):
                pairs[base + mark] = nfc("NFC", "a\u0306" + tone)
    return pairs


_VNI_PAIRS = _vni_pairs()
_TONE_CLASS = _TONE_MARKS + _TONE_MARKS.upper()
_HAT_CLASS = _TONE_CLASS + _HAT_MARKS + _HAT_MARKS.upper()
_ALL_CLASS = _HAT_CLASS + _BREVE_MARKS + _BREVE_MARKS.upper()
_SINGLE_CLASS = "".join(_VNI_SINGLES) + "".join(_VNI_SINGLES).upper()
_VNI_TOKEN = re.compile(f"[aA][{_ALL_CLASS}]|[eEoO][{_HAT_CLASS}]|[uUyYôÔöÖ][{_TONE_CLASS}]|[{_SINGLE_CLASS}]")

# Letters of Vietnamese in Unicode beyond Latin-1 (ă đ ĩ ũ ơ ư, the tone-marked block, combining
# marks): text holding any is Unicode already and is never converted.
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                                 "\u0300-\u0303\u0309\u0323\u1ea0-\u1ef9]")
_HIGH = re.compile("[\u00a1-\u00ff]")


def to_unicode(text: str, encoding: str, capitals: bool = False) -> str:
    """``text`` typed in a TCVN3 or VNI font, in Unicode (NFC); ``capitals`` for an "H" font."""
    if encoding == TCVN3:
        text = text.translate(_FROM_TCVN3)
    elif encoding == VNI:
        text = _VNI_TOKEN.sub(_vni_letter, text)
    return text.upper() if capitals else text


def _vni_letter(match: re.Match) -> str:
    token = match.group()
    if len(token) == 1:
        single = _VNI_SINGLES[token.lower()]
        return single.upper() if token.isupper() else single
    letter = _VNI_PAIRS[token.lower()]
    return letter.upper() if token[0].isupper() else letter   # the base letter decides the case


def font_encoding(name: str) -> tuple[str, bool] | None:
    """(encoding, capitals) of a legacy font name, None for any other font.

    ".VnTime", ".VnArial Narrow" → ("TCVN3", False); ".VnTimeH" → ("TCVN3", True);
    "VNI-Times", "VNI-Helve" → ("VNI", False). The docx transform repeats this rule in XSLT."""
    name = name.strip().strip("'\"").strip()
    lowered = name.lower()
    if lowered.startswith(".vn"):
        return TCVN3, name.endswith("H")
    if lowered.startswith(("vni-", "vni ")):
        return VNI, False
    return None


def legacy_fonts(fonts, encoding: str | None = None) -> list[str]:
    """The legacy font names among ``fonts`` (of ``encoding`` when given), sorted."""
    return sorted(f for f in fonts if (found := font_encoding(f)) and encoding in (None, found[0]))


def is_unicode_vietnamese(text: str) -> bool:
    return _UNICODE_VIETNAMESE.search(text) is not None


def typed_in_unicode(text: str, encoding: str) -> bool:
    """For text whose encoding the characters decided (no font marks it): True when ``text``, in a file found
    to be in ``encoding``, was typed in Unicode all the same:
    it holds Unicode Vietnamese letters (ư, ạ …); or, for TCVN3, a letter TCVN3 has no code for ("à" in
    "Rà soát"); or, with no sign of TCVN3 in it, its accented words are Vietnamese syllables as they stand
    and some would not be once converted ("soát" → "soỏt"). Latin-1 accents alone ("Tài chính") do not
    make text Unicode: TCVN3 "tèt" (tốt) is no syllable as it stands."""
    if is_unicode_vietnamese(text):
        return True
    if encoding == TCVN3:
        if any(c.isalpha() and c not in _TCVN3_CODES for c in _HIGH.findall(text)):
            return True
        if any(_tcvn3_evidence(word) for word in _WORD.findall(text)):
            return False
    words = accented_words(text)
    return (bool(words) and all(map(is_syllable, words))
            and not all(is_syllable(to_unicode(word, encoding)) for word in words))


def mark_converted(document: SourceDocument, encoding: str, fonts=()) -> None:
    """Record that ``document`` had text in ``encoding`` (named fonts, or found by its characters)."""
    if document.converted_from and encoding in document.converted_from.split(", "):
        return
    document.converted_from = f"{document.converted_from}, {encoding}" if document.converted_from else encoding
    names = legacy_fonts(fonts, encoding)
    how = tr("phông {fonts}", fonts=", ".join(names)) if names else tr("nhận ra qua các ký tự trong tệp")
    document.warnings.append(tr("Văn bản dùng bảng mã cũ {encoding} ({how}); đã chuyển sang Unicode. "
                                "Hãy kiểm tra dấu tiếng Việt trong bản xem trước.", encoding=encoding, how=how))


# --- Marked stretches: text whose font is known while a reader walks the file ----------------

# Private-use start and end marks for text in a legacy font, by (encoding, capitals). The docx
# transform writes the same code points (&#xE005; … &#xE00A;); real text never holds them.
MARKS = {(TCVN3, False): ("\ue005", "\ue006"), (TCVN3, True): ("\ue007", "\ue008"), (VNI, False): ("\ue009", "\ue00a")}


def wrap(text: str, encoding: str, capitals: bool = False) -> str:
    """Each line of ``text`` between the marks of its font (the spaces around it stay outside), for
    ``convert_marked`` once the whole document is read."""
    start, end = MARKS[(encoding, capitals and encoding == TCVN3)]    # only TCVN3 has capitals fonts
    return "\n".join(_wrap_line(line, start, end) for line in text.split("\n"))


def _wrap_line(line: str, start: str, end: str) -> str:
    core = line.strip()
    if not core:
        return line
    at = line.index(core)
    return f"{line[:at]}{start}{core}{end}{line[at + len(core):]}"


def convert_marked(texts: list[str], document: SourceDocument) -> list[str]:
    """``texts`` (the paragraphs and cells of one document) with every marked stretch in Unicode.

    Rules, for each encoding:
    - a stretch holding Unicode Vietnamese letters (ư, ạ …) was typed in Unicode whatever its
      font says, and stays as it is;
    - if some stretches are like that, the font is an old template's default, not what was
      typed: the others are converted only when their characters say so too (``detect_among``);
    - stretches of one font that touch are joined before converting: Word and web pages cut a
      word into several runs ("Vie" + "ät"), and a VNI mark must meet its letter.
    The conversion is recorded on ``document`` (``mark_converted``) when it changed some text."""
    for encoding in (TCVN3, VNI):
        groups = [(capitals, re.compile(f"{start}([^{end}]*){end}"), start, end)
                  for (name, capitals), (start, end) in MARKS.items() if name == encoding]
        pieces = [p for _, stretch, start, _ in groups for t in texts if start in t for p in stretch.findall(t)]
        if not pieces:
            continue
        trusted = _font_trusted(pieces, encoding)
        texts = [_convert_stretches(t, groups, encoding, trusted) for t in texts]
        if trusted and any(not is_unicode_vietnamese(p) and to_unicode(p, encoding) != p for p in pieces):
            mark_converted(document, encoding, document.fonts)
    return texts


def _font_trusted(pieces: list[str], encoding: str) -> bool:
    unicode_pieces = [p for p in pieces if is_unicode_vietnamese(p)]
    if not unicode_pieces:
        return True
    return detect_among(p for p in pieces if not is_unicode_vietnamese(p)) == encoding


def _convert_stretches(text: str, groups, encoding: str, trusted: bool) -> str:
    for capitals, stretch, start, end in groups:
        if start not in text:
            continue
        text = stretch.sub(lambda m: m.group() if trusted and not is_unicode_vietnamese(m.group(1)) else m.group(1),
                           text)
        text = stretch.sub(lambda m: to_unicode(m.group(1), encoding, capitals), text.replace(end + start, ""))
    return text


def convert_marked_document(document: SourceDocument) -> None:
    """``convert_marked`` over every paragraph and cell of ``document``, in place."""
    cells = [cell for block in document.blocks if isinstance(block, Table) for row in block.rows for cell in row]
    paragraphs = [block for block in document.blocks if isinstance(block, str)]
    converted = iter(convert_marked(paragraphs + cells, document))
    for index, block in enumerate(document.blocks):
        if isinstance(block, str):
            document.blocks[index] = next(converted)
    for block in document.tables:
        block.rows = [[next(converted) for _ in row] for row in block.rows]


# --- Detection from the characters themselves -------------------------------------------------

_WORD = re.compile("[A-Za-z\u00a1-\u00ff]+")
_ASCII_LETTER = re.compile("[A-Za-z]")
_TCVN3_SYMBOLS = frozenset(c for c in _TCVN3_CODES if c < "\u00bf")   # ¡ … ¾: never letters in real text
_LATIN1_VIETNAMESE = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_ODD = frozenset(c for c in _TCVN3_CODES if c >= "\u00bf" and c not in _LATIN1_VIETNAMESE)
_TCVN3_CAPS = frozenset(c for c in _TCVN3_CODES if c >= "\u00bf" and c in _LATIN1_VIETNAMESE and c.isupper())
# VNI pairs that are also real Unicode spellings ("hoá", "hoà", "xoã") prove nothing.
_VNI_AMBIGUOUS = frozenset({"oá", "oà", "oã"})
_VNI_START = re.compile("^[ñÑ][aeiouyAEIOUYôöÔÖ]")
DETECT_CHARS = 400_000
_SUSPECT = re.compile("[" + "".join(sorted(_TCVN3_SYMBOLS | _TCVN3_ODD | set("øûïäåëüöñæîØÛÏÄÅËÜÖÑÆÎ"))) + "]")


def detect(text: str, hint: str | None = None) -> str | None:
    """TCVN3, VNI or None for ``text`` decoded as Windows-1252, judged word by word.

    A word is evidence when it holds what real text never does: for TCVN3 a code from the
    ¡…¾ range or an odd Latin-1 letter (Ö, ×, ñ…) inside a word, or an accented capital
    after a small letter ("ViÖt"); for VNI a vowel followed by its mark ("Vieät", "caùc") or
    "ñ" starting a word. At least two such words, at least 60 % of the words with accented
    letters, and for TCVN3 a quarter of them with ¡…¾ codes; one word is enough for the
    encoding ``hint`` names (the file names a font of it). Text with Unicode Vietnamese
    letters, plain English and accented Unicode Vietnamese ("Hòa Bình", "Quý I") all give None."""
    text = text[:DETECT_CHARS]
    if not _HIGH.search(text) or is_unicode_vietnamese(text):
        return None
    accented = tcvn3 = symbols = vni = 0
    for word in set(_WORD.findall(text)):    # a word repeated (a footer on every page) counts once
        if len(word) < 2 or word.isascii() or not _ASCII_LETTER.search(word):
            continue
        if word[0] == "«" and word[-1] == "»":      # «quoted», not TCVN3's ô … ằ
            continue
        accented += 1
        kind = _tcvn3_evidence(word)
        tcvn3 += kind > 0
        symbols += kind == 2
        vni += _vni_evidence(word)
    # Converted seed plans score about 0.85 of their accented words; French prose ("où", "naïf") 0.5.
    if tcvn3 >= (1 if hint == TCVN3 else 2) and tcvn3 >= vni and 5 * tcvn3 >= 3 * accented and 4 * symbols >= tcvn3:
        return TCVN3
    if vni >= (1 if hint == VNI else 2) and 5 * vni >= 3 * accented:
        return VNI
    return None


def _tcvn3_evidence(word: str) -> int:
    """2: a ¡…¾ code in the word; 1: another sign of TCVN3; 0: none.

    A ¡…¾ code counts after a letter ("lµ", "v¨n"), ® and § (đ, Đ) before one ("®i"), where
    TCVN3 puts them: "Microsoft®", "µm" and "©2026" are not TCVN3."""
    if any(c in _TCVN3_SYMBOLS and (word[i + 1: i + 2].isalpha() if c in "®§" else word[i - 1: i].isalpha())
           for i, c in enumerate(word)):
        return 2
    if any(c in _TCVN3_ODD for c in word):
        return 1
    return int(any(c in _TCVN3_CAPS and word[i - 1].islower() for i, c in enumerate(word) if i))


def _vni_evidence(word: str) -> bool:
    if _VNI_START.match(word):
        return True
    return any(len(m.group()) == 2 and m.group().lower() not in _VNI_AMBIGUOUS for m in _VNI_TOKEN.finditer(word))


# --- The one step every document goes through -------------------------------------------------

def normalize_document(document: SourceDocument) -> SourceDocument:
    """Every paragraph, cell and property of ``document`` in NFC, in place; returns the document.

    When no reader converted anything, text that ``detect`` finds in TCVN3/VNI is converted
    first: each paragraph or cell without Unicode Vietnamese letters."""
    if document.converted_from is None:
        _convert_by_characters(document)
    lost = [0]

    def clean(text: str) -> str:
        if "\x00" in text:   # a PDF font without a character map: the letter is gone, say so where it was
            lost[0] += text.count("\x00")
            text = text.replace("\x00", UNREADABLE)
        return unicodedata.normalize("NFC", text)
    for index, block in enumerate(document.blocks):
        if isinstance(block, Table):
            block.rows = [[clean(cell) for cell in row] for row in block.rows]
        else:
            document.blocks[index] = clean(block)
    document.properties = {k: clean(v) for k, v in document.properties.items()}
    if lost[0]:
        document.warnings.append(tr("{n} chữ trong tệp không đọc được (phông chữ của tệp không cho biết đó là chữ gì) "
                                    "và được thay bằng dấu “{mark}”. Hãy dùng bản Word/Excel của kế hoạch nếu có, "
                                    "hoặc sửa các ô đó trong bản xem trước.", n=lost[0], mark=UNREADABLE))
    return document


UNREADABLE = "\ufffd"   # where a letter could not be read


def might_be_legacy(text: str) -> bool:
    """A quick look before ``detect``: False when ``text`` has none of the characters TCVN3 or VNI
    text of any length holds (a ¡…¾ code, or a Latin-1 letter Vietnamese does not use: ø ï û ä ñ …)."""
    return _SUSPECT.search(text) is not None


def detect_among(texts, hint: str | None = None) -> str | None:
    """``detect`` over the texts (paragraphs, cells) that hold no Unicode Vietnamese letter, judged together."""
    candidates = [t for t in texts if _HIGH.search(t) and not is_unicode_vietnamese(t)]
    return detect("\n".join(candidates), hint) if candidates else None


def convert_unless_unicode(text: str, encoding: str) -> str:
    """``text`` converted from ``encoding``, unless it is plain ASCII or was typed in Unicode
    (``typed_in_unicode``)."""
    if not _HIGH.search(text) or typed_in_unicode(text, encoding):
        return text
    return to_unicode(text, encoding)


def _convert_by_characters(document: SourceDocument) -> None:
    """For readers that cannot tell the font of each piece of text (PDF, .xls, text): the
    characters decide, helped by the legacy font the file names when it names one kind only."""
    texts = list(_texts(document))
    if not might_be_legacy("\n".join(texts)):   # one pass over the whole text: most files stop here
        return
    named = {font_encoding(f)[0] for f in legacy_fonts(document.fonts)}
    encoding = detect_among(texts, hint=next(iter(named)) if len(named) == 1 else None)
    if encoding is None:
        return
    for index, block in enumerate(document.blocks):
        if isinstance(block, Table):
            block.rows = [[convert_unless_unicode(cell, encoding) for cell in row] for row in block.rows]
        else:
            document.blocks[index] = convert_unless_unicode(block, encoding)
    document.properties = {k: convert_unless_unicode(v, encoding) for k, v in document.properties.items()}
    mark_converted(document, encoding, document.fonts)


def _texts(document: SourceDocument):
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                yield from row
        else:
            yield block
    yield from document.properties.values()
