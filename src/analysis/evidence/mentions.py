"""Every quantitative mention in a text: numerals, number words, ordinals,
multiples ("twice", "a dozen", "dozens"), frequencies ("weekly"), clock words,
relative durations ("two weeks later", "the next day"), and comparisons and
quantifiers written without a number ("most", "the majority", "never", "the
highest", "more than").

The claims ledger must account for each mention of the account: a test fails
unless every one lies inside the quote of a claim or of an exclusion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis import number_words

UNITS = list(number_words.UNITS)
TENS = list(number_words.TENS)
ORDINALS = [*number_words.UNIT_ORDINALS[1:], *number_words.TENS_ORDINALS, "hundredth", "thousandth"]
MULTIPLES = [
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "decade",
    "decades",
    "century",
    "centuries",
    "twice",
    "thrice",
    "once",
    "half",
    "single",
    "pair",
    "double",
    "triple",
    "weekly",
    "daily",
    "monthly",
    "annual",
    "annually",
    "yearly",
    "noon",
    "midnight",
    "overnight",
]
# Quantities stated without a number: a share, a superlative, a frequency of none or all.
QUANTIFIERS = [
    "most",
    "least",
    "majority",
    "minority",
    "never",
    "ever",
    "last",
    "largest",
    "biggest",
    "smallest",
    "longest",
    "shortest",
    "highest",
    "lowest",
    "greatest",
    "fewest",
]
NUMBER_WORDS = frozenset(UNITS + TENS + ORDINALS + MULTIPLES + QUANTIFIERS)
TIME_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)"

# A footnote's marker: one or two digits set against the stop or closing quote
# that ends a sentence, before the next one ("more than 2,000.2 Kerry", "better
# than you.”1 Both"). A numeral stops before one, so "2,000.2 Kerry" is the
# number 2,000 and the marker 2 (a decimal before a capital would be read so too:
# the account has none).
FOOTNOTE_MARKER = r"\d{1,2}(?=\s+[A-Z])"
FOOTNOTE = re.compile(r"(?<=[.”’\"])" + FOOTNOTE_MARKER)
NUMERAL = re.compile(r"\d+(?:[,:]\d+|\.\d+(?!\s+[A-Z]))*")
WORD = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*")
RELATIVE = re.compile(
    r"\b(?:the|that|this)\s+(?:next|following|previous|same)\s+(?:day|morning|night|evening|afternoon|week|month|year)\b"
    r"|\bthe\s+(?:night|day|morning|evening)\s+(?:before|after)\b"
    r"|\b(?:a\s+)?(?:few|several)\s+" + TIME_UNIT + r"\b"
    r"|\b(?:[A-Za-z]+\s+|\d+\s+)?" + TIME_UNIT + r"\s+(?:later|earlier|ago|away)\b"
    r"|\b(?:more|less|fewer)\s+than\b"
    r"|\bat\s+(?:least|most)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    token: str


def mentions(text: str) -> list[Mention]:
    """Every quantitative mention in `text`, in order (overlapping finds merged)."""
    spans = [(match.start(), match.end()) for match in NUMERAL.finditer(text)]
    spans += [
        (match.start(), match.end())
        for match in WORD.finditer(text)
        if any(part.lower() in NUMBER_WORDS for part in re.split(r"[-']", match.group()))
    ]
    spans += [(match.start(), match.end()) for match in RELATIVE.finditer(text)]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Mention(start, end, text[start:end]) for start, end in merged]


def footnote_markers(text: str) -> list[Mention]:
    """The footnote markers of `text` (FOOTNOTE), in order."""
    return [Mention(match.start(), match.end(), match.group()) for match in FOOTNOTE.finditer(text)]


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """The (start, end) of every occurrence of `quote` in `text`."""
    spans = []
    start = text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    """Whether `mention` lies wholly inside one of `spans`."""
    return any(start <= mention.start and mention.end <= end for start, end in spans)


def uncovered(text: str, quotes: list[str]) -> list[Mention]:
    """Mentions of `text` that lie inside no occurrence of any of `quotes`."""
    covered = [span for quote in quotes for span in occurrences(text, quote)]
    return [mention for mention in mentions(text) if not inside(mention, covered)]
