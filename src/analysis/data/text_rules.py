"""Text rules every field of every table obeys, and how two values are told apart.

A value holds no control or directional-override character and nothing
invisible (format characters, separators, fillers); no word mixes letters of
two scripts; and two values a reader could not tell apart (case, compatibility
forms, invisible characters, whitespace) compare equal.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

# C0 controls (tab and line breaks included: no field holds them), DEL, C1
# controls, and the bidirectional embeddings, overrides and isolates.
UNSAFE_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
INVISIBLE = r"[\s\u200b\u200c\u200d\u2060\ufeff]"
# Characters that draw nothing yet make two values differ: format characters
# (directional marks, zero-width characters, the BOM, the soft hyphen), line
# and paragraph separators, and the fillers some scripts render as blank.
INVISIBLE_CATEGORIES = ("Cf", "Zl", "Zp")
FILLERS = "\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0"
# Marks that only choose a glyph's form, drawn as nothing after a letter: "East Jerusalem" with one after a
# letter read as a second, different term (they are nonspacing marks, not format characters).
VARIATION_SELECTORS = "".join(chr(code) for code in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)))
INVISIBLE_RULE = (
    "no invisible format character (separator, directional mark, BOM, soft hyphen, zero-width character, variation selector or filler)"
)


# The planes that hold a character of INVISIBLE_CATEGORIES in Python's Unicode
# database (basic, supplementary and special-purpose): scanning these alone takes
# a sixth of the time, which every process that validates a table pays
# (tests/test_tables.py checks them against the whole range).
INVISIBLE_PLANES = (range(0x0000, 0x20000), range(0xE0000, 0xF0000))


def invisible_in(codes: range) -> str:
    """The characters of INVISIBLE_CATEGORIES among `codes`."""
    return "".join(chr(code) for code in codes if unicodedata.category(chr(code)) in INVISIBLE_CATEGORIES)


@functools.cache
def invisible_characters() -> re.Pattern[str]:
    """Every character of INVISIBLE_CATEGORIES in this Python's Unicode database, the fillers and the variation selectors."""
    found = "".join(invisible_in(plane) for plane in INVISIBLE_PLANES)
    return re.compile(f"[{re.escape(found + FILLERS + VARIATION_SELECTORS)}]")


def has_invisible(value: str) -> bool:
    """True when `value` holds an invisible format character (none is ASCII)."""
    return not value.isascii() and invisible_characters().search(value) is not None


# Spaces that look like the plain one yet make two values differ (the no-break space, the thin and other
# fixed-width spaces, the ideographic space): a quotation of the account keeps those it sets.
OTHER_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
OTHER_SPACE_RULE = "no space but the plain one (a no-break or other Unicode space looks the same and makes two values differ)"
# What a spreadsheet or a careless export writes for a missing value: never a value of the book's.
PLACEHOLDERS = ("nan", "null", "n/a", "na", "nil", "undefined", "#n/a", "#value!", "#ref!", "-", "?")
PLACEHOLDER_RULE = f"not a placeholder for a missing value ({', '.join(PLACEHOLDERS)}, in any case): leave the cell empty"


LETTER_RUN = re.compile(r"[^\W\d_]+")
MIXED_SCRIPT_RULE = "no word mixes letters of two scripts (a look-alike, such as a Cyrillic letter in a Latin name)"
COMPARED = "compared after Unicode normalisation (NFKC), case folding and trimming"


def comparable(value: str) -> str:
    """`value` as a reader tells it apart: NFKC-normalised, case-folded, without
    invisible characters, its whitespace trimmed and collapsed."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    visible = folded if folded.isascii() else invisible_characters().sub("", folded)
    return " ".join(visible.split())


def _script(letter: str) -> str:
    """The script a letter belongs to, as the first word of its Unicode name (LATIN, CYRILLIC, GREEK...)."""
    return unicodedata.name(letter, "UNNAMED").split()[0]


def mixes_scripts(value: str) -> bool:
    """True when one word of `value` holds letters of two scripts."""
    return any(not word.isascii() and len({_script(letter) for letter in word}) > 1 for word in LETTER_RUN.findall(value))


def first_on_word_edges(text: str, words: str, keep: Callable[[int, int], bool] | None = None) -> int:
    """Where `words` first stand in `text` beginning and ending on a word's edge (and, if given, where `keep`
    of their start and end holds); -1 if nowhere: "ael would release the fourth tra" is in the account, but on
    no word's edge."""
    start = text.find(words)
    while words and start != -1:
        end = start + len(words)
        cuts_a_word = (start > 0 and text[start - 1].isalnum() and words[0].isalnum()) or (
            end < len(text) and text[end].isalnum() and words[-1].isalnum()
        )
        if not cuts_a_word and (keep is None or keep(start, end)):
            return start
        start = text.find(words, start + 1)
    return -1
