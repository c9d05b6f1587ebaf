"""Who published a source, as sources.csv names it and as a count of publishers reads it.

A row's publisher may say more than the outlet: the agency whose report it
carried ("Ahram Online (AFP)"), a section ("Peace Now (Settlement Watch East
Jerusalem)") or the site it was read through ("UN OCHA via ReliefWeb").
Counted, each of these is its outlet; and one outlet is spelt one way across
the table, so that a caption's "and 30 other publishers" counts outlets, not
spellings.
"""

from __future__ import annotations

import re

from analysis.data.text_rules import comparable

PARENTHESES = re.compile(r"\s*\([^()]*\)")
READ_THROUGH = re.compile(r"(?:,?\s+via\s+|\s+/\s+).*$", re.IGNORECASE)
UNSPELT = re.compile(r"\b(?:the|english)\b|[\W_]+")  # words and marks two spellings of one outlet differ by
INITIALLED_WORDS = re.compile(r"\b[A-Z]")
# Outlets known by another name no rule of spelling reaches, as `spelling_key` folds them.
OTHER_NAMES = {"ynet": "ynetnews", "israelnationalnews": "arutzsheva"}


def outlet(publisher: str) -> str:
    """The outlet that published a source: `publisher` without its parentheses (the agency it carried, a section,
    the site it was read through) and without a trailing "via X" or "/ X" ("Ynetnews / AFP" is Ynetnews)."""
    return READ_THROUGH.sub("", PARENTHESES.sub("", publisher)).strip()


def spelling_key(name: str) -> str:
    """What two spellings of one outlet share: "Ynet News" and "Ynetnews", "Al Arabiya" and "Al Arabiya English",
    and an outlet and its other name (OTHER_NAMES: "Ynet", "Israel National News"); `initials` take an acronym's
    words ("Jewish Telegraphic Agency" and "JTA")."""
    key = UNSPELT.sub("", comparable(name))
    return OTHER_NAMES.get(key, key)


def initials(name: str) -> str:
    """The capitals that begin `name`'s words, folded: "jta" for "Jewish Telegraphic Agency"; a one-word name has none."""
    letters = INITIALLED_WORDS.findall(name)
    return "".join(letters).casefold() if len(letters) > 1 else ""


def spelt_otherwise(publishers: list[str]) -> list[str | None]:
    """For each publisher, another outlet name of the list that spells its outlet otherwise (by `spelling_key`, or
    an acronym against the words it stands for), or None: one outlet is named one way."""
    outlets = [outlet(publisher) for publisher in publishers]
    spellings: dict[str, set[str]] = {}
    written_out: dict[str, set[str]] = {}
    for name in outlets:
        spellings.setdefault(spelling_key(name), set()).add(name)
        if initials(name):
            written_out.setdefault(initials(name), set()).add(name)

    def other(name: str) -> str | None:
        key = spelling_key(name)
        named = spellings[key] | spellings.get(initials(name), set()) | written_out.get(key, set())
        others = sorted(named - {name})
        return others[0] if others else None

    return [other(name) for name in outlets]
