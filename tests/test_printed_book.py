"""The PDF edition read as a printed book (issue 26), from the PDF alone with
poppler: pdftotext's word boxes, pdfinfo's named destinations (the page each
link target is printed on) and pdftohtml's font sizes. Every assertion is over
the whole PDF, so it keeps holding whatever a chapter, a chart or the ledger
looks like, and fails when a page breaks a rule."""

from __future__ import annotations

import collections
import csv
import datetime
import functools
import html
import itertools
import json
import math
import re
import statistics
import subprocess
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
import yaml

from analysis.data import edition, tables
from analysis.paths import REPO_ROOT
from analysis.report.ledger import CHIPS_TITLE
from analysis.report.maps import layers
from analysis.tools import pdf

pytestmark = pytest.mark.build

SINGLE = pdf.SINGLE_HTML / "edition.html"
ORDINARY_LABEL_CHARS = 20  # a column name of a few words (records, print.css)
SITE_CHAPTERS = REPO_ROOT / "_build" / "html" / "chapters"
MM = 72 / 25.4
# The page's margins (print.css): a running head sits above the text block, a folio below it.
HEAD_BOTTOM = 20 * MM
MIN_TEXT_PT = 7
# A page with fewer words than this in its text block is blank but for a stray line.
MIN_WORDS_ON_A_PAGE = 15
# What a control or a hint says on screen (myst-nb's for a folded evidence cell, the ledger's for its filters).
INTERACTIVE_REMNANTS = (
    "Drag",
    "drag across",
    "Tap or hover",
    "hover",
    "Show phase",
    "click",
    "▼",
    "▶",
    "►",
    "Show code cell",
    "Hide code cell",
    "the evidence step’s",
    "Filter by",
    "search for words",
)
# A map prints at least this share of the text's width (its key in a corner or under it).
MIN_MAP_WIDTH_SHARE = 0.9
RASTER_DPI = 50  # the resolution a map's page is read back at
# A run of painted pixels in a row at least this share of the text width is part of a drawing.
DRAWING_ROW_SHARE = 0.15


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@functools.cache
def words() -> tuple[Word, ...]:
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf.PDF_PATH), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(boxes.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            found.append(Word(number, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return tuple(found)


@functools.cache
def pdf_info() -> str:
    """What poppler's pdfinfo says of the PDF (its pages, page size, tagging...), read once."""
    return subprocess.run(["pdfinfo", str(pdf.PDF_PATH)], capture_output=True, text=True, check=True).stdout


@functools.cache
def page_count() -> int:
    return pdf.page_count(pdf.PDF_PATH)


@functools.cache
def page_width() -> float:
    return float(re.search(r"Page size:\s+([\d.]+) x", pdf_info()).group(1))


def page_height() -> float:
    info = pdf_info()
    return float(re.search(r"Page size:\s+[\d.]+ x ([\d.]+)", info).group(1))


@functools.cache
def words_by_page() -> dict[int, tuple[Word, ...]]:
    """Every page's words in reading order, read once (a page with no word has none)."""
    return {page: tuple(on_page) for page, on_page in itertools.groupby(words(), key=lambda w: w.page)}


def page_words(page: int) -> tuple[Word, ...]:
    return words_by_page().get(page, ())


@functools.cache
def body(page: int) -> tuple[Word, ...]:
    """The words of a page's text block (a large heading's box may reach a little into the margin)."""
    return tuple(w for w in page_words(page) if HEAD_BOTTOM < (w.y0 + w.y1) / 2 < page_height() - HEAD_BOTTOM)


@functools.cache
def edge_line(page: int, edge: Callable[[Iterable[float]], float]) -> str:
    """The first (`edge` min) or last (max) line of a page's text block, its words left to right (empty on a page
    without words)."""
    words = body(page)
    if not words:
        return ""
    at = edge(w.y0 for w in words)
    return normalise(" ".join(w.text for w in sorted((w for w in words if abs(w.y0 - at) < 2), key=lambda w: w.x0)))


def last_line(page: int) -> str:
    return edge_line(page, max)


def first_line(page: int) -> str:
    return edge_line(page, min)


@functools.cache
def page_text(page: int) -> str:
    return normalise(" ".join(w.text for w in body(page)))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u00a0", " ")).strip()


def normalise_lines(text: str) -> str:
    """`normalise`'s characters, its lines kept."""
    return text.replace("\u2019", "'").replace("\u00a0", " ")


def letters(escaped: str) -> str | None:
    """The letters a run of %-escapes stands for, if it stands for letters (and their marks) only."""
    decoded = urllib.parse.unquote(escaped)
    return decoded if all(unicodedata.category(character)[0] in "LM" for character in decoded) else None


def printed_address(address: str) -> str:
    """An address as the print sets it, its spaces (its line breaks) taken out: a letter outside ASCII as the letter,
    not its %-escapes."""
    readable = re.sub(pdf.PRINTED_ESCAPES, lambda escaped: letters(escaped.group(0)) or escaped.group(0), address)
    return re.sub(r"\s+", "", normalise(readable))


@functools.cache
def layout() -> tuple[str, ...]:
    """Each page's text as pdftotext lays it out, in page order."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf.PDF_PATH), "-"], capture_output=True, text=True, check=True
    ).stdout
    return tuple(out.split("\f"))


@functools.cache
def contents_lines() -> tuple[tuple[str, int, bool], ...]:
    """The contents pages' entries, (title, page, is a chapter), in order: from
    the page headed 'Contents' up to the page headed 'Figures'. A chapter's entry
    is set flush left, its sections indented."""
    entries: list[tuple[str, int, int]] = []
    pages = layout()
    start = next(i for i, text in enumerate(pages) if re.search(r"^\s*Contents\s*$", text, re.MULTILINE))
    pending, indent = "", 0
    for text in pages[start:]:
        if re.search(r"^\s*Figures\s*$", text, re.MULTILINE):
            break
        lines = [line for line in text.splitlines() if line.strip()][:-1]  # the folio (no running head on these pages)
        for line in lines:
            if line.strip() == "Contents":
                continue
            if not pending:
                indent = len(line) - len(line.lstrip())
            match = re.match(r"^\s*(.+?)\s{2,}(\d+)\s*$", line)
            if match:
                entries.append((normalise(pending + " " + match.group(1)), int(match.group(2)), indent))
                pending = ""
            else:
                pending = normalise(pending + " " + line)
    flush = min(indent for _, _, indent in entries)
    return tuple((title, page, indent == flush) for title, page, indent in entries)


def contents() -> list[tuple[str, int]]:
    return [(title, page) for title, page, _ in contents_lines()]


@functools.cache
def destinations() -> dict[str, int]:
    return pdf.heading_pages(pdf.PDF_PATH)


def openers() -> set[int]:
    """The title page and the page each chapter starts on (the contents' chapter entries)."""
    return {1} | {page for _, page, chapter in contents_lines() if chapter}


@functools.cache
def blank_pages() -> tuple[int, ...]:
    """The pages that print nothing at all: no text, no head, no folio."""
    return tuple(page for page in range(1, page_count() + 1) if not page_words(page))


def heading_text(raw: str) -> str:
    """A heading's words, without its '#' link or its section number."""
    return strip_number(normalise(html.unescape(re.sub(r"<[^>]+>", "", raw)).replace("#", "")))


def strip_number(title: str) -> str:
    return re.sub(r"^\d+(\.\d+)*\.\s+", "", title)


def html_headings(tag: str) -> list[str]:
    """Every heading of that level in the HTML edition's chapter pages (h1: the chapters, h2: their sections)."""
    return [
        heading
        for page in sorted(SITE_CHAPTERS.glob("*.html"))
        for heading in re.findall(rf"<{tag}>(.*?)</{tag}>", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        if "headerlink" in heading
    ]


def figure_numbers() -> dict[str, str]:
    """Each figure's id and its number ('1.3'), from the single-page book the PDF is printed from."""
    return {figure: number for figure, (number, _) in figure_captions().items()}


@functools.cache
def figure_captions() -> dict[str, tuple[str, str]]:
    """Each figure's id, its number and the first word of its caption, from the single-page book."""
    source = SINGLE.read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r'<figure[^>]*id="(fig-[^"]+)"', source):
        caption = re.search(r'<span class="caption-number">Fig\. ([\d.]+)\s*</span>\s*(.{0,400})', source[match.end() :], flags=re.DOTALL)
        first_word = html.unescape(re.sub(r"<[^>]+>", "", caption.group(2))).split()[0]
        found[match.group(1)] = (caption.group(1), first_word)
    return found


@functools.cache
def captions() -> dict[tuple[str, str], tuple[int, ...]]:
    """Each 'Fig. <number> <word>' printed on one page after the front matter, by number and word, with the
    pages it is printed on: a caption is its number and its first word, so the text's references to a
    figure ('Fig. 3.1 shows') are not taken for its caption."""
    front = min(page for _, page in contents())
    found: dict[tuple[str, str], set[int]] = {}
    for w, number, following in zip(words(), words()[1:], words()[2:], strict=False):
        if w.page >= front and w.text == "Fig." and w.page == number.page == following.page:
            found.setdefault((number.text, following.text), set()).add(w.page)
    return {key: tuple(sorted(pages)) for key, pages in found.items()}


def caption_pages(figure: str) -> list[int]:
    """Pages after the front matter where a figure's caption ('Fig. <number>' and its first word) is printed."""
    return list(captions().get(figure_captions()[figure], ()))


def test_the_pdf_is_tagged_for_screen_readers() -> None:
    """The PDF is tagged: its structure of headings, lists, tables and figures is
    what a screen reader reads (an untagged print fails here, naming what pdfinfo says)."""
    info = pdf_info()
    assert re.search(r"^Tagged:\s+yes$", info, flags=re.MULTILINE), info


def test_the_pdf_gives_its_title_author_abstract_and_keywords_to_a_viewer() -> None:
    """A viewer's document properties and a library's catalogue read the book's
    title, author, abstract and keywords (document information and XMP alike),
    and the viewer shows the title, not the file's name: Chromium wrote the
    title alone, with itself as the creator."""
    book = edition.edition()
    citation = yaml.safe_load(edition.CITATION.read_text(encoding="utf-8"))
    info = pdf_info()
    assert re.search(rf"^Title:\s+{re.escape(book.title)}$", info, flags=re.MULTILINE), info
    assert re.search(rf"^Author:\s+{re.escape(book.author)}$", info, flags=re.MULTILINE), info
    assert re.search(rf"^Subject:\s+{re.escape(book.label)}\. ", info, flags=re.MULTILINE), info
    assert re.search(rf"^Keywords:\s+{re.escape('; '.join(citation['keywords']))}$", info, flags=re.MULTILINE), info
    assert re.search(r"^Creator:\s+Jupyter Book .* printed by Chromium ", info, flags=re.MULTILINE), info
    assert re.search(r"^Producer:\s+Skia/PDF", info, flags=re.MULTILINE), info  # Chromium's own entries are kept
    assert re.search(r"^CreationDate:\s+\S", info, flags=re.MULTILINE), info
    with pikepdf.open(pdf.PDF_PATH) as document:
        xmp = document.open_metadata()
        assert xmp["dc:title"] == book.title
        assert xmp["dc:creator"] == [book.author]
        assert " ".join(citation["abstract"].split()) in xmp["dc:description"]
        assert book.label in xmp["dc:description"]
        assert sorted(xmp["dc:subject"]) == sorted(citation["keywords"])
        assert "Chromium" in xmp["xmp:CreatorTool"]
        assert document.Root.ViewerPreferences.DisplayDocTitle is True


def tagged_figures() -> list[tuple[str, bool]]:
    """Each element the PDF's structure tags as a figure, in reading order: its
    alternative text and whether it lies inside another figure."""

    def figures(node: object, inside: bool) -> Iterator[tuple[str, bool]]:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                yield from figures(kid, inside)
        elif isinstance(node, pikepdf.Dictionary):
            figure = node.get("/S") == pikepdf.Name.Figure
            if figure:
                yield str(node.get("/Alt", "")), inside
            yield from figures(node.get("/K"), inside or figure)

    with pikepdf.open(pdf.PDF_PATH) as document:
        return list(figures(document.Root.StructTreeRoot.get("/K"), inside=False))


def test_each_chart_is_one_figure_whose_alternative_text_is_its_description() -> None:
    """A screen reader meets each chart once, as a figure whose alternative text
    is the chart's description (less a hint for the hand), and no other figure:
    untagged by the print, Chromium tagged each labelled mark, axis and legend as
    a figure of its own (911 of them) and no chart's description at all."""
    hint = re.compile(pdf.INTERACTION_HINT, flags=re.IGNORECASE)
    specs = sorted((REPO_ROOT / "_build" / "extra" / "figures").glob("*.vl.json"))
    descriptions = [json.loads(path.read_text(encoding="utf-8"))["description"] for path in specs]
    described = sorted(
        " ".join(sentence for sentence in re.split(r"(?<=[.!?])\s+", description) if not hint.search(sentence)).strip()
        for description in descriptions
    )
    figures = tagged_figures()
    assert [alternative for alternative, inside in figures if inside] == [], "figures tagged inside a chart"
    assert sorted(alternative for alternative, _ in figures) == described


# A link annotation as Chromium's PDF writer (Skia) writes it: to an address, or to a named destination.
LINK_ADDRESS = re.compile(rb"/URI \(((?:[^()\\]|\\.)*)\)")
LINK_PLACE = re.compile(rb"/Dest /([^\s/<>\[\]()]+)")
WEB_ADDRESS = re.compile(r"https?://")
PRINT_SERVER = re.compile(r"https?://(127\.|localhost\b)")


def pdf_name(raw: bytes) -> str:
    """A PDF name as text: `#2F` is `/`."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda match: bytes([int(match.group(1), 16)]), raw).decode("utf-8")


def test_every_link_in_the_pdf_leads_to_a_place_in_it_or_to_an_address_on_the_web() -> None:
    """A link to another page of the book (a chapter's claim to its row in the
    ledger, a figure named in another chapter) goes to that place in the PDF; none
    goes to the short-lived server the book was printed from, nor to a download
    that does not travel with the PDF."""
    printed = pdf.PDF_PATH.read_bytes()
    assert b"/ObjStm" not in printed, "objects in compressed streams: this test reads link annotations as plain text"
    links = LINK_ADDRESS.findall(printed), LINK_PLACE.findall(printed)
    assert printed.count(b"/Subtype /Link") == sum(map(len, links)), "a link annotation this test cannot read"
    addresses = {address.decode("latin-1") for address in links[0]}
    places = {pdf_name(place) for place in links[1]}
    account = yaml.safe_load(edition.CITATION.read_text(encoding="utf-8"))["references"][0]["url"]
    assert account in addresses, "no link to the account's address was read: the PDF's links are not where this test looks"
    unreachable = sorted(address for address in addresses if not WEB_ADDRESS.match(address) or PRINT_SERVER.match(address))
    assert not unreachable, f"{len(unreachable)} link(s) lead nowhere a reader of the PDF can go: {unreachable[:5]}"
    assert places - set(destinations()) == set(), "links to places the PDF does not name"
    assert any(re.fullmatch(r"K\d+", place) for place in places), "no claim links to its row in the ledger"
    assert any(place.startswith("fig-") for place in places), "no link goes to a figure"
    # Every link the single page makes to a place in another chapter is one the PDF keeps.
    linked = set(re.findall(r'href="[a-z_]+\.html#([^"]+)"', SINGLE.read_text(encoding="utf-8")))
    assert linked and linked <= places, sorted(linked - places)[:5]


def test_a_numbered_reference_to_another_chapters_figure_gives_its_page() -> None:
    """Data and methods names Fig. 3.3 by number ({numref}), which singlehtml writes as a link to its root
    document: the print refused it as leading nowhere until the link was sent to the figure."""
    text = " ".join(normalise(page) for page in layout())
    (page,) = {int(found) for found in re.findall(r"A sensitivity chart, Fig\. 3\.3 \(p\. (\d+)\)", text)}
    assert page == destinations()["fig-framework-band-sensitivity"]


# A claim's chip in a chapter or a correction, and the page of the ledger's entry it leads to.
CLAIM_REFERENCE = re.compile(r"\b(K\d{2,3})(?: · [a-z ]+?)? \(p\. (\d+)\)")


def test_a_link_to_another_chapter_gives_the_page_it_leads_to() -> None:
    """On paper a link cannot be followed: a chip naming a claim, a correction's
    claim and a ledger entry's passage and figure give the page they lead to.
    A claim's page is checked against the page its ledger entry is printed on;
    every page given is a page of the book."""
    references = [(claim, int(page)) for number in range(1, page_count() + 1) for claim, page in CLAIM_REFERENCE.findall(page_text(number))]
    assert len(references) >= 40, references
    wrong = [(claim, page, destinations().get(claim)) for claim, page in references if destinations().get(claim) != page]
    assert not wrong, wrong
    discussed = [text for text in layout() if "In the chapter: the section's claims (p. " in normalise(text)]
    assert discussed, "no ledger entry gives the page where its chapter lists it"
    ledger_page = dict(contents())["The claims ledger"]
    to_the_ledger = [int(page) for text in layout() for page in re.findall(r"claims ledger \(p\. (\d+)\)", normalise(text))]
    assert to_the_ledger and set(to_the_ledger) == {ledger_page}, (to_the_ledger, ledger_page)  # a link to a whole chapter
    given = [int(page) for text in layout() for page in re.findall(r"(?:\(|, )p\. (\d+)\)", text)]
    assert given and all(1 <= page <= page_count() for page in given), sorted(set(given))


def test_a_page_reference_inside_parentheses_opens_none_of_its_own() -> None:
    """Fig. 1's caption printed "(see Limitations (p. 149))": a link already in parentheses gives its page after a comma."""
    text = " ".join(normalise(page) for page in layout())
    assert "see Limitations, p. " in text
    assert not re.findall(r".{40}\(p\. \d+\)\)", text)


def test_the_title_and_copyright_pages_give_the_edition_and_the_citation() -> None:
    book = edition.edition()
    citation = yaml.safe_load(edition.CITATION.read_text(encoding="utf-8"))
    title_page, copyright_page = page_text(1), page_text(2)
    assert normalise(book.title) in title_page
    released = datetime.date.fromisoformat(book.released)
    assert f"Edition {book.version}, {released.day} {released:%B %Y}" in title_page
    assert f"{citation['license']} licence" in copyright_page
    # One name and one date form for the edition: the colophon had "Edition 0.2.3, released 2026-12-05"
    # over "Version 0.2.3, released 2026-12-05" under a title page dated "5 December 2026".
    assert f"Cite as: {book.author} ({book.released[:4]}). {normalise(book.title)}. {book.label}." in copyright_page
    assert book.released not in copyright_page and "Version" not in copyright_page


def test_the_copyright_page_tells_a_paper_reader_where_the_data_is() -> None:
    """A print editor found no way from the paper to the downloads: the copyright page sent readers to "the
    HTML edition" without saying where it is. It names the PDF's place in that edition and its folders, each of
    which the built site holds."""
    copyright_page = page_text(2)
    site = SITE_CHAPTERS.parent
    assert pdf.PUBLISHED_AS in copyright_page and (site / pdf.PUBLISHED_AS).is_file()
    for folder in ("data/", "figures/"):
        assert folder in copyright_page and any((site / folder).glob("*.csv")), folder


MIN_FIGURE_NUMBER_GAP_MM = 2.5


def gray_page(page: int, dpi: int) -> tuple[int, int, bytes]:
    """A page rendered in grey at `dpi`: its width and height in pixels and its pixels, a byte each, row by row."""
    raster = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-singlefile", str(pdf.PDF_PATH)],
        capture_output=True,
        check=True,
    ).stdout
    header = raster.split(b"\n", 3)
    width, height = (int(value) for value in header[1].split())
    return width, height, header[3]


LEADER_DPI = 150
LEADER_REACH_MM = (1.0, 5.0)  # where, after an entry's last word, its leader's first dots are looked for


def test_each_contents_entrys_leader_runs_on_from_its_last_words() -> None:
    """An entry of two lines or more (most of the figures list) had its dotted leader as a short stub by its page,
    far from its words: each entry's leader starts just after the last word of its last line."""
    first_chapter = min(page for page in openers() if page > 1)
    px = LEADER_DPI / 72  # pixels a point
    checked, stubs = 0, []
    for page in range(2, first_chapter):
        width, _, pixels = gray_page(page, LEADER_DPI)
        on_page = page_words(page)
        for number in on_page:
            same_line = [w for w in on_page if abs(w.y1 - number.y1) < 2 and w.x1 < number.x0]
            if not re.fullmatch(r"\d+", number.text) or not same_line or number.x0 < page_width() * 0.8:
                continue
            last = max(same_line, key=lambda w: w.x1)
            if number.x0 - last.x1 < 8 * MM:
                continue
            checked += 1
            columns = range(int((last.x1 + LEADER_REACH_MM[0] * MM) * px), int((last.x1 + LEADER_REACH_MM[1] * MM) * px))
            rows = range(int((last.y1 - 4) * px), int((last.y1 + 2) * px))
            if not any(pixels[row * width + column] < 160 for row in rows for column in columns):
                stubs.append((page, last.text, number.text))
    assert checked >= 40, checked
    assert not stubs, stubs[:10]


def test_the_list_of_figures_sets_each_title_clear_of_its_number() -> None:
    """ "Fig. 1.1" ran into its title ("Fig. 1.1 Kerry's trips", a space apart) while "Fig. 1" stood clear of its:
    the numbers' column is wide enough for the widest number."""
    listed = next(page for page in range(1, min(openers() - {1})) if re.search(r"^\s*Figures\s*$", layout()[page - 1], re.MULTILINE))
    gaps = {}
    on_page = page_words(listed)
    for index, word in enumerate(on_page[:-1]):
        number = on_page[index + 1]
        if word.text != "Fig." or not re.fullmatch(r"[\d.]+", number.text):
            continue
        after = [w for w in on_page if abs(w.y0 - number.y0) < 2 and w.x0 > number.x1]
        gaps[number.text] = (min(w.x0 for w in after) - number.x1) / MM
    assert len(gaps) >= 15, gaps
    tight = {number: round(gap, 1) for number, gap in gaps.items() if gap < MIN_FIGURE_NUMBER_GAP_MM}
    assert not tight, tight


def test_the_contents_list_every_chapter_and_section_at_the_page_it_is_printed_on() -> None:
    listed = [strip_number(title) for title, _ in contents()]
    # The root page is headed by the book's title online and called the introduction in print (the title page has the title).
    root = (SITE_CHAPTERS / f"{pdf.root_page()}.html").read_text(encoding="utf-8")
    root_title = heading_text(re.findall(r"<h1>(.*?)</h1>", root, flags=re.DOTALL)[0])
    chapters = [pdf.INTRODUCTION if heading_text(h) == root_title else heading_text(h) for h in html_headings("h1")]
    assert pdf.INTRODUCTION in chapters and contents()[0][0] == pdf.INTRODUCTION, contents()[:2]
    sections = [heading_text(h) for h in html_headings("h2")]
    assert len(chapters) >= 9 and len(sections) >= 40
    missing = [title for title in chapters + sections if title not in listed]
    assert not missing, missing
    misplaced = [(title, page) for title, page in contents() if title not in page_text(page)]
    assert not misplaced, misplaced
    pages = [page for _, page in contents()]
    assert pages == sorted(pages) and pages[0] > 2


def appendix_entries() -> list[tuple[str, int]]:
    """The contents' entries for the appendix's tables: each table's title and the page it is printed on."""
    entries = contents()
    start = next(index for index, (title, _) in enumerate(entries) if title.startswith("Appendix"))
    return entries[start + 1 :]


def pointers_in(text: str) -> list[str]:
    """The appendix's tables a text points to as it should: '<title>: printed in the appendix, page <its page>.'"""
    return [title for title, page in appendix_entries() if f"{title}: printed in the appendix, page {page}." in text]


def test_each_table_moved_to_the_appendix_is_found_at_the_page_its_place_gives() -> None:
    """Where a table the HTML folds would have been, a line gives the appendix page
    it is printed on: the contents list the table's heading at that very page (which
    the contents test checks is where it is printed)."""
    entries = appendix_entries()
    assert len(entries) >= 20, entries
    text = normalise(" ".join(map(page_text, range(1, page_count() + 1))))
    pointed = pointers_in(text)
    assert [title for title, _ in entries if title not in pointed] == []


def table_page_spans() -> list[tuple[int, int]]:
    """The first and last page of each table the PDF's structure tags, in reading order."""
    with pikepdf.open(pdf.PDF_PATH) as document:
        numbers = {page.objgen: index + 1 for index, page in enumerate(document.pages)}

        def pages_of(node: object) -> Iterator[int]:
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    yield from pages_of(kid)
            elif isinstance(node, pikepdf.Dictionary):
                if "/Pg" in node:
                    yield numbers[node.Pg.objgen]
                yield from pages_of(node.get("/K"))

        def tables(node: object) -> Iterator[tuple[int, int]]:
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    yield from tables(kid)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == pikepdf.Name.Table:
                    pages = list(pages_of(node))
                    yield min(pages), max(pages)
                else:
                    yield from tables(node.get("/K"))

        return list(tables(document.Root.StructTreeRoot.get("/K")))


def numbered_chapter_pages() -> range:
    """The pages of the numbered chapters, from the first one's opener to the page before the next chapter's."""
    chapters = [(title, page) for title, page, chapter in contents_lines() if chapter]
    numbered = [index for index, (title, _) in enumerate(chapters) if re.match(r"\d+\. ", title)]
    return range(chapters[numbered[0]][1], chapters[numbered[-1] + 1][1])


def test_the_numbered_chapters_print_the_data_behind_their_figures_in_the_appendix() -> None:
    """A chapter read through prints as text and figures: where the HTML folds a
    figure's data, a line names it by the figure's number and gives its page in the
    appendix. In place, 20 tables of records and rows (source ids, event ids, a
    Python "True") stopped the chapters for pages at a time."""
    text = normalise(" ".join(page_text(page) for page in numbered_chapter_pages()))
    behind = [title for title in pointers_in(text) if title.startswith("Data behind")]
    assert text.count("Data behind") == len(behind) >= 15, behind
    assert all(re.match(r"Data behind Fig\. \d+\.\d+: ", title) for title in behind), behind


def test_no_table_in_a_narrative_chapter_runs_on_for_more_than_a_page() -> None:
    """The numbered chapters are read through: a table in one spans three pages
    at most (about a page of rows, across a page break at each end); a longer
    one prints in the appendix. Counted by rows alone, the 18 events behind the
    countdown stayed in place as four pages of records (nine fields each)."""
    pages = numbered_chapter_pages()
    spans = [(start, end) for start, end in table_page_spans() if start in pages]
    assert len(spans) >= 3, spans
    assert not [(start, end) for start, end in spans if end - start + 1 > 3], (pages, spans)


def test_no_count_of_a_whole_reads_n_of_the_n() -> None:
    """A count that is the whole reads "all 5 months", one that is nothing "none of
    the 5 months", never "5 of the 5" or "0 of the 5" (analysis.report.glue.of_the_whole)."""
    text = " ".join(page_text(page) for page in range(1, page_count() + 1))
    found = [match.group(0) for match in re.finditer(r"\b(?:([\d,]+) of (?:the |all )?\1|0 of (?:the |all )?[\d,]+)\b[^.]{0,30}", text)]
    assert not found, found


def test_every_page_has_the_head_and_folio_of_its_kind() -> None:
    """The title and copyright pages neither head nor folio, the contents pages a
    folio only (they carried the book's running head, the copyright page a folio),
    every page after them both, a chapter's first page too: the numbered chapters'
    opener pages had none, the other parts' first pages had theirs. A blank page
    (before a chapter opening on the right) has neither."""
    openers_ = openers()
    assert len(openers_) >= 9
    first_chapter = min(page for page in openers_ if page > 1)
    bottom = page_height() - HEAD_BOTTOM
    wrong = []
    for page in sorted(set(range(1, page_count() + 1)) - set(blank_pages())):
        head = [w.text for w in words() if w.page == page and w.y1 <= HEAD_BOTTOM]
        folio = [w.text for w in words() if w.page == page and w.y0 >= bottom]
        wants_folio = page >= 3
        if bool(head) != (page >= first_chapter):
            wrong.append((page, "running head", head))
        if folio != ([str(page)] if wants_folio else []):
            wrong.append((page, "folio", folio))
    assert not wrong, wrong[:10]


def test_facing_pages_mirror_their_margins_heads_and_folios() -> None:
    """As a bound book's pages face each other: the wider margin by the binding (a left-hand page's right, a
    right-hand page's left), the book's title over a left-hand page and the chapter's over a right-hand one, and
    each folio at the outer corner; every page had the same margins, heads and centred folio."""
    width = page_width()
    bottom = page_height() - HEAD_BOTTOM
    first_chapter = min(page for page in openers() if page > 1)
    outer, inner = pdf.PAGE_OUTER_MARGIN_MM * MM, pdf.PAGE_INNER_MARGIN_MM * MM
    wrong = []
    for page in sorted(set(range(first_chapter, page_count() + 1)) - set(blank_pages())):
        left_hand = page % 2 == 0
        text_left, text_right = (outer, width - inner) if left_hand else (inner, width - outer)
        text = body(page)
        head = [w for w in page_words(page) if w.y1 <= HEAD_BOTTOM]
        folio = [w for w in page_words(page) if w.y0 >= bottom]
        # Within its own margins: a block shifted toward the binding runs its full lines past the inner one.
        if text and not (min(w.x0 for w in text) > text_left - 1 * MM and max(w.x1 for w in text) < text_right + 1 * MM):
            wrong.append((page, "text block", round(min(w.x0 for w in text) / MM, 1), round(max(w.x1 for w in text) / MM, 1)))
        if left_hand and not (head and head[0].text == "Nine" and abs(head[0].x0 - outer) < 1 * MM):
            wrong.append((page, "left-hand head", [(w.text, round(w.x0 / MM, 1)) for w in head]))
        if not left_hand and not (head and abs(head[-1].x1 - (width - outer)) < 1 * MM and head[0].text != "Nine"):
            wrong.append((page, "right-hand head", [(w.text, round(w.x1 / MM, 1)) for w in head]))
        at_the_outer_corner = bool(folio) and (
            abs(folio[0].x0 - outer) < 1 * MM if left_hand else abs(folio[-1].x1 - (width - outer)) < 1 * MM
        )
        if not at_the_outer_corner:
            wrong.append((page, "folio", [(w.text, round(w.x0 / MM, 1)) for w in folio]))
    assert not wrong, wrong[:10]


def test_no_date_breaks_at_its_hyphens() -> None:
    """The printed sources broke some fifty dates at a line's end ("2014-02-" over "20"): a source dated only
    to its month left its table's column of dates set as text that may wrap."""
    # Not an address broken after a year's hyphen (".../news/2013-" over "05/..."), where a break may fall.
    broken = re.findall(r"(?<![\w/.-])\d{4}-(?:\d{2}-)?\n", "\n".join(layout()))
    assert not broken, broken[:5]


def test_each_chapter_starts_on_a_new_page() -> None:
    chapters = [(title, page) for title, page, chapter in contents_lines() if chapter]
    assert len(chapters) >= 9
    for title, page in chapters:
        assert page_text(page).startswith(normalise(title)), (title, page, page_text(page)[:80])


def test_each_chapter_opens_on_a_right_hand_page_a_blank_page_before_it_where_needed() -> None:
    """As a printed book's chapters do: the Introduction, the Reset and the Resumption opened on left-hand pages.
    A blank page is the left-hand page before a chapter that would otherwise open on one, and nothing else."""
    chapters = [page for _, page, chapter in contents_lines() if chapter]
    assert len(chapters) >= 9
    assert [page for page in chapters if page % 2 == 0] == []
    assert [page for page in blank_pages() if page + 1 not in chapters] == []


def runt_endings(pdf_path: Path) -> list[tuple[str, int, int]]:
    """Each chapter of more than one page whose last page holds `pdf.RUNT_LINES` lines or fewer: its title, that
    page and its lines."""
    chapters = [(title, page) for title, page, chapter in contents_lines() if chapter]
    starts = [page for _, page in chapters] + [pdf.page_count(pdf_path) + 1]
    ends = [after - 1 - (after - 1 in blank_pages()) for after in starts[1:]]
    last_pages = [(title, end) for (title, start), end in zip(chapters, ends, strict=True) if end > start]
    return [(title, page, lines) for title, page in last_pages if (lines := pdf.lines_on_page(pdf_path, page)) <= pdf.RUNT_LINES]


def test_no_chapter_ends_on_a_page_of_a_few_lines() -> None:
    """Limitations' last paragraph, three lines, printed alone on a page (a print editor's finding): a chapter so
    ending is set a little tighter, and the record keeps it so for the next print."""
    assert not runt_endings(pdf.PDF_PATH)


def test_no_page_but_a_blank_one_holds_only_a_few_words() -> None:
    nearly_blank = [page for page in range(1, page_count() + 1) if page not in blank_pages() and len(body(page)) < MIN_WORDS_ON_A_PAGE]
    assert not nearly_blank, [(page, page_text(page)[:80]) for page in nearly_blank]


# A page whose text ends above this share of its height, before a table that starts the next page, was left
# empty for a table that could have broken across pages: print.css keeps a table whole only up to a quarter
# of the text block (pdf.KEPT_WHOLE_TABLE_MM), so with its title above it, no more than about a third of a
# page is left.
TEXT_ENDS_BELOW = 0.6
TABLE_TITLE = re.compile(r"\(\d+\s+rows?\)")


def test_no_page_is_left_more_than_a_third_empty_for_a_table_that_starts_the_next() -> None:
    left_empty = []
    for page in range(2, page_count() + 1):
        before, starts = body(page - 1), body(page)
        if not before or not starts:
            continue
        first_line = " ".join(w.text for w in starts if abs(w.y0 - starts[0].y0) < 2)
        if TABLE_TITLE.search(first_line) and max(w.y1 for w in before) < TEXT_ENDS_BELOW * page_height():
            left_empty.append((page - 1, first_line))
    assert not left_empty, left_empty


def test_every_chapter_and_part_runs_on_down_its_first_page() -> None:
    """A chapter's text runs on under its title: an opener page of its own (the title and its lead)
    left the numbered chapters' first pages two thirds empty, and Limitations' and Downloads' more
    than half. Every chapter or part longer than a page fills its first page below TEXT_ENDS_BELOW."""
    chapters = [(title, page) for title, page, chapter in contents_lines() if chapter]
    longer = [
        (title, page)
        for (title, page), (_, following) in itertools.pairwise(chapters)
        if following - (following - 1 in blank_pages()) > page + 1
    ]
    assert sum(bool(re.match(r"\d+\.", title)) for title, _ in longer) >= 4 and len(longer) >= 8, chapters
    short = [(title, page) for title, page in longer if max(w.y1 for w in body(page)) < TEXT_ENDS_BELOW * page_height()]
    assert not short, short


# A page left more than this share of its text block empty before a chart that starts the next page: Fig. 3.1
# and Fig. 4.5, each a few millimetres too tall for the page their text ended on, left pages 32 and 56 two-thirds
# and five-sixths empty (a print editor's finding). A chart that would stand on such a page drawn smaller, by
# no more than pdf.FIT_MIN_SCALE, is drawn so (pdf.charts_to_fit, from pdf.FIT_GAP_MM empty); one that would
# need more (Fig. 2.2, after a page about a third empty) starts the next page.
EMPTY_BEFORE_A_CHART = 0.5


def test_no_page_is_left_half_empty_before_a_chart_that_starts_the_next() -> None:
    single = SINGLE.read_text(encoding="utf-8")
    charts = set(re.findall(r'<figure[^>]* id="(fig-[^"]+)"', single))
    maps = set(re.findall(r'id="(fig-[^"]+)"[^>]*>(?:(?!</figure>).)*?"fit": "aspect"', single, re.S))
    starting = {
        name: page
        for name, (page, top) in pdf.destinations(pdf.PDF_PATH).items()
        if name in charts - maps and page > 1 and pdf.starts_a_page(top)
    }
    assert len(starting) >= 5, starting
    left_empty = {
        name: f"p. {page - 1}: {share:.0%} empty"
        for name, page in starting.items()
        if page - 1 not in blank_pages()
        and (share := pdf.empty_below_mm(pdf.PDF_PATH, page - 1) / pdf.PAGE_TEXT_HEIGHT_MM) > EMPTY_BEFORE_A_CHART
    }
    assert not left_empty, left_empty
    fitted = dict(pdf.recorded_layout().fitted)
    assert all(pdf.FIT_MIN_SCALE <= scale < 1 for scale in fitted.values()), fitted
    still_overleaf = [name for name in fitted if pdf.starts_a_page(pdf.destinations(pdf.PDF_PATH)[name][1])]
    assert not still_overleaf, f"charts drawn smaller that still start the next page: {still_overleaf}"


def test_no_page_ends_with_a_defined_term() -> None:
    """A term of a definition list printed alone at a page's foot, its definition overleaf ("Casualty"). A line
    that only reads like a term (a source's title ending "... Before Their Meeting") is not one."""
    definitions: dict[str, set[str]] = {}
    for term, definition in re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", SINGLE.read_text(encoding="utf-8"), re.S):
        words = normalise(html.unescape(re.sub(r"<[^>]+>", " ", definition))).split()
        definitions.setdefault(normalise(html.unescape(re.sub(r"<[^>]+>", "", term))), set()).add(" ".join(words[:4]))
    assert len(definitions) >= 5
    # The overleaf match must be able to succeed: nearly every definition's opening words are found as printed
    # (hyphenation or ligatures that broke them would let a stranded term pass unseen).
    book = " ".join(page_text(page) for page in range(1, page_count() + 1))
    printed = [term for term, starts in definitions.items() if any(start in book for start in starts)]
    assert len(printed) >= 0.9 * len(definitions), sorted(set(definitions) - set(printed))[:10]
    stranded = [
        (page, last_line(page))
        for page in range(1, page_count())
        if any(start in page_text(page + 1)[:400] for start in definitions.get(last_line(page), ()))
    ]
    assert not stranded, stranded


def test_no_page_ends_with_the_heading_of_a_sections_verdict_chips() -> None:
    heading = normalise(CHIPS_TITLE)
    stranded = [page for page in range(1, page_count() + 1) if last_line(page) == heading]
    assert not stranded, stranded


TILE = re.compile(r'<li><span class="tile-value">(.*?)</span>(.*?)</li>', flags=re.DOTALL)


def test_each_number_at_a_glance_prints_on_one_page_with_its_words() -> None:
    tiles = TILE.findall((SITE_CHAPTERS / "intro.html").read_text(encoding="utf-8"))
    assert len(tiles) >= 6
    book = [page_text(page) for page in range(1, page_count() + 1)]
    split = []
    for value, words in tiles:
        number, caption = normalise(html.unescape(value)), normalise(html.unescape(" ".join(words.split()[:4])))
        # A tile's number and words print side by side across a row of tiles, not one after the other.
        pages = [text for text in book if caption in text]
        if not pages or not any(re.search(rf"(^| ){re.escape(number)}( |$)", text) for text in pages):
            split.append(f"{number} / {caption}")
    assert not split, split


@functools.cache
def font_sizes() -> list[tuple[int, int, str]]:
    """(page, size in points rounded down, text) of every run of text, from pdftohtml at zoom 1."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-zoom", "1", "-stdout", str(pdf.PDF_PATH)], capture_output=True, text=True, check=True
    ).stdout
    fonts: dict[str, int] = {}
    runs = []
    page = 0
    for line in xml.splitlines():
        if match := re.search(r'<page number="(\d+)"', line):
            page = int(match.group(1))
        if match := re.search(r'<fontspec id="(\d+)" size="(-?\d+)"', line):
            fonts[match.group(1)] = int(match.group(2))
        if match := re.search(r'<text [^>]*font="(\d+)">(.*)</text>', line):
            runs.append((page, fonts[match.group(1)], re.sub(r"<[^>]+>", "", match.group(2))))
    return runs


def test_no_text_is_printed_under_7_points() -> None:
    runs = font_sizes()
    assert len(runs) > 1000
    small = [(page, size, text) for page, size, text in runs if size < MIN_TEXT_PT and text.strip()]
    assert not small, small[:10]


def test_the_ledger_is_set_at_8_points_or_more() -> None:
    """The ledger's pages are read through: its passages and checks printed at 7 pt in grey."""
    listed = dict(contents())
    first, after = listed["The claims ledger"], listed["Corrections and changes"]
    runs = [(page, size, text) for page, size, text in font_sizes() if first <= page < after and text.strip()]
    assert len(runs) > 500
    small = [(page, size, text) for page, size, text in runs if size < 8]
    assert not small, small[:10]


def test_each_figure_is_on_the_page_of_its_caption() -> None:
    """A figure's caption is printed on the page the figure starts on (a list that runs on
    across pages, such as the countdown, prints its caption first, with its start)."""
    numbers = figure_numbers()
    assert len(numbers) >= 17
    apart = [
        (figure, number, destinations()[figure], caption_pages(figure))
        for figure, number in numbers.items()
        if caption_pages(figure) != [destinations()[figure]]
    ]
    assert not apart, apart


def map_figures() -> list[str]:
    """The figures that hold a map (a chart fitted keeping its shape, `usermeta.fit == "aspect"`)."""
    source = SINGLE.read_text(encoding="utf-8")
    return [
        match.group(1)
        for match in re.finditer(r'<figure[^>]*id="(fig-[^"]+)"', source)
        if '"fit": "aspect"' in source[match.end() : source.index("</figure>", match.end())]
    ]


def drawing_width_mm(page: int) -> float:
    """The width of the tallest drawing printed on a page, read back from the page
    rendered in grey: the longest run of painted pixels in any row of the tallest
    band of rows whose runs are a drawing's (a map is painted edge to edge; the
    white halos of its names and its key's panel only shorten some rows)."""
    width, height, pixels = gray_page(page, RASTER_DPI)
    px_per_mm = RASTER_DPI / 25.4
    drawing_row = DRAWING_ROW_SHARE * text_width_mm() * px_per_mm
    runs = []
    for row in range(height):
        longest = current = 0
        for value in pixels[row * width : (row + 1) * width]:
            current = current + 1 if value < 250 else 0
            longest = max(longest, current)
        runs.append(longest)
    bands = [list(group) for is_drawing, group in itertools.groupby(runs, key=lambda run: run >= drawing_row) if is_drawing]
    tallest = max(bands, key=len, default=[0])
    return max(tallest) / px_per_mm


def text_width_mm() -> float:
    return page_width() / MM - pdf.PAGE_INNER_MARGIN_MM - pdf.PAGE_OUTER_MARGIN_MM


def test_every_map_prints_at_the_full_text_width() -> None:
    maps = map_figures()
    assert len(maps) >= 3, maps
    shares = {figure: drawing_width_mm(destinations()[figure]) / text_width_mm() for figure in maps}
    narrow = {figure: round(share, 2) for figure, share in shares.items() if share < MIN_MAP_WIDTH_SHARE}
    assert not narrow, f"maps printed narrower than {MIN_MAP_WIDTH_SHARE:.0%} of the text width (share): {narrow}"


def caption_pt() -> float:
    """A figure caption's type size in print (print.css)."""
    css = (REPO_ROOT / "_static" / "print.css").read_text(encoding="utf-8")
    return float(re.search(r"figure figcaption \{ font-size: ([\d.]+)pt", css).group(1))


def caption_words(page: int) -> list[Word]:
    """The words of a figure's caption on `page`: from its "Fig." (not one that a line "Data behind Fig." cites)
    down to that line, if the page has one."""
    on_page = page_words(page)
    starts = [w.y0 for i, w in enumerate(on_page) if w.text == "Fig." and (i == 0 or on_page[i - 1].text != "behind")]
    ends = [w.y0 for w in on_page if w.text == "behind" and w.y0 > starts[0]]
    return [w for w in on_page if starts[0] - 1 <= w.y0 < (ends[0] - 1 if ends else math.inf)]


def test_every_maps_key_prints_at_the_type_size_its_spec_sets_none_scaled_down_with_its_map() -> None:
    """A map a page could not hold beside its caption was scaled down whole, key and names with it (the 1967
    map's key at 96%, the East Jerusalem map's at 92%): it is drawn again shorter instead (vega-fit's cap), so its
    type prints at full size. Measured against its caption's words, set in the same face: the key's label for
    the Green Line, on every map, stands as tall as its size over the caption's."""
    expected = layers.LEGEND_FONT_PX * 72 / 96 / caption_pt()
    first_word = layers.GREEN_LINE_LEGEND.split()[0]
    ratios = {}
    for figure in map_figures():
        page = destinations()[figure]
        caption = caption_words(page)
        key_words = [w.y1 - w.y0 for w in page_words(page) if w.text == first_word and w.y0 < caption[0].y0]
        caption_heights = [w.y1 - w.y0 for w in caption if w.text in ("the", "of", "and")]
        ratios[figure] = round(statistics.median(key_words) / statistics.median(caption_heights), 3)
    assert len(ratios) >= 3
    assert {figure: ratio for figure, ratio in ratios.items() if abs(ratio - expected) > 0.005} == {}, round(expected, 3)


def test_nothing_interactive_prints() -> None:
    # Not a web address printed in full: a source's may hold any word ("…-president-click/?utm…").
    text = " ".join(w.text for w in words() if not re.search(r"[/?=]", w.text))
    found = [remnant for remnant in INTERACTIVE_REMNANTS if re.search(rf"(?<![\w-]){re.escape(remnant)}", text, re.IGNORECASE)]
    found += [f"{count} permalink mark(s) '#'" for count in [sum(w.text == "#" for w in words())] if count]
    assert not found, found


FILE_NAME = re.compile(r"\.(csv|py|json|geojson|toml)$")
MAX_GAP_BEFORE_PUNCTUATION_PT = 0.5


def test_a_file_name_in_running_text_stands_against_the_punctuation_after_it() -> None:
    """The screen's box round inline code printed as a pill and its padding stood the comma 3.75 pt off
    ("meeting_specifications.csv ,")."""
    found = words()
    apart = [
        f"p. {word.page}: {before.text} {word.text}"
        for before, word in itertools.pairwise(found)
        if word.text in {",", ";", ":", ".", ")"}
        and FILE_NAME.search(before.text)
        and word.page == before.page
        and abs(word.y0 - before.y0) < 3
        and word.x0 - before.x1 > MAX_GAP_BEFORE_PUNCTUATION_PT
    ]
    assert any(FILE_NAME.search(word.text) for word in found), "no file name printed: the test reads nothing"
    assert not apart, apart


def test_no_analyst_code_prints() -> None:
    """The folded evidence cells (code and intermediate tables) belong to the notebooks and the HTML edition."""
    chapters = sorted((REPO_ROOT / "chapters").glob("*.ipynb"))
    code = [
        line.strip()
        for path in chapters
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if "hide-input" in cell.get("metadata", {}).get("tags", [])
        for line in "".join(cell["source"]).splitlines()
        if len(line.strip()) > 20
    ]
    assert code, "no evidence cell found in the chapters"
    text = " ".join(" ".join(page.split()) for page in layout())
    printed = [line for line in code if " ".join(line.split()) in text]
    assert not printed, printed[:5]


def test_no_word_in_a_table_cell_is_broken_across_lines() -> None:
    source = SINGLE.read_text(encoding="utf-8")
    cells = " ".join(re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", source, flags=re.DOTALL))
    cell_words = set(re.findall(r"[A-Za-z]{4,}", html.unescape(re.sub(r"<[^>]+>", " ", cells))))
    vocabulary = set(re.findall(r"[A-Za-z]+", html.unescape(re.sub(r"<[^>]+>", " ", source))))
    prefixes = {word[:n] for word in cell_words for n in range(2, len(word))}
    assert len(cell_words) > 500
    broken = []
    all_words = words()
    for first, second in itertools.pairwise(all_words):
        head, tail = re.sub(r"[^A-Za-z]", "", first.text), re.sub(r"[^A-Za-z]", "", second.text)
        if not head or head in vocabulary or head not in prefixes or not re.fullmatch(r"[A-Za-z]+", first.text):
            continue
        joined = head + tail
        if second.y0 > first.y1 - 1 and (joined in cell_words or joined in prefixes):
            broken.append((first.page, first.text, second.text))
    assert not broken, broken[:10]


def test_a_file_name_in_a_table_breaks_only_after_an_underscore() -> None:
    """A file name in a table cell (a download's link) may wrap after one of its
    underscores (analysis.report.glue writes <wbr> there), never inside a word."""
    source = SINGLE.read_text(encoding="utf-8")
    cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", source, flags=re.DOTALL)]
    names = {cell for cell in cells if re.fullmatch(r"[A-Za-z0-9_]+\.(?:csv|geojson|json|toml|pdf)", cell)}
    assert len(names) > 20, names
    printed = " ".join(w.text for w in words())
    broken = set()
    for name in sorted(names):
        # The name as printed, a line break (a space between pdftotext's words) allowed anywhere in it.
        for found in re.finditer(r"(?<![\w.])" + r"\s?".join(map(re.escape, name)) + r"(?!\w)", printed):
            text = found.group()
            if any(character == " " and text[position - 1] != "_" for position, character in enumerate(text)):
                broken.add(text)
    assert not broken, f"file names printed broken inside a word: {sorted(broken)}"


def test_a_table_that_breaks_across_pages_repeats_its_header() -> None:
    """Every page that continues a table's rows starts with that table's header row."""
    source = SINGLE.read_text(encoding="utf-8")
    headers = {
        tuple(heading_text(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", thead, flags=re.DOTALL))
        for thead in re.findall(r"<thead>(.*?)</thead>", source, flags=re.DOTALL)
    }
    repeated = 0
    for page in range(2, page_count() + 1):
        lines = [line for line in layout()[page - 1].splitlines() if line.strip()][1:-1]
        if not lines:
            continue
        first = normalise(lines[0]).split(" ")
        for header in headers:
            cells = " ".join(header).split(" ")
            if len(header) >= 2 and first[: len(cells)] == cells:
                repeated += 1
    assert repeated >= 5


def test_each_chapters_sources_print_their_whole_addresses() -> None:
    """A source list's links print as their addresses in its chapter (the reset's,
    read from its Sources page to the next chapter): the page shows each link as
    its site's name ("www.jpost.com"), which a reader of paper cannot follow."""
    entries = contents_lines()
    first = next(index for index, (title, _, chapter) in enumerate(entries) if chapter and title.endswith("The reset"))
    sources_page = next(page for title, page, _ in entries[first + 1 :] if title.endswith("Sources"))
    next_chapter = next(page for _, page, chapter in entries[first + 1 :] if chapter)
    unbroken = re.sub(r"\s+", "", " ".join(page_text(page) for page in range(sources_page, next_chapter)))
    addresses = [
        html.unescape(address)
        for list_ in re.findall(r'<ul class="source-list">(.*?)</ul>', (SITE_CHAPTERS / "reset.html").read_text(encoding="utf-8"), re.S)
        for address in re.findall(r'<a[^>]* href="(https?://[^"]+)"', list_)
    ]
    assert len(addresses) >= 5, addresses
    missing = [address for address in addresses if printed_address(address) not in unbroken]
    assert not missing, missing


def test_an_address_breaks_after_a_slash_or_before_a_mark_never_after_its_own_hyphen() -> None:
    """Broken after one of its hyphens at a line's end ("...setzt-" over "pendeldiplomatie-..."), an address read as a
    word hyphenated there: which hyphen is the address's? So did the BibTeX entries' ("Analise-" over "Guerra/").
    And an Arabic address printed seven lines of %-escapes."""
    text = normalise_lines("\n".join(layout()))
    with (REPO_ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as table:
        addresses = {row["url"] for row in csv.DictReader(table) if row["url"]}
    bibtex = re.findall(r'<pre class="preformatted">(.*?)</pre>', (SITE_CHAPTERS / "downloads.html").read_text(encoding="utf-8"), re.S)
    addresses |= {html.unescape(address) for block in bibtex for address in re.findall(r"https?://[^\s{}<]+", block)}
    printed = {address: re.compile(r"\s*".join(map(re.escape, printed_address(address)))) for address in addresses}
    found = {address: [match.group(0) for match in pattern.finditer(text)] for address, pattern in printed.items()}
    assert sum(map(len, found.values())) > 2 * len(addresses), "the print lists each source in the appendix and where it is cited"
    broken = [printed for runs in found.values() for printed in runs if re.search(r"-[ \t]*\n", printed)]
    assert not broken, broken[:5]
    escaped_letters = [run for run in re.findall(pdf.PRINTED_ESCAPES, text) if letters(run)]
    assert not escaped_letters, f"an address printed its letters as %-escapes: {escaped_letters[:3]}"
    assert "%E2%80%99" in text, "a quotation mark in an address stays escaped, as a reader types it"


def ledger_pages() -> list[int]:
    entries = contents_lines()
    first = next(page for title, page, chapter in entries if chapter and title == "The claims ledger")
    after = next(page for title, page, chapter in entries if chapter and title == "Corrections and changes")
    return [page for page in range(first, after) if page not in blank_pages()]


CHIP_DROP_PT = 6


def test_a_ledger_page_starts_with_an_entry_or_with_sources_never_inside_a_claim_or_its_check() -> None:
    """An entry ran on across a page turn anywhere: its passage or its check went on at the top of the next page
    under no claim's id (28 of the ledger's 40 page turns, a print editor counted). An entry's claim and check now
    print whole under its id; only its sources, a row across the page under them, run on."""
    checked = []
    for page in ledger_pages():
        header = [word for word in body(page) if word.text == "Verdict"]
        if not header:
            continue  # the ledger's opening page and its table of disagreements
        below = [word for word in body(page) if word.y0 > header[0].y1 + 1]
        top = min(word.y0 for word in below)
        # An entry's chip, set in its padded box, stands a few points lower than the subject beside it.
        line = sorted((word for word in below if word.y0 - top < CHIP_DROP_PT), key=lambda word: word.x0)
        checked.append((page, line[0].text, round(line[0].x0 - header[0].x0)))
    assert len(checked) >= 20, checked
    inside = [(page, first, indent) for page, first, indent in checked if not re.fullmatch(r"K\d+", first) and indent > 2]
    assert not inside, inside


def test_no_ledger_page_ends_more_than_a_third_of_a_page_short() -> None:
    """Kept whole with its sources, an entry left up to half a page white before it. Its claim and check, kept
    whole without them, leave less (its sources run on)."""
    folio_top = page_height() * 0.93
    reached = {
        page: max(word.y1 for word in words() if word.page == page and word.y1 < folio_top) / page_height()
        for page in ledger_pages()[:-1]  # its last page ends where the ledger does
    }
    text_block = pdf.PAGE_TEXT_HEIGHT_MM / 297
    short = {page: round(share, 2) for page, share in reached.items() if max(reached.values()) - share > text_block / 3}
    assert len(reached) >= 20 and not short, short


def test_a_ledger_address_prints_whole_on_one_page_after_its_title() -> None:
    """An entry's sources may now run on across a page break, between one source and the next: each address still
    prints whole on one page (an address broken by a page turn cannot be typed), as often as the ledger lists it,
    and a space apart from its title (set as an inline-block, the address had lost the space before it)."""
    entries = contents_lines()
    first = next(page for title, page, chapter in entries if chapter and title == "The claims ledger")
    after = next(page for title, page, chapter in entries if chapter and title == "Corrections and changes")
    texts = [page_text(page) for page in range(first, after)]
    pages = [re.sub(r"\s+", "", text) for text in texts]
    listed = collections.Counter(
        html.unescape(address)
        for block in re.findall(
            r'<p class="ledger-sources">(.*?)</p>', (SITE_CHAPTERS / "claims_ledger.html").read_text(encoding="utf-8"), re.S
        )
        for address in re.findall(r'<a[^>]* href="(https?://[^"]+)"', block)
    )
    assert sum(listed.values()) > 150
    split = {
        address: count
        for address, count in listed.items()
        if sum(page.count("(" + printed_address(address) + ")") for page in pages) < count
    }
    assert not split, list(split.items())[:5]
    run_together = [match.group(0) for text in texts for match in re.finditer(r"\S\(https?://\S{0,30}", text)]
    assert not run_together, run_together[:5]


def test_the_ledgers_and_corrections_sources_print_their_addresses() -> None:
    """Their links print the source's title ("Haaretz: Tzipi Livni (tag page)"), which paper cannot follow:
    each is followed by its address."""
    entries = contents_lines()
    first = next(page for title, page, chapter in entries if chapter and title == "The claims ledger")
    after = next(page for title, page, chapter in entries if chapter and title == "Data and methods")
    unbroken = re.sub(r"\s+", "", " ".join(page_text(page) for page in range(first, after)))
    addresses = {
        html.unescape(address)
        for page in ("claims_ledger.html", "corrections.html")
        for block in re.findall(
            r'<p class="(?:ledger|correction)-sources">(.*?)</p>', (SITE_CHAPTERS / page).read_text(encoding="utf-8"), re.S
        )
        for address in re.findall(r'<a[^>]* href="(https?://[^"]+)"', block)
    }
    assert len(addresses) >= 50, len(addresses)
    missing = [address for address in addresses if "(" + printed_address(address) + ")" not in unbroken]
    assert not missing, missing[:5]


def test_a_tables_linked_sources_print_their_addresses() -> None:
    """The house terms' sources printed as underlined titles alone (B'Tselem's "50 Days", UN Security Council
    resolutions 478 and 497): a link in a table's cell is followed by its address, as in the ledger."""
    unbroken = re.sub(r"\s+", "", " ".join(page_text(page) for page in range(1, page_count() + 1)))
    addresses = {
        html.unescape(address)
        for table in re.findall(r'<table[^>]*class="[^"]*data-table[^"]*"[^>]*>(.*?)</table>', SINGLE.read_text(encoding="utf-8"), re.S)
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)
        for address in re.findall(r'<a[^>]* href="(https?://[^"]+)"', cell)
    }
    assert len(addresses) >= 5, addresses
    missing = [address for address in addresses if "(" + printed_address(address) + ")" not in unbroken]
    assert not missing, missing[:5]


def structure_children(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """A tagged PDF's structure element's children that are elements (not marked content or objects)."""
    kids = element.get("/K")
    kids = [] if kids is None else (list(kids) if isinstance(kids, pikepdf.Array) else [kids])
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def structure_page(element: object, pages: dict[tuple[int, int], int]) -> int | None:
    """The page a structure element's first content is printed on (its /Pg, or its first child's)."""
    if not isinstance(element, pikepdf.Dictionary):
        return None
    if "/Pg" in element:
        return pages.get(element.Pg.objgen)
    kids = element.get("/K")
    for kid in [] if kids is None else (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
        if (page := structure_page(kid, pages)) is not None:
            return page
    return None


def structure_pages(element: object, pages: dict[tuple[int, int], int]) -> set[int]:
    """Every page a structure element's content is printed on (its /Pg and its descendants' and marked-content references')."""
    if not isinstance(element, pikepdf.Dictionary):
        return set()
    found = {pages[element.Pg.objgen]} if "/Pg" in element and element.Pg.objgen in pages else set()
    kids = element.get("/K")
    for kid in [] if kids is None else (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
        found |= structure_pages(kid, pages)
    return found


def test_no_tables_header_or_last_row_stands_alone_on_a_page() -> None:
    """A table's last row printed alone at the top of a page, under its repeated header (the house terms'
    "Israeli and Palestinian", a dictionary's "role"): it keeps the row before it with it. And a table's
    caption and header printed alone at a page's foot (the ledger's "Every claim, with its evidence and
    verdict", its rows starting overleaf): the header keeps the first row with it. Read from the PDF's
    tags: each table's header and body rows (TR) and the page each is printed on."""
    with pikepdf.open(pdf.PDF_PATH) as document:
        pages = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
        tables, pending = [], [document.Root.StructTreeRoot]
        while pending:
            for kid in structure_children(pending.pop()):
                (tables if kid.S == "/Table" else pending).append(kid)
        alone, spanning, unplaced = [], 0, 0
        for table in tables:
            rows = [
                row
                for part in structure_children(table)
                for row in ([part] if part.S == "/TR" else structure_children(part) if part.S == "/TBody" else [])
            ]
            # The header row (every cell a TH) repeats on each page; the body's rows are the others.
            body = [row for row in rows if any(cell.S != "/TH" for cell in structure_children(row))]
            printed_on = [structure_page(row, pages) for row in body]
            unplaced += printed_on.count(None)
            spanning += len(set(printed_on)) > 1
            # A row before it that runs on to the last row's page (a ledger entry split across pages) keeps it company.
            if len(body) >= 2 and printed_on[-1] not in structure_pages(body[-2], pages):
                alone.append((printed_on[-1], f"the last of {len(body)} rows"))
            header = [row for row in rows if row not in body]
            if header and body and structure_page(header[0], pages) != printed_on[0]:
                alone.append((structure_page(header[0], pages), f"the header of {len(body)} rows"))
            caption = [part for part in structure_children(table) if part.S == "/Caption"]
            if caption and body and structure_page(caption[0], pages) != printed_on[0]:
                alone.append((structure_page(caption[0], pages), f"the caption of {len(body)} rows"))
    assert len(tables) >= 30 and spanning >= 10 and not unplaced, (len(tables), spanning, unplaced)
    assert not alone, alone


def test_a_records_labels_of_ordinary_length_stand_on_one_line() -> None:
    """A table printed as records (more columns than the page holds) sets each
    cell under its column's name, in a column of names wide enough for one of a
    few words: at 28 mm, "announcement id" and "days after release" broke over
    two lines in every record, apart from their values."""
    tables = re.findall(r"<table[^>]*>.*?</table>", SINGLE.read_text(encoding="utf-8"), flags=re.S)
    heads = [re.search(r"<thead>(.*?)</thead>", table, re.S) for table in tables]
    headers = [re.findall(r"<th[^>]*>(.*?)</th>", head.group(1), re.S) for head in heads if head]
    names = {
        normalise(html.unescape(re.sub(r"<[^>]+>", "", name)))
        for header in headers
        if len(header) > pdf.MAX_PRINTED_COLUMNS
        for name in header
    }
    ordinary = sorted(name for name in names if " " in name and len(name) <= ORDINARY_LABEL_CHARS)
    assert len(ordinary) >= 5, ordinary
    lines = {normalise(line) for page in layout() for line in page.splitlines()}
    broken = [name for name in ordinary if not any(line == name or line.startswith(name + " ") for line in lines)]
    assert not broken, broken


def test_every_word_is_printed_once() -> None:
    """A halo (a stroke under a label's letters) is written into the PDF as a second run of the same
    words at the same place: a reader copying "78 freed in all" from a chart, or "Ramallah" from a
    map, got it twice. Charts print their words on patches of white, and the maps' halos print as
    images under the names, so no page repeats a word in place."""
    in_place = Counter((w.page, w.text, round(w.x0, 1), round(w.x1, 1), round((w.y0 + w.y1) / 2)) for w in words())
    twice = sorted({(page, text) for (page, text, *_), count in in_place.items() if count > 1})
    assert not twice, twice[:10]


def test_the_book_is_set_in_one_face_and_its_monospace() -> None:
    """Text, running heads and folios share one face (the heads had another: Liberation Sans beside the
    text's DejaVu Sans), and every font is an embedded TrueType one: the maps' haloed names had printed
    in 17 Type 3 fonts, which printers' preflight checks flag."""
    listing = subprocess.run(["pdffonts", str(pdf.PDF_PATH)], capture_output=True, text=True, check=True).stdout
    fonts = [line.split() for line in listing.splitlines()[2:]]
    families = {re.sub(r"^[A-Z]{6}\+", "", font[0]).split("-")[0] for font in fonts}
    assert len(families - {name for name in families if name.endswith("Mono")}) == 1, sorted(families)
    assert all(font[1:3] == ["CID", "TrueType"] and font[-5] == "yes" for font in fonts), [font[:3] for font in fonts]


def test_the_maps_names_keep_their_halos_in_print() -> None:
    """A map's names stand over the ground on halos: in print each halo is an image (with the
    transparency round the letters) under the name, so every map page holds such images (at least
    five: each map names more places than that) and no other page holds any."""
    listing = subprocess.run(["pdfimages", "-list", str(pdf.PDF_PATH)], capture_output=True, text=True, check=True).stdout
    masked = Counter(int(line.split()[0]) for line in listing.splitlines()[2:] if line.split()[2] == "smask")
    map_pages = {destinations()[figure] for figure in map_figures()}
    assert len(map_pages) >= 3
    assert set(masked) == map_pages, sorted(masked)
    assert all(masked[page] >= 5 for page in map_pages), masked


def test_no_page_opens_on_a_bibtex_entrys_closing_brace_alone() -> None:
    """Page 159 opened on a lone "}", the end of the BibTeX entry on the page before."""
    assert [page for page in range(1, page_count() + 1) if first_line(page) == "}"] == []


def test_a_tables_count_of_rows_is_never_split_from_its_number() -> None:
    """The appendix's headings left "rows)" alone on a line ("units per announcement and region (11" over
    "rows)"): the print's own titles had turned the count's no-break space into a space."""
    split = [line.strip() for text in layout() for line in text.splitlines() if re.fullmatch(r"\s*(rows?|records?)\)\s*", line)]
    assert split == []


def test_a_datasets_digest_prints_whole_or_in_two_even_halves() -> None:
    """The appendix's datasets broke each sha256 where the column ran out: "…fa19" over a line of "7580"."""
    from analysis.data import datasets

    lines = [line.split() for text in layout() for line in text.splitlines()]
    pairs = list(itertools.pairwise(lines))

    def printed_well(digest: str) -> bool:
        whole = any(digest in line for line in lines)
        halves = any(line[-1:] == [digest[:32]] and following[:1] == [digest[32:]] for line, following in pairs)
        return whole or halves

    digests = [dataset.sha256 for dataset in datasets.manifest().values()]
    assert len(digests) >= 8
    assert [digest for digest in digests if not printed_well(digest)] == []


def test_the_sources_cited_print_as_a_bibliography_a_paragraph_each_its_id_first() -> None:
    """As records, a field a line, the 380 sources took 44 pages of the appendix; as a bibliography 17 (194 to 210)."""
    lines = [normalise(line) for text in layout() for line in text.splitlines()]
    opened = {line.split(" ")[0] for line in lines if " · " in line}
    ids = tables.load("sources")["source_id"]
    assert len(ids) > 300
    assert [source for source in ids if source not in opened] == []
    # A field's separator ends its line, never opens the next (128 lines began with one).
    first = next(page for title, page in appendix_entries() if title.startswith("Sources cited by the tables"))
    listed = [normalise(line) for text in layout()[first - 1 :] for line in text.splitlines()]
    assert [line for line in listed if line.startswith("·")] == []
