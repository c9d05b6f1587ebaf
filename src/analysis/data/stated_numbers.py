"""The number a few words of English state, and the value in a claim's unit that words holding a number give.

A claim names the words of its quotation that give its value (claims.csv's
`stated_as`). When those words are a number alone ("89", "1,065", "seven",
"sixty-fourth", "a thousand") the claim's value must be that number. When they
hold a number among other words ("two weeks later", "from 2006 to 2009", "the
mid-’70s"), the value must be what one of the book's readings (READINGS) makes
of it in the claim's unit, and words holding a number no reading knows are
refused. Words holding no number ("dozens", "the following day", "most") are
shown in the ledger beside the value the book reads from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

DASHES = re.compile("[\u2010\u2011\u2012\u2013]")  # hyphens and the en dash a range is set with, folded to "-"
DIGITS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?")
UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
UNIT_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth"
    " sixteenth seventeenth eighteenth nineteenth"
)
CARDINALS = {name: value for value, name in enumerate(UNITS.split())}
ORDINALS = {name: value for value, name in enumerate(UNIT_ORDINALS.split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
TENS_ORDINALS = {name.removesuffix("y") + "ieth": value for name, value in TENS.items()}
SCALES = {"hundred": 100, "thousand": 1_000}
# A word that is or holds a number: figures, a decade ("1990s", "’70s"), a number's name or an ordinal's.
NUMBER_WORDS = "|".join([*CARDINALS, *ORDINALS, *TENS, *TENS_ORDINALS, *SCALES])
HOLDS_A_NUMBER = re.compile(rf"[0-9]|\b(?:{NUMBER_WORDS})\b", re.IGNORECASE)


def _below_hundred(word: str, ordinal: bool = True) -> int | None:
    """'seven', 'seventh', 'sixty', 'sixtieth', 'sixty-four', 'sixty-fourth' (cardinals alone unless `ordinal`)."""
    small = CARDINALS | (ORDINALS if ordinal else {})
    tens = TENS | (TENS_ORDINALS if ordinal else {})
    if word in small:
        return small[word]
    if word in tens:
        return tens[word]
    ten, _, unit = word.partition("-")
    if ten in TENS and unit in small and 0 < small[unit] < 10:
        return TENS[ten] + small[unit]
    return None


def number_stated(words: str) -> float | None:
    """The number `words` state, or None when they are not a number alone.

    >>> number_stated("1,065"), number_stated("Sixty-fourth"), number_stated("a thousand"), number_stated("two weeks")
    (1065.0, 64.0, 1000.0, None)
    """
    text = DASHES.sub("-", words.strip())
    if DIGITS.fullmatch(text):
        return float(text.replace(",", ""))
    tokens = text.lower().split()
    if len(tokens) == 1:
        value = _below_hundred(tokens[0])
        return None if value is None else float(value)
    if len(tokens) == 2 and tokens[1] in SCALES:
        multiplier = 1 if tokens[0] == "a" else _below_hundred(tokens[0], ordinal=False)
        return None if multiplier is None else float(multiplier * SCALES[tokens[1]])
    return None


def _per_scale(match: re.Match[str], unit: str) -> float | None:
    """'two weeks later' in days, 'five decades' in years."""
    count, scale = number_stated(match["count"]), match["scale"].lower()
    per = {("weeks", "days"): 7, ("decades", "years"): 10, ("days", "days"): 1, ("months", "months"): 1}.get((scale, unit))
    return None if count is None or per is None else count * per


def _clock(match: re.Match[str], unit: str) -> float | None:
    """'seven o’clock on the evening' on a 24-hour clock."""
    hour = number_stated(match["hour"])
    return None if hour is None or not unit.startswith("hours (24-hour clock)") else hour + (12 if match["evening"] else 0)


def _span(match: re.Match[str], unit: str) -> float | None:
    """'from 2006 to 2009' in years."""
    return float(int(match["last"]) - int(match["first"])) if unit.startswith("years") else None


def _decade(match: re.Match[str], unit: str) -> float | None:
    """'the 1990s' as the decade's first year; 'the mid-’70s' as its middle (the twentieth century's)."""
    if unit not in ("decade", "year"):
        return None
    start = int(match["year"]) if len(match["year"]) == 4 else 1900 + int(match["year"])
    return start + (5 if match["mid"] else 0)


def _first(match: re.Match[str], unit: str) -> float | None:
    """'first coaxed' as no earlier one; 'wasn’t her first visit' as at least one earlier."""
    return (1.0 if match["negated"] else 0.0) if unit.startswith("earlier ") else None


# The readings of words that hold a number among other words, tried in turn: the first that matches reads them.
READINGS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], float | None]], ...] = (
    (re.compile(r"(?:almost |about |nearly )?(?P<count>\w+) (?P<scale>weeks|decades|days|months)\b.*", re.IGNORECASE), _per_scale),
    (re.compile(r"(?P<hour>\w+) o’clock(?P<evening> on the evening)?\b.*"), _clock),
    (re.compile(r"from (?P<first>[0-9]{4}) to (?P<last>[0-9]{4})"), _span),
    (re.compile(r"the (?P<mid>mid-)?’?(?P<year>[0-9]{4}|[0-9]{2})s"), _decade),
    (re.compile(r"(?P<negated>\w+n’t \w+ )?first\b.*", re.IGNORECASE), _first),
)


def value_read(words: str, unit: str) -> float | None:
    """The value in `unit` that `words` holding a number give (a number alone, or by a reading of READINGS);
    None when no reading knows them. Words that hold no number are not asked."""
    alone = number_stated(words)
    if alone is not None:
        return alone
    text = DASHES.sub("-", words.strip())
    for pattern, read in READINGS:
        match = pattern.fullmatch(text)
        if match:
            return read(match, unit)
    return None


def holds_a_number(words: str) -> bool:
    return HOLDS_A_NUMBER.search(words) is not None


# A number's characters that join it to the next (1,065; 1.5; sixty-four): a match beside one is inside a number.
_JOINED = re.compile(r"[0-9A-Za-z]+(?:[,.\-\u2010\u2011][0-9A-Za-z]+)*")


def stated_at(quote: str, words: str) -> int:
    """Where `words` first stand in `quote` starting and ending on a word's edge, not part of a longer number
    ("seven" of "13 to seven", not of "seventeen"; "100" not of "100,000", nor "four" of "sixty-four"); -1 if nowhere."""
    start = quote.find(words)
    while words and start != -1:
        end = start + len(words)
        cuts_a_word = (start > 0 and quote[start - 1].isalnum() and words[0].isalnum()) or (
            end < len(quote) and quote[end].isalnum() and words[-1].isalnum()
        )
        if not cuts_a_word and not _inside_a_longer_number(quote, words, start, end):
            return start
        start = quote.find(words, start + 1)
    return -1


def stated_in(quote: str, words: str) -> bool:
    """True when `words` stand in `quote` (stated_at)."""
    return stated_at(quote, words) >= 0


def _inside_a_longer_number(quote: str, words: str, start: int, end: int) -> bool:
    for joined in _JOINED.finditer(quote):
        around = joined.group(0)
        if joined.start() <= start and end <= joined.end() and around != words and number_stated(around) is not None:
            return True
    return False
