"""Whether a word is a Vietnamese syllable as written in Unicode: the spelling rules an importer uses to
tell Unicode text that happens to use only Latin-1 accents ("Rà soát", "Tài chính") from a TCVN3 cell whose
bytes read as the same Latin-1 letters ("so¸t" → "soát" is right; "soát" read as TCVN3 gives "soỏt").

A syllable is an initial consonant, a vowel nucleus (with its glide), an optional final, and at most one
tone mark; a syllable ending in c, ch, p or t carries only sắc or nặng (the "checked" syllables of
Vietnamese phonology, as every grammar states them).
"""
from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"        # huyền, sắc, ngã, hỏi, nặng
_CHECKED_TONES = "\u0301\u0323"                  # the only tones after a final c, ch, p, t
_INITIALS = ("ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
             "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ai ao au âu ay ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ ue uê ui uô uơ "
           "ươ ưa ưi ưu uy yê iêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu yêu").split()
_FINALS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
_SYLLABLE = re.compile("^(?:{})(?:{})(?:{})$".format(
    "|".join(_INITIALS), "|".join(sorted(_NUCLEI, key=len, reverse=True)), "|".join(_FINALS)))
_WORD = re.compile(r"[^\W\d_]+")


def is_syllable(word: str) -> bool:
    """True when ``word`` (one word, any case, NFC or not) is spelt as a Vietnamese syllable can be."""
    parts = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in parts if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
    if not _SYLLABLE.match(bare):
        return False
    checked = bare.endswith(("c", "ch", "p", "t"))
    return not (checked and tones and tones[0] not in _CHECKED_TONES)


def accented_words(text: str) -> list[str]:
    """The words of ``text`` holding a letter beyond ASCII ("Rà soát TTHC" → ["Rà", "soát"])."""
    return [w for w in _WORD.findall(text) if not w.isascii()]
