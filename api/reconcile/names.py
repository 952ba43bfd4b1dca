"""How names are compared: one folded form per name, and the variants archives write.

`fold` makes the forms that must compare equal identical: NFKC (full-width letters), traditional
characters as simplified (OpenCC t2s), the two ring zeros 〇 ○ as one, lower case, no tone marks,
no spaces, hyphens, apostrophes or brackets, and a few British spellings as American. Pinyin keeps
its tones in `toned`, so Shǎnxī and Shānxī stay apart when a person typed them.
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

from gongyun.normalise.chinese import has_han, strip_tones, to_simplified

# Administrative suffixes archives add or leave out: 山西省 / 山西, 天津市 / 天津, 磁县 / 磁.
ADMIN_SUFFIXES = ("省", "市", "县", "区", "镇")
_SPELLING = {"labour": "labor", "organisation": "organization", "defence": "defense",
             "centre": "center", "programme": "program"}
_ZEROS = str.maketrans({"○": "〇", "◯": "〇", "Ｏ": "〇"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def has_tone_marks(text: str) -> bool:
    return strip_tones(text, all_marks=True) != unicodedata.normalize("NFC", text)


def simplified(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text).translate(_ZEROS))


def words(text: str) -> list[str]:
    """Lower-case words without tone marks, British spellings as American."""
    base = strip_tones(simplified(text), all_marks=True).lower().replace("'", "").replace("’", "")
    return [_SPELLING.get(w, w) for w in _WORD.findall(base)]


def fold(text: str) -> str:
    return "".join(words(text))


def toned(text: str) -> str:
    """Pinyin folded but with its tone marks kept (shǎnxī); '' when it has none."""
    if not has_tone_marks(text):
        return ""
    base = unicodedata.normalize("NFC", simplified(text)).lower()
    return "".join(c for c in base if c.isalnum())


def pinyin_of(chinese: str) -> str:
    """The toneless pinyin of a Chinese name, run together (山西 -> shanxi)."""
    return "".join(s for s in lazy_pinyin(simplified(chinese)) if s.strip() and s.isascii()
                   and s.isalpha()) if has_han(chinese) else ""


def wade_giles_of(chinese: str) -> str:
    """The Wade-Giles reading of a Chinese name, folded (阎锡山 -> yenhsishan): how English
    books of the period spell people and places the postal system did not fix."""
    if not has_han(chinese):
        return ""
    syllables = lazy_pinyin(simplified(chinese), style=Style.WADEGILES)
    return fold(" ".join(s for s in syllables if s.strip()))


def without_admin_suffix(folded: str, places: frozenset[str] = frozenset()) -> set[str]:
    """Forms of a folded Chinese name without an administrative suffix: at the end (天津市 ->
    天津) or right after a place name it starts with (北平市总工会 -> 北平总工会)."""
    out = set()
    if len(folded) >= 3 and folded.endswith(ADMIN_SUFFIXES):
        out.add(folded[:-1])
    for place in places:
        if folded.startswith(place) and len(folded) > len(place) + 1 \
                and folded[len(place)] in ADMIN_SUFFIXES:
            out.add(place + folded[len(place) + 1:])
    return out
