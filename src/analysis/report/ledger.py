"""The claims ledger as readers use it: verdict chips, the ledger's entries (a
table on a desktop, cards on a phone), the "What we found" box, the corrections
record and the ledger's schema.org ClaimReview records.

Every object here draws words it is given (the pages tier writes them from the
ledger table) and escapes all of them: HTML for readers (`_repr_html_`), plain
text for nbval (`__repr__`). A verdict is shown as a chip: its word, an icon
and a colour, never the colour alone (_static/ledger.css styles the chips for
light and dark mode and for print).
"""

from __future__ import annotations

import datetime
import html
import json
from dataclasses import dataclass

from analysis.evidence import claims

LEDGER_PAGE = "claims_ledger.html"

# The class each verdict's colour hangs on and its icon: SVG paths on a 16-unit square, drawn as
# lines, and (after "|") a path filled: a tick, a half-filled circle, a cross, a question mark.
VERDICT_LOOK: dict[str, tuple[str, str]] = {
    claims.CONSISTENT: ("consistent", "M3 8.5 6.5 12 13 4.5"),
    claims.UNDER_A_DEFINITION: ("definition", "M8 2.5a5.5 5.5 0 1 1 0 11a5.5 5.5 0 1 1 0-11z|M8 2.5a5.5 5.5 0 0 0 0 11z"),
    claims.INCONSISTENT: ("inconsistent", "M4 4l8 8M12 4l-8 8"),
    claims.NOT_CHECKED: ("unchecked", "M5.5 6a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5V11M8 13.2v.3"),
}

# The rating scale the ClaimReview records state: how far the evidence bears the claim out.
RATING_SCALE: dict[str, int] = {claims.INCONSISTENT: 1, claims.UNDER_A_DEFINITION: 2, claims.CONSISTENT: 3}
WORST_RATING, BEST_RATING = min(RATING_SCALE.values()), max(RATING_SCALE.values())


def chip_html(claim_id: str, verdict: str, href: str = "", anchor: str = "") -> str:
    """A verdict chip: icon, claim id and verdict word, a link when `href` is given."""
    slug, paths = VERDICT_LOOK[verdict]
    lines, _, filled = paths.partition("|")
    drawn = f'<path d="{lines}"/>' + (f'<path class="filled" d="{filled}"/>' if filled else "")
    icon = f'<svg class="chip-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">{drawn}</svg>'
    body = f'{icon}<span class="chip-id">{html.escape(claim_id)}</span><span class="chip-word">{html.escape(verdict)}</span>'
    ident = f' id="{html.escape(anchor)}"' if anchor else ""
    if href:
        return f'<a class="claim-chip verdict-{slug}"{ident} href="{html.escape(href)}">{body}</a>'
    return f'<span class="claim-chip verdict-{slug}"{ident}>{body}</span>'


@dataclass(frozen=True)
class Chip:
    """A claim a chapter discusses: its verdict chip links to the claim's ledger entry."""

    claim_id: str
    verdict: str
    subject: str

    @property
    def anchor(self) -> str:
        """The chip's id in the chapter, which the ledger entry links back to."""
        return f"claim-{self.claim_id}"

    def html(self) -> str:
        return chip_html(self.claim_id, self.verdict, f"{LEDGER_PAGE}#{self.claim_id}", self.anchor)


CHIPS_TITLE = "In the claims ledger"  # the heading a section's verdict chips are set under


@dataclass(frozen=True)
class ChipRow:
    """The claims a passage or figure discusses, each as a chip with its subject."""

    chips: tuple[Chip, ...]

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{chip.html()} <span class='chip-subject'>{html.escape(chip.subject)}</span></li>" for chip in self.chips)
        return f'<div class="claim-chips"><p class="claim-chips-title">{CHIPS_TITLE}</p><ul>{items}</ul></div>'

    def __repr__(self) -> str:
        return f"{CHIPS_TITLE}\n" + "\n".join(f"  {chip.claim_id} [{chip.verdict}] {chip.subject}" for chip in self.chips)


@dataclass(frozen=True)
class Passage:
    """The sentence of the account a claim is in: the claim's quote (start, end),
    the quantities inside it to mark and the account's footnote markers in it
    (set as superscripts, so "2,000.2 Kerry" reads as 2,000 and note 2), as
    offsets into `text`."""

    text: str
    quote: tuple[int, int]
    marks: tuple[tuple[int, int], ...]
    notes: tuple[tuple[int, int], ...] = ()

    def _set(self, start: int, end: int, marked: bool) -> str:
        """The text from `start` to `end`, its quantities marked (inside the quote) and its footnote markers raised."""
        marks = [(first, last, "mark") for first, last in self.marks] if marked else []
        spans = sorted([*marks, *((first, last, "sup") for first, last in self.notes)])
        pieces, cursor = [], start
        for first, last, tag in spans:
            if first < start or last > end:
                continue
            pieces += [html.escape(self.text[cursor:first]), f"<{tag}>{html.escape(self.text[first:last])}</{tag}>"]
            cursor = last
        pieces.append(html.escape(self.text[cursor:end]))
        return "".join(pieces)

    def html(self) -> str:
        start, end = self.quote
        quoted = f'<span class="claim-quote">{self._set(start, end, marked=True)}</span>'
        return f"{self._set(0, start, marked=False)}{quoted}{self._set(end, len(self.text), marked=False)}"

    def plain(self) -> str:
        start, end = self.quote
        return f"{self.text[:start]}[{self.text[start:end]}]{self.text[end:]}"


@dataclass(frozen=True)
class Entry:
    """One claim of the ledger, in words: each field a generated sentence or phrase."""

    claim_id: str
    verdict: str
    chapter: str
    topic: str
    subject: str
    passage: Passage
    claimed: str
    evidence: str
    method: str
    sources: tuple[tuple[str, str], ...]  # (label, address)
    discussed: tuple[tuple[str, str], ...]  # (label, address): the chapter's list of its section's claims, the figure


FILTERS = ("verdict", "chapter", "topic")
# A claim's `chapter` is the phase of the talks it belongs to, which may be discussed in a later chapter (the
# prisoners agreed in the reset are counted in the collapse's figure) or in none ("aftermath").
FILTER_LABELS = {"verdict": "verdict", "chapter": "phase", "topic": "topic"}


def _links(links: tuple[tuple[str, str], ...]) -> str:
    return " · ".join(f'<a href="{html.escape(address)}">{html.escape(label)}</a>' for label, address in links)


@dataclass(frozen=True)
class Ledger:
    """Every claim: a table on a desktop, a card a claim on a phone, with menus by
    verdict, phase and topic and a text search (_static/ledger.js), and the
    ClaimReview records as JSON-LD. Each entry's id is its claim id (`#K36`)."""

    entries: tuple[Entry, ...]
    reviews: tuple[dict, ...] = ()

    def _filter_bar(self) -> str:
        menus = []
        for name in FILTERS:
            values = dict.fromkeys(getattr(entry, name) for entry in self.entries)
            options = "".join(f'<option value="{html.escape(value)}">{html.escape(value)}</option>' for value in values)
            menu = f'<select data-ledger-filter="{name}"><option value="">all</option>{options}</select>'
            menus.append(f"<label>{FILTER_LABELS[name]} {menu}</label>")
        search = '<label class="ledger-search">search <input type="search" data-ledger-search placeholder="words, a number, K36"></label>'
        return (
            f'<div class="ledger-filters" role="search" aria-label="Filter the claims">{"".join(menus)}{search}'
            '<output aria-live="polite"></output></div>'
        )

    def _row(self, entry: Entry) -> str:
        data = " ".join(f'data-{name}="{html.escape(getattr(entry, name))}"' for name in FILTERS)
        permalink = f'<a class="permalink" href="#{html.escape(entry.claim_id)}" title="Permalink to this claim">#</a>'
        discussed = f'<p class="ledger-discussed">In the chapter: {_links(entry.discussed)}</p>' if entry.discussed else ""
        sources = f'<p class="ledger-sources">Sources: {_links(entry.sources)}</p>' if entry.sources else ""
        return (
            f'<tr id="{html.escape(entry.claim_id)}" class="ledger-entry" {data}>'
            f'<th scope="row" class="ledger-verdict">{chip_html(entry.claim_id, entry.verdict)}{permalink}'
            f'<span class="ledger-meta">{html.escape(entry.chapter)} · {html.escape(entry.topic)}</span></th>'
            f'<td class="ledger-claim" data-label="The account"><p class="ledger-subject">{html.escape(entry.subject)}</p>'
            f'<blockquote class="ledger-passage">{entry.passage.html()}</blockquote></td>'
            f'<td class="ledger-check" data-label="The check"><p><span class="ledger-key">Claimed:</span> {html.escape(entry.claimed)}</p>'
            f'<p><span class="ledger-key">Evidence:</span> {html.escape(entry.evidence)}</p>'
            f'<p class="ledger-method">{html.escape(entry.method)}</p>{sources}{discussed}</td></tr>'
        )

    def _repr_html_(self) -> str:
        head = '<thead><tr><th scope="col">Verdict</th><th scope="col">The account</th><th scope="col">The check</th></tr></thead>'
        rows = "".join(self._row(entry) for entry in self.entries)
        caption = "<caption>Every claim, with its evidence and verdict</caption>"
        table = f'<table class="ledger-table">{caption}{head}<tbody>{rows}</tbody></table>'
        return f'<div class="ledger">{self._filter_bar()}{table}</div>{json_ld(self.reviews) if self.reviews else ""}'

    def __repr__(self) -> str:
        lines = []
        for entry in self.entries:
            lines += [
                f"{entry.claim_id} [{entry.verdict}] {entry.chapter} / {entry.topic}: {entry.subject}",
                f"  account: {entry.passage.plain()}",
                f"  claimed: {entry.claimed}",
                f"  evidence: {entry.evidence}",
                f"  method: {entry.method}",
            ]
            lines += [f"  sources: {' | '.join(address for _, address in entry.sources)}"] if entry.sources else []
            lines += [f"  discussed: {' | '.join(address for _, address in entry.discussed)}"] if entry.discussed else []
        return "\n".join([*lines, f"{len(self.reviews)} ClaimReview records"])


def json_ld(records: tuple[dict, ...]) -> str:
    """Records as a JSON-LD script element; `<`, `>` and `&` are written as JSON escapes so no text ends the element."""
    text = json.dumps(list(records), ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


@dataclass(frozen=True)
class Work:
    """A published work: the account reviewed, or this book reviewing it."""

    title: str
    authors: tuple[str, ...]
    publisher: str
    date: str
    url: str


def sentence(words: str) -> str:
    """`words` ended with one full stop ("read as 7 p.m." keeps its own)."""
    return words if words.endswith(".") else f"{words}."


def claim_review(entry: Entry, quote: str, account: Work, book: Work, permalink: str, speaker: tuple[str, str] | None = None) -> dict:
    """One claim as a schema.org ClaimReview: the quote reviewed, by its `speaker` (name, role) when the account
    quotes someone's words, else by the account's authors; the account as the claim's appearance, the verdict on
    the stated scale and the evidence as citations."""
    rating = {
        "@type": "Rating",
        "alternateName": entry.verdict,
        "ratingExplanation": f"Claimed: {sentence(entry.claimed)} Evidence: {sentence(entry.evidence)}",
    }
    # A claim the evidence cannot check has no place on the scale: a record stating the scale without a value is incomplete.
    if entry.verdict in RATING_SCALE:
        rating |= {"ratingValue": RATING_SCALE[entry.verdict], "worstRating": WORST_RATING, "bestRating": BEST_RATING}
    claim: dict[str, object] = {"@type": "Claim"}
    if speaker:
        # Said before the account printed it (Kerry's "one to two years", at a House hearing more than a year before), on a
        # day the account does not always give: the claim carries no date of its own, its appearance the account’s.
        claim["author"] = [{"@type": "Person", "name": speaker[0], "jobTitle": speaker[1]}]
    else:
        claim |= {"author": [{"@type": "Person", "name": name} for name in account.authors], "datePublished": account.date}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": permalink,
        "url": permalink,
        "name": f"{entry.claim_id}: {entry.subject}",
        "claimReviewed": quote,
        "itemReviewed": {
            **claim,
            "appearance": {
                "@type": "Article",
                "headline": account.title,
                "url": account.url,
                "datePublished": account.date,
                "publisher": {"@type": "Organization", "name": account.publisher},
            },
        },
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": book.authors[0]},
        "publisher": {"@type": "Organization", "name": book.publisher},
        "datePublished": book.date,
        "citation": [{"@type": "CreativeWork", "name": label, "url": address} for label, address in entry.sources],
    }


@dataclass(frozen=True)
class FactBox:
    """What the book found, in sentences written from the ledger: the verdict
    counts, each inconsistent claim in one line, the headline claim's verdict and
    its robustness, the headline numbers as tiles, and the edition."""

    summary: str
    inconsistent: tuple[tuple[str, str, str], ...]  # (claim id, verdict, line)
    headline: tuple[str, str, str]  # (claim id, verdict, sentence)
    tiles: tuple[tuple[str, str], ...]  # (value, what it counts)
    edition: str

    def _repr_html_(self) -> str:
        def line(claim_id: str, verdict: str, words: str) -> str:
            return f"<li>{chip_html(claim_id, verdict, f'{LEDGER_PAGE}#{claim_id}')} {html.escape(words)}</li>"

        tiles = "".join(
            f'<li><span class="tile-value">{html.escape(value)}</span> {html.escape(label)}</li>' for value, label in self.tiles
        )
        return (
            '<section class="fact-box" aria-labelledby="fact-box-title"><p class="fact-box-title" id="fact-box-title">What we found</p>'
            f'<p class="fact-box-summary">{html.escape(self.summary)}</p>'
            f'<p class="fact-box-heading">The headline claim</p><ul class="fact-box-claims">{line(*self.headline)}</ul>'
            f'<p class="fact-box-heading">Where the account and the evidence disagree</p>'
            f'<ul class="fact-box-claims">{"".join(line(*item) for item in self.inconsistent)}</ul>'
            f'<p class="fact-box-heading">The numbers at a glance</p><ul class="fact-box-tiles">{tiles}</ul>'
            f'<p class="fact-box-edition">{html.escape(self.edition)} · '
            '<a href="corrections.html">Corrections and changes</a></p></section>'
        )

    def __repr__(self) -> str:
        lines = ["What we found", self.summary, "The headline claim", f"  {self.headline[0]} [{self.headline[1]}] {self.headline[2]}"]
        lines += ["Where the account and the evidence disagree"]
        lines += [f"  {claim_id} [{verdict}] {words}" for claim_id, verdict, words in self.inconsistent]
        lines += ["The numbers at a glance"] + [f"  {value}  {label}" for value, label in self.tiles]
        return "\n".join([*lines, self.edition])


@dataclass(frozen=True)
class Correction:
    """One change to a published number, verdict or record, in words."""

    correction_id: str
    date: str
    subject: str
    subject_href: str
    kind: str
    before: str
    after: str
    reason: str
    sources: tuple[tuple[str, str], ...]


def reader_date(date: str) -> str:
    """An ISO date (a day, a month or a year) as the book writes one for readers: "20 Jul 2014", "Jul 2014",
    "2014". A correction's day is also given to machines, as ISO, in `<time datetime>`."""
    if len(date) == 10:
        return f"{datetime.date.fromisoformat(date):%-d %b %Y}"
    if len(date) == 7:
        return f"{datetime.date.fromisoformat(f'{date}-01'):%b %Y}"
    return date


@dataclass(frozen=True)
class Corrections:
    """The corrections record, newest first: each change with its date, what changed and why."""

    items: tuple[Correction, ...]

    def _repr_html_(self) -> str:
        entries = []
        for item in self.items:
            subject = html.escape(item.subject)
            if item.subject_href:
                subject = f'<a href="{html.escape(item.subject_href)}">{subject}</a>'
            sources = f'<p class="correction-sources">Sources: {_links(item.sources)}</p>' if item.sources else ""
            entries.append(
                f'<li class="correction" id="{html.escape(item.correction_id)}"><p class="correction-head">'
                f'<time datetime="{html.escape(item.date)}">{reader_date(item.date)}</time> · {html.escape(item.correction_id)} · '
                f"{html.escape(item.kind)} of {subject}</p>"
                f"<dl><dt>Before</dt><dd>{html.escape(item.before)}</dd><dt>Now</dt><dd>{html.escape(item.after)}</dd>"
                f"<dt>Why</dt><dd>{html.escape(item.reason)}</dd></dl>{sources}</li>"
            )
        return f'<ol class="corrections" reversed>{"".join(entries)}</ol>'

    def __repr__(self) -> str:
        return "\n".join(
            f"{item.correction_id} {item.date} {item.kind} of {item.subject}\n"
            f"  before: {item.before}\n  now: {item.after}\n  why: {item.reason}"
            for item in self.items
        )
