"""The number a few words of English state, when they state one and nothing else.

A claim names the words of its quotation that give its value (claims.csv's
`stated_as`); when those words are a number ("89", "1,065", "seven",
"sixty-fourth", "a thousand"), the claim's value must be that number. Words
that need reading ("two weeks later", "most", "the following day") state no
number here: the ledger shows them beside the value the book reads from them.
"""

from __future__ import annotations

import re

DIGITS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?")
UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
UNIT_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
TENS_ORDINALS = {name.removesuffix("y") + "ieth": value for name, value in TENS.items()}
SCALES = {"hundred": 100, "thousand": 1_000}
SMALL_NUMBERS = {name: value for value, name in enumerate(UNITS)} | {name: value for value, name in enumerate(UNIT_ORDINALS)}


def _below_hundred(word: str) -> int | None:
    """'seven', 'seventh', 'sixty', 'sixtieth', 'sixty-four', 'sixty-fourth'."""
    if word in SMALL_NUMBERS:
        return SMALL_NUMBERS[word]
    if word in TENS:
        return TENS[word]
    if word in TENS_ORDINALS:
        return TENS_ORDINALS[word]
    tens, _, unit = word.partition("-")
    if tens in TENS and unit in SMALL_NUMBERS and 0 < SMALL_NUMBERS[unit] < 10:
        return TENS[tens] + SMALL_NUMBERS[unit]
    return None


def number_stated(words: str) -> float | None:
    """The number `words` state, or None when they are not a number alone.

    >>> number_stated("1,065"), number_stated("Sixty-fourth"), number_stated("a thousand"), number_stated("two weeks")
    (1065.0, 64.0, 1000.0, None)
    """
    text = words.strip()
    if DIGITS.fullmatch(text):
        return float(text.replace(",", ""))
    tokens = text.lower().split()
    if tokens[:1] == ["a"] and len(tokens) == 2 and tokens[1] in SCALES:
        return float(SCALES[tokens[1]])
    if len(tokens) == 1:
        value = _below_hundred(tokens[0])
        return None if value is None else float(value)
    if len(tokens) == 2 and tokens[1] in SCALES:
        multiplier = _below_hundred(tokens[0])
        return None if multiplier is None else float(multiplier * SCALES[tokens[1]])
    return None


def stated_in(quote: str, words: str) -> bool:
    """True when `words` are in `quote` and start and end on a word's edge: "seven" is in "13 to seven", not in
    "seventeen"."""
    start = quote.find(words)
    while words and start != -1:
        end = start + len(words)
        cuts_a_word = (start > 0 and quote[start - 1].isalnum() and words[0].isalnum()) or (
            end < len(quote) and quote[end].isalnum() and words[-1].isalnum()
        )
        if not cuts_a_word:
            return True
        start = quote.find(words, start + 1)
    return False
