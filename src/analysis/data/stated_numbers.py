"""How the words of a claim's quotation state its value, and the comparison they allow.

A claim names the words of its quotation that give its value (claims.csv's
`stated_as`); `reading` says what they give:

* a number alone ("89", "1,065", "seven", "a thousand"; an ordinal, "seventh",
  only for a unit that is a rank): that number;
* a number among other words ("two weeks later", "from 2006 to 2009", "the
  mid-’70s", "sixty-fourth birthday"): what one of the book's READINGS makes of
  it in the claim's unit;
* words that hold no number ("dozens", "the following day", "most"): the
  book's reading of them in WORD_READINGS, with the one comparison it allows.

Words no reading knows give nothing, and so do words that stop short of what
the quotation states ("five" of "five decades"). A hedge before the words or
at their start ("more than", "nearly") fixes the comparison; without one a
number is exact, rounded, a rank or, as the book reads round figures, about.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis import number_words
from analysis.data.text_rules import first_on_word_edges

DASHES = re.compile("[\u2010\u2011\u2012\u2013]")  # hyphens and the en dash a range is set with, folded to "-"
DIGITS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?")
CARDINALS = {name: value for value, name in enumerate(number_words.UNITS)}
ORDINALS = {name: value for value, name in enumerate(number_words.UNIT_ORDINALS)}
TENS = {name: 20 + 10 * step for step, name in enumerate(number_words.TENS)}
TENS_ORDINALS = {name: 20 + 10 * step for step, name in enumerate(number_words.TENS_ORDINALS)}
SCALES = number_words.SCALES
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


# How many of a claim's unit one of a scale word makes ("two weeks later" in days).
PER_SCALE = {
    ("week", "days"): 7,
    ("decade", "years"): 10,
    ("day", "days"): 1,
    ("week", "weeks"): 1,
    ("month", "months"): 1,
    ("decade", "decades"): 1,
}


def _per_scale(match: re.Match[str], unit: str) -> float | None:
    """'two weeks later' in days, 'five decades' in years, 'a week' in days."""
    count = 1.0 if match["count"].lower() in ("a", "an", "one") else number_stated(match["count"])
    per = PER_SCALE.get((match["scale"].lower().removesuffix("s"), unit))
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


def _birthday(match: re.Match[str], unit: str) -> float | None:
    """'sixty-fourth birthday' as an age in years."""
    age = number_stated(match["age"])
    return age if unit == "years" else None


def _first(match: re.Match[str], unit: str) -> float | None:
    """'first coaxed' as no earlier one; 'wasn’t her first visit' as at least one earlier."""
    return (1.0 if match["negated"] else 0.0) if unit.startswith("earlier ") else None


# A hedge right before the words, or at their start, and the comparison it fixes. ("over three months" is no hedge:
# it says during.)
HEDGES = {
    "more than": ">",
    "at least": ">=",
    "fewer than": "<",
    "less than": "<",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "about": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
}
# A hedge joined to the end of a number, and the comparisons it allows.
HEDGES_AFTER = {"odd": ("about",), "plus": (">", ">=")}
HEDGE_AFTER = re.compile(rf"[-{DASHES.pattern[1:-1]}]({'|'.join(HEDGES_AFTER)})\b", re.IGNORECASE)
HEDGE_BEFORE = re.compile(rf"\b({'|'.join(HEDGES)})\s+$", re.IGNORECASE)
HEDGE_AT_START = re.compile(rf"({'|'.join(HEDGES)})\s", re.IGNORECASE)
NEGATED = r"\w+n’t \w+ "  # "wasn’t her": what follows is denied
# The readings of words that hold a number among other words, tried in turn: the first that matches reads them.
READINGS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], float | None]], ...] = (
    (
        re.compile(rf"(?:(?:{'|'.join(HEDGES)}) )?(?P<count>[\w,.\-]+) (?P<scale>weeks?|decades?|days?|months?)\b.*", re.IGNORECASE),
        _per_scale,
    ),
    (re.compile(r"(?P<hour>\w+) o’clock(?P<evening> on the evening)?\b.*"), _clock),
    (re.compile(r"from (?P<first>[0-9]{4}) to (?P<last>[0-9]{4})"), _span),
    (re.compile(r"the (?P<mid>mid-)?’?(?P<year>[0-9]{4}|[0-9]{2})s"), _decade),
    (re.compile(r"(?P<age>[\w-]+) birthday\b.*"), _birthday),
    (re.compile(rf"(?P<negated>{NEGATED})?first\b.*", re.IGNORECASE), _first),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
# The book's readings of words that hold no number, each with the one comparison it allows ("a few" read as
# about three of days, but at least three of months, as the account's two scenes use it).
WORD_READINGS: dict[str, tuple[float, str]] = {
    "nearly twice as often": (2, "nearly"),
    "dozens": (24, ">="),
    "thousands": (2_000, ">="),
    "most": (50, ">"),
    "the vast majority": (50, ">"),
    "more than an hour": (1, ">"),
    "hours before": (1, "<"),
    "days earlier": (1, ">="),
    "a few days after": (3, "about"),
    "a few months later": (3, ">="),
    "weekly": (1, "about"),
    "the following month": (1, "="),
    "the following day": (1, "="),
    "the next day": (1, "="),
    "the following morning": (1, "="),
    "the following night": (1, "="),
    "the morning after": (1, "="),
    "only other numerical route": (1, "="),
    **{f"in {month.lower()}": (number, "=") for number, month in enumerate(MONTHS, start=1)},
}
# What each word reading counts, as a claim's unit says it ("days", "months after …", "sessions per week").
WORD_UNITS: dict[str, str] = {
    **dict.fromkeys(
        (
            "hours before",
            "days earlier",
            "a few days after",
            "the following day",
            "the next day",
            "the following morning",
            "the following night",
            "the morning after",
        ),
        "days",
    ),
    "more than an hour": "hours",
    "the following month": "months",
    "a few months later": "months",
    "weekly": "per week",
    **{f"in {month.lower()}": "month of" for month in MONTHS},
}
UNHEDGED = ("=", "rounded", "about")  # a number alone, unhedged: exact, or rounded as durations and counts are
CALENDAR_YEAR = "year"  # a claim's unit for a year of the calendar, which a number alone names exactly
ORDINAL = " (ordinal)"  # how a claim's unit says it is a rank ("place by votes (ordinal)")
NOT_THE_FIRST = re.compile(rf"{NEGATED}first\b.*", re.IGNORECASE)
NEGATED_HEDGE_BEFORE = re.compile(rf"\bno(?:t)?\s+(?:{'|'.join(HEDGES)})\s+$", re.IGNORECASE)
SCALE_AFTER = re.compile(r"\s+(?:hundred|thousand|million|billion)\b", re.IGNORECASE)
ORDINAL_WORDS = re.compile(rf"(?:{'|'.join([*ORDINALS, *TENS_ORDINALS])})$", re.IGNORECASE)


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


def reading(quote: str, words: str, unit: str, before: str = "", after: str = "") -> tuple[float, tuple[str, ...]] | None:
    """The value `words` of `quote` give in `unit` and the comparisons their wording allows; None when no reading
    knows them, when they are not in the quotation (stated_at), or when they stop short of what it states. `before`
    and `after` are the account's words around the quotation: a quotation cut short ("20 of the 104" of "More than
    20 of the 104", "his five" of "his five decades") is read as the account goes on."""
    start = stated_at(quote, words)
    if start < 0:
        return None
    if not holds_a_number(words):
        known = WORD_READINGS.get(words.lower())
        if known is None or WORD_UNITS.get(words.lower(), unit) not in unit:
            return None  # no reading, or one of another unit ("the following day" read as a week)
        return known[0], (known[1],)
    preceding = before + quote[:start]
    value, onwards = value_read(words, unit), value_read(quote[start:] + after, unit)
    rank = unit.endswith(ORDINAL)
    if value is None or (onwards is not None and onwards != value) or NEGATED_HEDGE_BEFORE.search(preceding):
        return None  # no reading; words that stop short of what the account states; "no more than" (at most: no comparison)
    if number_stated(words) is not None and ORDINAL_WORDS.search(DASHES.sub("-", words)) and not rank:
        return None
    if NOT_THE_FIRST.fullmatch(words):
        return value, (">=",)  # "wasn’t her first": at least one before it
    suffix = HEDGE_AFTER.match(quote[start + len(words) :] + after)
    if suffix:
        return value, HEDGES_AFTER[suffix.group(1).lower()]  # "2,000-odd", "2,000-plus"
    hedge = HEDGE_BEFORE.search(preceding) or HEDGE_AT_START.match(words)
    if hedge:
        return value, (HEDGES[hedge.group(1).lower()],)
    if rank:
        return value, ("=", "ordinal")  # a place is exact: "twenty-seventh" is not about the twenty-seventh
    if number_stated(words) is not None and unit == CALENDAR_YEAR:
        return value, ("=",)  # "in 1999" names the year, not one near it
    return value, UNHEDGED


# A number's characters that join it to the next (1,065; 1.5; sixty-four): a match beside one is inside a number.
_JOINED = re.compile(r"[0-9A-Za-z]+(?:[,.\-\u2010\u2011][0-9A-Za-z]+)*")


def stated_at(quote: str, words: str) -> int:
    """Where `words` first stand in `quote` starting and ending on a word's edge, not part of a longer number
    ("seven" of "13 to seven", not of "seventeen"; "100" not of "100,000", nor "four" of "sixty-four"); -1 if nowhere."""
    return first_on_word_edges(quote, words, lambda start, end: not _inside_a_longer_number(quote, words, start, end))


def stated_in(quote: str, words: str) -> bool:
    """True when `words` stand in `quote` (stated_at)."""
    return stated_at(quote, words) >= 0


def _inside_a_longer_number(quote: str, words: str, start: int, end: int) -> bool:
    if number_stated(words) is not None and SCALE_AFTER.match(quote, end):
        return True  # "seven" of "seven hundred"
    for joined in _JOINED.finditer(quote):
        around = joined.group(0)
        if joined.start() <= start and end <= joined.end() and around != words and number_stated(around) is not None:
            return True
    return False
