"""The PDF edition: `python -m analysis.tools.pdf` (run by `make book`).

Route: Jupyter Book's `singlehtml` builder renders the whole book, from the same
stored notebook outputs as the HTML edition, into one page; headless Chromium
(Debian's, driven by Playwright) waits for every chart and map to draw, lays
the page out as a book (front matter, chapters opening on right-hand pages, page names for the
running heads of `_static/print.css`) and prints it. It then reads back, with
poppler's `pdfinfo -dests`, the page each heading and figure was printed on,
writes those numbers into the contents and prints again, until a print's pages
are those its contents give (two prints: the numbers take the place of
placeholders on lines of their own). The charts are SVG, so they print as
vector graphics; Chromium embeds the fonts; a link to another page of the book
goes to its place in the PDF, a link to a download prints as its text (no file
travels with the PDF), and the PDF has an outline. Nothing is fetched from outside.

The single-page book is built on every run, in its own Sphinx environment
(`_build/print/`, re-reading only the changed pages) and without the downloads,
which it cannot load: `make book` builds and prints it while the HTML book is
built (`analysis.tools.site --with-pdf`). The PDF is printed again only when
something it is printed from differs from what the last print recorded in
`_build/pdf/printed-from.json` (`print_inputs`, by content: a chapter's page,
an asset, the print stylesheet, this tool's code, the front matter, the
environment, Chromium), or when the PDF itself is missing or changed.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import filecmp
import functools
import hashlib
import http.server
import json
import math
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pikepdf
import yaml
from playwright.sync_api import sync_playwright

from analysis.data import edition, fingerprint
from analysis.paths import REPO_ROOT

PRINT_BUILD = REPO_ROOT / "_build" / "print"
SINGLE_HTML = PRINT_BUILD / "singlehtml"
PDF_NAME = "nine-months.pdf"
PDF_PATH = REPO_ROOT / "_build" / "pdf" / PDF_NAME
# The HTML book offers the edition from here (a link on the Downloads page).
SITE_COPY = REPO_ROOT / "_build" / "html" / "pdf" / PDF_NAME
PUBLISHED_AS = SITE_COPY.relative_to(SITE_COPY.parents[1]).as_posix()  # where the PDF is in the HTML edition: pdf/nine-months.pdf
# What the PDF was last printed from (`print_inputs`) and its digest: it is printed
# again only when any of them differs.
PRINT_RECORD = PDF_PATH.with_name("printed-from.json")
TOOL_MODULE = "analysis.tools.pdf"
# The full browser, not its headless shell (which the browser tests use): the
# shell's print of the same page looks the same to the pixel but writes the axis
# labels Vega hides (drawn with no opacity, where they would overlap) into the
# PDF's text, 80 more words on the timeline's page, which a reader copying or
# listening to the page would get.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DRAWN_JS = """() => Array.from(document.querySelectorAll('.vega-embed'))
  .every(el => el.querySelector('svg.marks, canvas.marks') || el.querySelector('.error'))"""
# The printed column: A4 less the side margins of _static/print.css, in CSS
# pixels. The page is laid out this wide, so the charts _static/vega-fit.js
# fits to the column on screen are the size they print at.
PRINT_CSS = REPO_ROOT / "_static" / "print.css"
TOC = edition.TOC
PAGE_INNER_MARGIN_MM = 18  # by the binding
PAGE_OUTER_MARGIN_MM = 14
PAGE_TOP_MARGIN_MM = 20  # the running head stands in it
PAGE_BOTTOM_MARGIN_MM = 20  # the folio stands in it
PAGE_HEIGHT_MM = 297  # A4
PRINT_WIDTH_PX = round((210 - PAGE_INNER_MARGIN_MM - PAGE_OUTER_MARGIN_MM) / 25.4 * 96)
# Every figure fitted to the width its column has now (vega-fit.js records the
# width it fitted to; a change of layout starts a new fit, which takes a few draws).
FITTED_JS = """() => Array.from(document.querySelectorAll('.vega-embed')).every(el => {
  const fitted = el.getAttribute('data-fitted');
  if (fitted === 'container') return true;
  const parent = el.parentElement, style = getComputedStyle(parent);
  const column = parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return fitted !== null && Math.abs(Number(fitted) - column) <= 1;
})"""
# A map (a spec with `usermeta.fit == "aspect"`, which _static/vega-fit.js fits
# to the column keeping its shape) prints as wide as the text, up to the height
# a page holds (through vega-fit's own `usermeta.maxHeight`, then, once its
# caption is laid out, vega-fit's "vega-fit:cap" with the height its page
# leaves it, WIDE_TABLES_JS), so it is drawn to fit the page, type at full
# size, rather than drawn taller and scaled down, type and all. Its legends, stacked under it on screen, would
# leave a page no room for it: they print as the map's key where the map says
# (`usermeta.printKey`, analysis.report.maps.layers.PrintKey), in a panel in a
# corner of the map that its names keep clear of, or side by side under it.
MAP_MAX_HEIGHT_MM = 212
MAP_MAX_HEIGHT_PX = round(MAP_MAX_HEIGHT_MM / 25.4 * 96)
KEY_PANEL = {"fillColor": "#ffffff", "strokeColor": "#8c8c8c", "strokeWidth": 0.75}
MAP_PRINT_JS = """(() => {
  const panel = KEY_PANEL;
  function printed(spec) {
    const meta = spec.usermeta || {};
    const key = meta.printKey;
    const legend = Object.assign({}, (spec.config || {}).legend);
    if (key && key.orient === 'bottom') {
      legend.layout = { bottom: { direction: 'horizontal', anchor: 'start', margin: 16 } };
    } else if (key) {
      Object.assign(legend, panel, { orient: key.orient, offset: key.margin, padding: key.padding });
      legend.layout = { [key.orient]: { direction: 'vertical', anchor: 'start', margin: key.gap } };
    }
    return Object.assign({}, spec, {
      config: Object.assign({}, spec.config, { legend: legend }),
      usermeta: Object.assign({}, meta, { maxHeight: Math.min(meta.maxHeight || Infinity, MAP_MAX_HEIGHT_PX) }),
    });
  }
  let current;
  Object.defineProperty(window, 'vegaEmbed', {
    configurable: true,
    get() { return current; },
    set(embed) {
      current = function (el, spec, options) {
        const meta = spec && typeof spec === 'object' ? spec.usermeta || {} : {};
        if (meta.fit !== 'aspect') return embed.call(this, el, spec, options);
        const target = typeof el === 'string' ? document.querySelector(el) : el;
        if (target) target.dataset.map = '';
        return embed.call(this, el, printed(spec), options);
      };
      Object.assign(current, embed);
    },
  });
})();""".replace("KEY_PANEL", json.dumps(KEY_PANEL)).replace("MAP_MAX_HEIGHT_PX", str(MAP_MAX_HEIGHT_PX))
# What the book's first part (the root page, headed online by the book's title) is called in print.
INTRODUCTION = "Introduction"
# Prints until the contents' page numbers are those of the print (two, unless a number's width moves a line,
# a chart is fitted to the page before, a chapter is set tighter or a blank page is added or taken away, each
# of which may take one more: a fresh print took five on 7 December, one short of the six then allowed).
MAX_PASSES = 8
# A chapter whose last page would hold this many lines or fewer alone (a runt: the last paragraph of
# Limitations printed on a page of its own) is set a little tighter (`edition-tight`, print.css), which
# brings those lines back onto the page before. The record keeps the chapters so set, for the next print.
RUNT_LINES = 4
CHAPTERS_JS = "() => Array.from(document.querySelectorAll('.edition-chapter')).map(section => section.id)"
TIGHTEN_JS = "(ids) => ids.forEach(id => document.getElementById(id).classList.add('edition-tight'))"
# Each chapter and part opens on a right-hand page, as a printed book's do: one that would start on a
# left-hand (even) page has a blank page before it (`edition-blank`, print.css: no head, no folio).
# The record keeps the chapters so preceded, for the next print.
BLANKS_JS = """(ids) => {
  document.querySelectorAll('.edition-blank').forEach(blank => blank.remove());
  ids.forEach(id => {
    const blank = document.createElement('div');
    blank.className = 'edition-blank';
    blank.setAttribute('aria-hidden', 'true');
    document.getElementById(id).before(blank);
  });
}"""


# A chart that starts a page after one left FIT_GAP_MM empty or more (it did not fit there, so the page
# before it printed a third empty, or most of a page: a print editor's finding) is drawn smaller, type and all,
# to stand on that page after the text before it: by no more than FIT_MIN_SCALE of its height (its smallest
# labels, 11 px or 8.25 pt, at the 7 pt the printed book's type keeps to), FIT_CLEARANCE_MM under the fitted
# height for the margins of the figure and its page. A map, drawn shorter, keeps its type at full size and its
# names' places fitted to its width: it is never fitted so. The record keeps each chart's scale for the next print.
FIT_GAP_MM = 90
FIT_MIN_SCALE = 0.85
FIT_CLEARANCE_MM = 8
PX_PER_MM = 96 / 25.4
# Each chart's figure (its height and its margin above it, which a page's top does not keep) and its drawing,
# in CSS pixels as printed. A drawing's height before any fit is stamped on it (`data-unfitted`) the first
# time it is measured, which print_pdf does before it applies any fit (FIT_JS): each fit scales that height,
# never a fitted one.
FIGURE_HEIGHTS_JS = """() => Object.fromEntries(Array.from(document.querySelectorAll('.edition-book figure[id]'))
  .map(figure => [figure, figure.querySelector('.vega-embed svg.marks')])
  .filter(([, drawing]) => drawing && !drawing.closest('.vega-embed').hasAttribute('data-map'))
  .map(([figure, drawing]) => {
    if (!drawing.dataset.unfitted) drawing.dataset.unfitted = String(drawing.getBoundingClientRect().height);
    const height = figure.getBoundingClientRect().height + parseFloat(getComputedStyle(figure).marginTop);
    return [figure.id, [height, drawing.getBoundingClientRect().height, Number(drawing.dataset.unfitted)]];
  }))"""
FIT_JS = """(scales) => Object.entries(scales).forEach(([id, scale]) => {
  const drawing = document.getElementById(id).querySelector('.vega-embed svg.marks');
  drawing.style.maxHeight = `${Number(drawing.dataset.unfitted) * scale}px`;
})"""


@dataclass(frozen=True)
class PrintLayout:
    """What a print settled on: the page of each heading its contents list, the chapters set tighter, those
    a blank page comes before and the charts drawn smaller to stand on the page before (each with its scale)."""

    pages: dict[str, int]
    tight: tuple[str, ...] = ()
    blanks: tuple[str, ...] = ()
    fitted: tuple[tuple[str, float], ...] = ()


def page_count(pdf_path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, flags=re.MULTILINE).group(1))


def lines_on_page(pdf_path: Path, page: int) -> int:
    """The lines of text a page prints, less its running head and its folio."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return len([line for line in text.splitlines() if line.strip()]) - 2


def runt_chapters(pdf_path: Path, printed: dict[str, int], chapters: list[str], blanks: tuple[str, ...]) -> list[str]:
    """The chapters of more than one page whose last page (before the next chapter's blank page, if it has one)
    holds RUNT_LINES lines or fewer."""
    starts = [printed[chapter] for chapter in chapters]
    ends = [printed[following] - 1 - (following in blanks) for following in chapters[1:]] + [page_count(pdf_path)]
    return [
        chapter
        for chapter, start, end in zip(chapters, starts, ends, strict=True)
        if end > start and lines_on_page(pdf_path, end) <= RUNT_LINES
    ]


def blanks_needed(printed: dict[str, int], chapters: list[str], blanks: tuple[str, ...]) -> tuple[str, ...]:
    """The chapters a blank page must come before, so that each opens on a right-hand (odd) page, from the pages
    they printed on with a blank page before each of `blanks`."""
    needed: list[str] = []
    blanks_so_far = 0
    for chapter in chapters:
        blanks_so_far += chapter in blanks
        if (printed[chapter] - blanks_so_far + len(needed)) % 2 == 0:
            needed.append(chapter)
    return tuple(needed)


def pages_with_blanks(printed: dict[str, int], chapters: list[str], blanks: tuple[str, ...], needed: tuple[str, ...]) -> dict[str, int]:
    """The pages `printed` with a blank page before each of `blanks`, moved to where a blank page before each of
    `needed` puts them: each heading and figure by as many pages as its chapter."""
    starts = [(printed[chapter], index) for index, chapter in enumerate(chapters)]

    def moved(page: int) -> int:
        index = max((index for start, index in starts if start <= page), default=-1)
        before = chapters[: index + 1]
        return page + sum(chapter in needed for chapter in before) - sum(chapter in blanks for chapter in before)

    return {name: moved(page) for name, page in printed.items()}


# A table with more columns than this prints one record per row (print.css).
MAX_PRINTED_COLUMNS = 6
# A table the HTML keeps closed prints in the appendix: every one in a numbered
# chapter (those read through, as text and figures: the data behind a figure
# follows it in the HTML, in print a line gives its page), and elsewhere one that
# would run on for more than about a page: more rows than APPENDIX_ROWS, or,
# printed as records, more lines (a field each) than APPENDIX_RECORD_LINES. A
# page holds about 30 rows of a table (some wrap) or 55 to 60 lines of records.
APPENDIX_ROWS = 30
APPENDIX_RECORD_LINES = 60
# In a printed address, a run of %-escapes of characters outside ASCII (UTF-8's lead byte and its continuation
# bytes) prints as those characters when they are letters (and their marks); an escape of an ASCII mark ("%2C"),
# or of anything else (a quotation mark, a soft hyphen), stays, as part of what a reader types.
PRINTED_ESCAPES = r"(?:%[C-Fc-f][0-9A-Fa-f](?:%[89ABab][0-9A-Fa-f])+)+"
# Sentences of a caption or chart title that tell a screen reader's hand what to do.
INTERACTION_HINT = r"\b(drag|tap|hover|click|brush|scroll|zoom|choose a phase|pick a phase|in the menu)\b"
# Lays the single-page book out as a printed book: front matter (title page,
# copyright and licence, contents and figures with page numbers), then each
# chapter and each part of the front and back matter from the top of a page,
# its text running on under its title (a numbered chapter's title set lower),
# named so that print.css and the `@page chapter-N` rules written here give
# every page after the contents a running head (Chromium has no rule for the
# first page of a named page's run, and a page of another name would break the
# page after the title) and every page after the title pages a folio. Disclosures open, controls and
# interaction hints go, wide tables print as records. Returns the id of every
# heading and figure the contents link to.
PREPARE_JS = """([front, [longRows, longRecordLines, maxColumns, readThrough], hint, rootPage]) => {
  const main = document.querySelector('main') || document.body;
  // Runs of white space as one space, but a no-break space kept (a table's "(11 rows)"): it holds its words together.
  const text = el => el.textContent.replace(/#$/, '').replace(/[ \\t\\n\\r\\f]+/g, ' ').trim();
  const escapeCss = value => '"' + value.replace(/\\\\/g, '\\\\\\\\').replace(/"/g, '\\\\"') + '"';
  const hintPattern = new RegExp(hint, 'i');
  const retag = (el, tag) => {
    const next = document.createElement(tag);
    for (const attr of el.attributes) next.setAttribute(attr.name, attr.value);
    while (el.firstChild) next.appendChild(el.firstChild);
    el.replaceWith(next);
    return next;
  };
  // The chapters: the root page's section, then each page Sphinx's singlehtml
  // marks with a span#document-<path>, moved out of the root so all are siblings.
  const rootHeading = main.querySelector('section > h1');
  const root = rootHeading.closest('section');
  const chapters = [root];
  root.dataset.document = rootPage;
  main.querySelectorAll('span[id^="document-"]').forEach(marker => {
    const section = marker.nextElementSibling;
    if (section && section.tagName === 'SECTION') {
      section.dataset.document = marker.id.split('/').pop();
      chapters.push(section);
    }
  });
  const book = document.createElement('div');
  book.className = 'edition-book';
  root.parentElement.insertBefore(book, root);
  chapters.forEach(section => book.appendChild(section));
  // Each chapter's headings one level up, so the PDF outline lists the chapters side by side.
  chapters.slice(1).forEach(section => {
    section.querySelectorAll('h2, h3, h4, h5').forEach(h => retag(h, 'h' + (Number(h.tagName[1]) - 1)));
  });
  const rules = [];
  const toc = [];
  const figures = [];
  let anchor = 0;
  const target = el => { if (!el.id) el.id = 'edition-' + (++anchor); return el.id; };
  const esc = value => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const pageOf = id => `<span class="toc-page" data-target="${id}">000</span>`;
  // The analyst's evidence cells print nothing (print.css hides them): they go
  // before a long table they fold could be moved out of them into the appendix.
  book.querySelectorAll('div.cell.tag_hide-input').forEach(cell => cell.remove());
  // A table the HTML keeps closed prints in an appendix when it is in a chapter read through, or long;
  // in its place a line gives its page.
  const appendix = document.createElement('section');
  appendix.innerHTML = `<h1>${esc(front.appendix)}</h1><p>${esc(front.appendixLead)}</p>`;
  book.querySelectorAll('details:not([open])').forEach(details => {
    const rows = details.querySelectorAll('tbody tr').length;
    const columns = details.querySelectorAll('thead tr:last-child th').length;
    const readThroughChapter = readThrough.includes(details.closest('section[data-document]').dataset.document);
    if (!readThroughChapter && rows <= longRows && (columns <= maxColumns || rows * columns <= longRecordLines)) return;
    const summary = details.querySelector(':scope > summary');
    // The data behind a figure is named by the figure's number, which the appendix has no caption to give.
    const figure = Array.from(details.closest('section[data-document]').querySelectorAll('figure .caption-number'))
      .filter(number => number.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    const named = found => figure ? `Data behind ${text(figure)}` : found;
    const title = (summary ? text(summary) : '').replace(/^Data behind the (figure|map)\\b/, named);
    const part = document.createElement('section');
    const heading = document.createElement('h2');
    heading.textContent = title;
    part.appendChild(heading);
    const note = document.createElement('p');
    note.className = 'edition-moved';
    const id = target(heading);
    note.innerHTML = `${esc(title)}: printed in the appendix, <a href="#${id}">page ${pageOf(id)}</a>.`;
    details.replaceWith(note);
    if (summary) summary.remove();
    part.append(...details.childNodes);
    appendix.appendChild(part);
  });
  if (appendix.querySelector('section')) {
    book.appendChild(appendix);
    chapters.push(appendix);
  }
  chapters.forEach((section, index) => {
    const heading = section.querySelector(':scope > h1');
    // The root page's heading is the book's title, which the title page gives: in print it is the introduction.
    if (index === 0) heading.textContent = front.introduction;
    const title = text(heading);
    // A numbered chapter's title is set lower on its first page, as a book's chapters open; its text runs on
    // under it (an opener page of its own, the title and a short lead, left two thirds of the page empty).
    if (readThrough.includes(section.dataset.document)) section.classList.add('edition-numbered');
    section.classList.add('edition-chapter');
    section.style.page = 'chapter-' + index;
    const head = 'font: 8pt system-ui, sans-serif; color: #444; vertical-align: bottom; padding-bottom: 3mm;';
    rules.push(`@page chapter-${index}:right { @top-right { content: ${escapeCss(title)}; ${head} } }`);
    const sections = Array.from(section.querySelectorAll('h2')).filter(h => h.closest('section') !== section);
    toc.push({ id: target(section), title, level: 'chapter' });
    sections.forEach(h => toc.push({ id: target(h), title: text(h), level: 'section' }));
    section.querySelectorAll('figure').forEach(figure => {
      const number = figure.querySelector('.caption-number');
      const caption = figure.querySelector('.caption-text strong') || figure.querySelector('.caption-text');
      figures.push({ id: target(figure), number: number ? text(number) : '', title: caption ? text(caption) : '' });
    });
  });
  // What the book's column held besides the chapters (singlehtml's markers) goes.
  Array.from(book.parentElement.children).forEach(child => { if (child !== book) child.remove(); });
  book.querySelectorAll('.toctree-wrapper').forEach(el => el.remove());
  // A figure with no drawing (a typeset list, such as the countdown) may run on across pages:
  // its caption prints first, with its start.
  book.querySelectorAll('figure').forEach(figure => {
    const caption = figure.querySelector(':scope > figcaption');
    if (!caption || figure.querySelector('.vega-embed, img, svg')) return;
    figure.prepend(caption);
    figure.classList.add('edition-runs-on');
  });
  // A paragraph that leads into what follows with a colon keeps with it on the page.
  book.querySelectorAll('p').forEach(paragraph => {
    if (/:\\s*$/.test(paragraph.textContent) && paragraph.nextElementSibling) paragraph.classList.add('edition-leads-in');
  });
  // An address prints as a reader would type it: letters of another script as letters, not %-escapes (an Arabic
  // address ran seven lines of "%D8%A7..."). Where it breaks is set once the page is laid out (ADDRESS_BREAKS_JS).
  const readable = address => address.replace(PRINTED_ESCAPES, escaped => {
    try {
      const decoded = decodeURIComponent(escaped);
      return /^[\\p{L}\\p{M}]+$/u.test(decoded) ? decoded : escaped;
    } catch { return escaped; }
  });
  // One run of text, whatever the element lays out: a table printed as records sets a cell as a grid.
  const printAddress = (element, address, before = '', after = '') => {
    const printed = document.createElement('span');
    printed.className = 'edition-address-text';
    printed.textContent = before + readable(address) + after;
    element.replaceChildren(printed);
  };
  book.querySelectorAll('td.address').forEach(cell => printAddress(cell, cell.textContent.trim()));
  // A preformatted block (the BibTeX entries) prints each line as a block of its own: a line too long for the
  // page runs on indented under its start, not at the margin, and an address in it breaks as an address does.
  book.querySelectorAll('pre.preformatted').forEach(pre => {
    pre.replaceChildren(...pre.textContent.replace(/\\n$/, '').split('\\n').map(line => {
      const block = document.createElement('span');
      block.className = 'edition-code-line';
      // An entry's closing brace never opens a page alone.
      if (line.trim() === '}') block.classList.add('edition-code-end');
      block.style.setProperty('--indent', `${line.length - line.trimStart().length}ch`);
      line.trimStart().split(/(https?:\\/\\/[^\\s{}]+)/).forEach((piece, index) => {
        if (index % 2 === 0) { block.append(piece); return; }
        const address = document.createElement('span');
        printAddress(address, piece);
        block.append(address);
      });
      return block;
    }));
  });
  // A source's link prints as its whole address (the page shows its site's name, which paper cannot follow);
  // in the ledger, the corrections and a table's cells, whose links are a source's title, the address follows it.
  book.querySelectorAll('ul.source-list a[href^="http"]').forEach(link => printAddress(link, link.getAttribute('href')));
  const titledSources = ['.ledger-sources', '.correction-sources', 'table.data-table td'].map(within => `${within} a[href^="http"]`);
  const linkedCells = new Set();
  book.querySelectorAll(titledSources.join(', ')).forEach(link => {
    const address = document.createElement('span');
    address.className = 'edition-address';
    printAddress(address, link.getAttribute('href'), '(', ')');
    // The space stays outside: the ledger sets an address as an inline-block (whole on one page), whose
    // leading space would be dropped, running the title and the address together.
    link.after(' ', address);
    if (link.closest('table.data-table td')) linkedCells.add(link.closest('td'));
  });
  // A table's cell holds its links and addresses as one run: a table printed as records sets each of a cell's
  // children in its grid.
  linkedCells.forEach(cell => {
    const run = document.createElement('span');
    run.append(...cell.childNodes);
    cell.replaceChildren(run);
  });
  // A ledger entry prints its claim and its check whole on one page, its sources and where the book discusses it
  // in a row of their own under them, across the page: in the check's narrow column an address broke every few
  // letters, and an entry broken at a page turn ran on with no claim named over it (a print editor's finding).
  book.querySelectorAll('tr.ledger-entry').forEach(row => {
    const moved = row.querySelectorAll(':scope > td.ledger-check > :is(.ledger-sources, .ledger-discussed)');
    if (!moved.length) return;
    const cell = document.createElement('td');
    cell.colSpan = row.children.length;
    cell.append(...moved);
    const after = document.createElement('tr');
    after.className = 'ledger-entry-sources';
    after.append(cell);
    row.after(after);
  });
  // Disclosures open; controls and interaction hints go.
  book.querySelectorAll('details').forEach(d => { d.open = true; });
  book.querySelectorAll('figcaption, .caption-text').forEach(caption => {
    const walker = document.createTreeWalker(caption, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(node => {
      const sentences = node.textContent.split(/(?<=[.!?])\\s+/);
      const kept = sentences.filter(sentence => !hintPattern.test(sentence));
      // A hint that opens the text (after a bold takeaway) takes its space with it: the next sentence keeps one.
      const space = /^\\s/.test(node.textContent) ? ' ' : '';
      if (kept.length !== sentences.length) node.textContent = space + kept.join(' ').trimStart();
    });
  });
  // Front matter.
  // An entry's title, dotted leaders and its page; a figure's number hangs in the margin of its title.
  const entry = (item, cls) => `<li class="${cls}"><a href="#${item.id}"><span class="toc-text">`
    + `${item.number ? `<span class="toc-number">${esc(item.number)}</span>` : ''}<span class="toc-words">${esc(item.title)}</span></span>`
    + `<span class="toc-leader"></span>${pageOf(item.id)}</a></li>`;
  const matter = document.createElement('div');
  matter.className = 'edition-front';
  matter.innerHTML = `<section class="edition-title"><p class="edition-book-title">${esc(front.title)}</p><p>${esc(front.author)}</p>`
    + `<p>${esc(front.edition)}</p></section>`
    + `<section class="edition-copyright">${front.copyright.map(line => `<p>${esc(line)}</p>`).join('')}</section>`
    + `<section class="edition-contents"><h2>Contents</h2><ol>`
    + toc.map(item => entry(item, 'toc-' + item.level)).join('') + `</ol></section>`
    + `<section class="edition-contents"><h2>Figures</h2><ol>`
    + figures.map(item => entry(item, 'toc-figure')).join('') + `</ol></section>`;
  book.parentElement.insertBefore(matter, book);
  const style = document.createElement('style');
  style.textContent = rules.join('\\n');
  document.head.appendChild(style);
  return [...toc, ...figures].map(item => item.id);
}""".replace("PRINTED_ESCAPES", f"/{PRINTED_ESCAPES}/g")
# An address that runs over a line's end breaks only after a slash or before a dot, hyphen or other mark: broken
# after a hyphen of its own ("...setzt-" over "pendeldiplomatie-..."), it read as a word hyphenated there. Its
# parts are set apart only where it runs over a line's end: split everywhere, the book's 1,300 addresses made the
# print 1.8 s slower and the PDF 3 MB larger. An address that runs over once another is split is split in turn.
# Returns the addresses still running over a line's end unsplit after the last round (none).
ADDRESS_BREAKS_JS = """() => {
  const LONGEST_UNBROKEN = 24;
  const LINE_END_SLACK_PX = 24;
  const ROUNDS = 4;
  const split = text => {
    // A sha256 digest breaks between its halves, not where the line ran out (four stray characters on a line).
    const parts = text.textContent.split(/(?<=\\/)(?!\\/)|(?<![-.?#&=_~])(?=[-.?#&=_~])|(?<=^[0-9a-f]{32})(?=[0-9a-f]{32}$)/);
    text.replaceChildren(...parts.flatMap((part, index) => {
      const span = document.createElement('span');
      // A part too long for a narrow column (an address's path of one word) may break anywhere: it has no hyphens.
      span.className = part.length > LONGEST_UNBROKEN && !/^[0-9a-f]{32}$/.test(part) ? 'edition-address-long' : 'edition-address-part';
      span.textContent = part;
      return index ? [document.createElement('wbr'), span] : [span];
    }));
    text.classList.add('edition-address-split');
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    const running = Array.from(document.querySelectorAll('.edition-address-text:not(.edition-address-split)'))
      .filter(text => {
        const lines = text.getClientRects();
        if (lines.length > 1) return true;
        // One ending near its line's end may run over it in the print, laid out at a fraction of a pixel less wide.
        const block = text.parentElement.closest('p, li, td, th, dd, pre, .edition-code-line');
        const end = block.getBoundingClientRect().right - parseFloat(getComputedStyle(block).paddingRight);
        return lines.length === 1 && end - lines[0].right < LINE_END_SLACK_PX;
      });
    if (!running.length) return [];
    if (round === ROUNDS - 1) return running.map(text => text.textContent);
    running.forEach(split);
  }
}"""
# A chart's own instruction (a title such as "Drag across...") goes once the charts are fitted to the page.
HINTS_JS = """(hint) => document.querySelectorAll('.vega-embed svg text').forEach(label => {
  if (new RegExp(hint, 'i').test(label.textContent)) label.remove();
})"""
# A halo (a stroke under a label's letters, figures.css) prints as a second run of the same words in
# the PDF's text, which a reader copying or searching the page gets twice. In print a chart's label
# stands instead on a patch of the page's white, as wide and tall as its letters, laid over the
# gridlines and under the marks, so it hides the gridlines behind the label and never cuts into a
# bar or a line. A map's name keeps its halo (it stands over the ground, not a white page): the
# halo prints as a copy of the name drawn through a filter, which Chromium paints as an image (300
# dpi), under the name, whose letters alone print as text. Once the charts are fitted: a refit draws
# anew. Returns the labels patched, the names haloed and any label in a chart's view without axes.
PRINT_HALOS_JS = """() => {
  const svgNS = 'http://www.w3.org/2000/svg';
  const filters = document.createElementNS(svgNS, 'svg');
  filters.setAttribute('aria-hidden', 'true');
  filters.style.cssText = 'position: absolute; width: 0; height: 0';
  // Any filter makes Chromium paint what it draws as an image; this one changes nothing else. Its
  // region reaches beyond a name's letters to hold the halo round the shortest of them.
  filters.innerHTML = '<filter id="edition-halo" x="-25%" y="-60%" width="150%" height="220%"><feOffset dx="0" dy="0"/></filter>';
  document.body.appendChild(filters);
  let haloed = 0;
  document.querySelectorAll('.vega-embed[data-map] svg text').forEach(name => {
    const stroke = name.getAttribute('stroke');
    if (!stroke || stroke === 'none' || !name.textContent.trim()) return;
    const halo = name.cloneNode(true);
    halo.setAttribute('fill', 'none');
    halo.setAttribute('filter', 'url(#edition-halo)');
    halo.setAttribute('aria-hidden', 'true');
    name.removeAttribute('stroke');
    name.parentNode.insertBefore(halo, name);
    haloed += 1;
  });
  let patched = 0;
  const unplaced = [];
  document.querySelectorAll('.vega-embed:not([data-map]) svg text').forEach(label => {
    const stroke = label.getAttribute('stroke');
    if (!stroke || stroke === 'none' || !label.textContent.trim()) return;
    // The view the label is drawn in: the group whose children are its axes (gridlines first) and marks.
    let view = label.parentNode;
    while (view && !Array.from(view.children || []).some(child => child.matches('g.role-axis'))) view = view.parentNode;
    if (!view || !view.getCTM) { unplaced.push(label.textContent.trim().slice(0, 40)); return; }
    label.removeAttribute('stroke');
    const box = label.getBBox();
    const toView = view.getCTM().inverse().multiply(label.getCTM());
    const [left, right, top, bottom] = [box.x - 1, box.x + box.width + 1, box.y, box.y + box.height];
    const corners = [[left, top], [right, top], [left, bottom], [right, bottom]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(toView));
    const xs = corners.map(point => point.x), ys = corners.map(point => point.y);
    const patch = document.createElementNS(svgNS, 'rect');
    patch.setAttribute('x', Math.min(...xs));
    patch.setAttribute('y', Math.min(...ys));
    patch.setAttribute('width', Math.max(...xs) - Math.min(...xs));
    patch.setAttribute('height', Math.max(...ys) - Math.min(...ys));
    patch.setAttribute('fill', '#ffffff');
    patch.setAttribute('aria-hidden', 'true');
    // Over the gridlines and under every mark: it hides what the halo hid behind the letters, never a bar or a line.
    view.insertBefore(patch, Array.from(view.children).find(child => !child.matches('g.role-axis')) || null);
    patched += 1;
  });
  return [patched, haloed, unplaced];
}"""
# Each chart reads to a screen reader as one figure, once the charts are fitted
# (a refit draws them anew): its description, Vega's label of the whole chart
# less any hint for the hand, is the figure's alternative text, and its marks,
# axes and legends are not read out one by one (Chromium tags each labelled mark
# as a figure of its own). A <figure>, the chart with its caption, is a group,
# so the charts are the only figures the PDF tags. Returns how many charts have
# no description.
FIGURE_TAGS_JS = """(hint) => {
  const hintPattern = new RegExp(hint, 'i');
  let undescribed = 0;
  document.querySelectorAll('.vega-embed').forEach(chart => {
    const sentences = (chart.getAttribute('aria-label') || '').split(/(?<=[.!?])\\s+/);
    const description = sentences.filter(sentence => !hintPattern.test(sentence)).join(' ').trim();
    if (!description) undescribed += 1;
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', description);
    chart.removeAttribute('aria-roledescription');
    chart.querySelectorAll('[role], [aria-label], [aria-roledescription]').forEach(part => {
      part.setAttribute('role', 'none');
      part.removeAttribute('aria-label');
      part.removeAttribute('aria-roledescription');
    });
  });
  document.querySelectorAll('figure').forEach(figure => figure.setAttribute('role', 'group'));
  return undescribed;
}"""
# The height of the text block (A4 less print.css's top and bottom margins), and
# what a figure's drawing leaves of it beside its caption: room for a heading
# above it, or for a map (which may take a page) only the figure's margins.
PAGE_TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - PAGE_TOP_MARGIN_MM - PAGE_BOTTOM_MARGIN_MM
PAGE_TEXT_HEIGHT = f"{PAGE_TEXT_HEIGHT_MM}mm"
HEADING_ROOM = "26mm"
MAP_ROOM = "8mm"
# A table at most a quarter of the text block tall prints whole on one page; a
# taller one breaks between its rows like the text around it, so a table moved
# whole to the next page, with the title or heading that goes with it, leaves
# about a third of a page empty at most.
KEPT_WHOLE_TABLE_MM = PAGE_TEXT_HEIGHT_MM / 4
# In the printed layout, a table with more columns than MAX_PRINTED_COLUMNS or
# wider than its column prints as records (print.css): each cell under its
# column's name; a table taller than KEPT_WHOLE_TABLE_MM may break across pages
# (`print-breakable`); and each figure's drawing is capped at the height its page
# holds beside its caption. Returns what is still wider than the page, which Chromium
# would otherwise shrink, with every line of type in the book.
WIDE_TABLES_JS = """([maxColumns, pageHeight, headingRoom, mapRoom, keptWholeMm]) => {
  const text = el => el.textContent.replace(/\\s+/g, ' ').trim();
  // Everything is measured before anything changes, then again once the tables are set as they print:
  // the book is laid out twice, not once per table and figure.
  const tables = Array.from(document.querySelectorAll('.edition-book table')).map(table => ({
    table,
    header: Array.from(table.querySelectorAll('thead tr:last-child th')).map(th => text(th)),
    fits: table.scrollWidth <= table.parentElement.clientWidth + 1,
  }));
  const figures = Array.from(document.querySelectorAll('.edition-book figure'))
    .map(figure => [figure.querySelector('figcaption'), figure.querySelector('.vega-embed svg.marks')])
    .filter(([caption, drawing]) => caption && drawing)
    .map(([caption, drawing]) => ({drawing, captionHeight: Math.ceil(caption.getBoundingClientRect().height)}));
  tables.forEach(({table, header, fits}) => {
    if (table.classList.contains('data-bibliography') || (header.length <= maxColumns && fits)) return;
    table.classList.add('print-records');
    table.querySelectorAll('tbody tr').forEach(row => {
      Array.from(row.children).forEach((cell, index) => {
        cell.setAttribute('data-label', header[index] || '');
        if (!text(cell)) cell.classList.add('print-empty');
      });
    });
  });
  // Heights are read once the tables are set as they print (a table of records runs longer).
  const keptWholePx = keptWholeMm * 96 / 25.4;
  tables.map(({table}) => [table, table.getBoundingClientRect().height])
    .filter(([, height]) => height > keptWholePx)
    .forEach(([table]) => table.classList.add('print-breakable'));
  // A figure's drawing leaves room on its page for its caption, however long, and a heading above it;
  // a map, which may take a page, only for its caption. A map taller than that is drawn again shorter
  // (vega-fit's "vega-fit:cap"), its type at full size; any other drawing is scaled down to it.
  const probe = document.createElement('div');
  document.body.appendChild(probe);
  figures.forEach(({drawing, captionHeight}) => {
    const embed = drawing.closest('.vega-embed');
    const room = embed.hasAttribute('data-map') ? mapRoom : headingRoom;
    drawing.style.maxHeight = `calc(${pageHeight} - ${captionHeight}px - ${room})`;
    if (!embed.hasAttribute('data-map')) return;
    probe.style.height = drawing.style.maxHeight;
    embed.dispatchEvent(new CustomEvent('vega-fit:cap', {detail: probe.getBoundingClientRect().height}));
  });
  probe.remove();
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll('.edition-book *, .edition-front *'))
    .filter(el => el.getBoundingClientRect().right > width + 1 && el.getBoundingClientRect().width > 0)
    .slice(0, 5).map(el => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.slice(0, 60)}`);
}"""
# The single page still links as the HTML edition does: to other pages of the
# book (`collapse.html#fig-collapse-prisoners`, `claims_ledger.html#K71`) and to
# the downloads (`../data/events.csv`), which in the PDF would be addresses on
# the print's own short-lived server. A link to a page of the book goes to its
# place in the PDF (the element with that id in that chapter, or the chapter);
# a link to a file of the HTML edition, or to one of the pages Sphinx adds to it
# (`SPHINX_PAGES`), prints as its text, unlinked: no file travels with the PDF,
# whose copyright page sends readers to the HTML edition for them. Returns the
# links that lead nowhere in the PDF: to a page that is no chapter, to an id the
# chapter lacks, or to an id another element of the single page shares (the
# PDF's destination would be the first, in another chapter).
SPHINX_PAGES = ("search.html", "genindex.html")
LINKS_JS = """(sphinxPages) => {
  const chapters = new Map(Array.from(document.querySelectorAll('.edition-chapter[data-document]'))
    .map(section => [section.dataset.document, section]));
  const unresolved = [];
  // A link goes to its place in the PDF, marked when that place is in another chapter (CROSS_REFERENCES_JS).
  const pointTo = (link, place, chapter) => {
    link.setAttribute('href', '#' + place.id);
    if (link.closest('.edition-chapter') !== chapter) link.dataset.elsewhere = '';
  };
  document.querySelectorAll('a[href]').forEach(link => {
    // singlehtml writes a link to a whole chapter as one to its marker, which the book's layout removes.
    const marker = link.getAttribute('href').match(/^#document-(?:.*\\/)?([^/]+)$/);
    if (marker) {
      const chapter = chapters.get(marker[1]);
      if (!chapter || !chapter.id) unresolved.push(link.getAttribute('href'));
      else pointTo(link, chapter, chapter);
      return;
    }
    const url = new URL(link.getAttribute('href'), document.baseURI);
    if (url.origin !== location.origin) return;
    // An id no decoding reads (a stray %) leads nowhere, and is said so rather than stopping the check.
    let id;
    try { id = decodeURIComponent(url.hash.slice(1)); } catch (error) { unresolved.push(link.getAttribute('href')); return; }
    // A link within the single page leads to the one element with its id: a label Sphinx's single page drops led
    // nowhere, and an id four chapters share ("overview") to the first of them. A heading's own permalink (the
    // HTML's "#", never printed) is no reference.
    if (url.pathname === location.pathname) {
      if (!link.classList.contains('headerlink') && id && document.querySelectorAll('#' + CSS.escape(id)).length !== 1) {
        unresolved.push(link.getAttribute('href'));
      }
      return;
    }
    const file = url.pathname.split('/').pop();
    const chapter = file.endsWith('.html') ? chapters.get(file.slice(0, -'.html'.length)) : undefined;
    if (!chapter && file.endsWith('.html') && !sphinxPages.includes(file)) {
      unresolved.push(link.getAttribute('href'));
      return;
    }
    if (!chapter) {
      const text = document.createElement('span');
      text.className = 'edition-unlinked';
      text.append(...link.childNodes);
      link.replaceWith(text);
      return;
    }
    const place = !id || chapter.id === id ? chapter : Array.from(chapter.querySelectorAll('[id]')).find(el => el.id === id);
    // singlehtml writes a numbered reference to another chapter's figure ({numref}) against its root document,
    // the first chapter: the figure is the one element of the single page with that id. Any other link to an
    // id the root lacks still leads nowhere.
    if (!place && id && chapter === chapters.values().next().value && link.querySelector('.std-numref')) {
      const found = document.querySelectorAll('#' + CSS.escape(id));
      const elsewhere = found.length === 1 ? found[0].closest('.edition-chapter') : null;
      if (elsewhere) { pointTo(link, found[0], elsewhere); return; }
    }
    if (place && document.getElementById(place.id) === place) pointTo(link, place, chapter);
    else unresolved.push(link.getAttribute('href'));
  });
  return unresolved;
}"""
# A link to a place in another chapter gives, in print, the page it leads to
# ("K12 · consistent (p. 72)"), as a printed book's cross-references do; a link
# already inside parentheses gives it after a comma ("(see Limitations, p. 149)"),
# not in parentheses of its own. The contents and the appendix's notes give
# theirs already. Returns the ids whose pages the print must read back.
CROSS_REFERENCES_JS = """() => {
  const targets = new Set();
  const count = (text, mark) => text.split(mark).length - 1;
  document.querySelectorAll('.edition-book a[data-elsewhere]').forEach(link => {
    if (link.closest('.edition-moved') || link.querySelector('.toc-page')) return;
    const id = link.getAttribute('href').slice(1);
    const before = document.createRange();
    before.setStart(link.closest('p, li, dd, td, th, figcaption') || link.parentElement, 0);
    before.setEndBefore(link);
    const opened = count(before.toString(), '(') > count(before.toString(), ')');
    const page = document.createElement('span');
    page.className = 'edition-xref';
    const number = `<span class="toc-page" data-target="${id}">000</span>`;
    page.innerHTML = opened ? `, p. ${number}` : ` (p. ${number})`;
    link.after(page);
    targets.add(id);
  });
  return Array.from(targets);
}"""
PAGE_NUMBERS_JS = """(pages) => document.querySelectorAll('.toc-page').forEach(el => {
  el.textContent = String(pages[el.dataset.target]);
})"""


# How often the print's server looks for its shutdown: at the standard half second,
# stopping it was the last half second of every print.
SERVER_POLL_S = 0.02


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def sphinx_single_page() -> None:
    """One Sphinx build of the single page (`singlehtml`), in its own environment
    and without the downloads the HTML book copies in (`html_extra_path`)."""
    from jupyter_book.sphinx import build_sphinx

    failed = build_sphinx(
        REPO_ROOT,
        SINGLE_HTML,
        noconfig=True,
        path_config=str(REPO_ROOT / "_config.yml"),
        confoverrides={"external_toc_path": str(TOC), "latex_individualpages": False, "html_extra_path": []},
        doctreedir=PRINT_BUILD / ".doctrees",
        builder="singlehtml",
        keep_going=True,
        quiet=True,
    )
    if failed:
        raise SystemExit(f"the single-page book did not build ({failed}); no PDF printed")


def build_single_html() -> Path:
    """The whole book as one page, in its own Sphinx environment (so it is built
    beside the HTML book, not after it). Jupyter Book writes it as
    chapters/intro.html with addresses relative to the build's root, so it is
    served from there."""
    sphinx_single_page()
    edition = SINGLE_HTML / "edition.html"
    shutil.copyfile(SINGLE_HTML / "chapters" / "intro.html", edition)
    return edition


def front_matter() -> dict[str, object]:
    """The title page's and the copyright page's text, from `analysis.data.edition` and `CITATION.cff`."""
    book = edition.edition()
    citation = edition.citation()
    config = yaml.safe_load(edition.CONFIG.read_text(encoding="utf-8"))
    year = datetime.date.fromisoformat(book.released).year
    return {
        "title": book.title,
        "author": book.author,
        "edition": book.label,
        "introduction": INTRODUCTION,
        "appendix": "Appendix: the data tables",
        "appendixLead": "The tables the HTML edition shows on demand: the data behind the chapters’ figures and the evidence"
        f" tables they fold, and, from the other pages, those that would print longer than about a page (more than {APPENDIX_ROWS}"
        f" rows, or more than {APPENDIX_RECORD_LINES} lines as records, a line per field). Where each belongs, the text gives its page"
        " here.",
        "copyright": [
            f"© {config['copyright']} {book.author}.",
            f"Published under the {citation['license']} licence. The book’s code, tables and figures may be reused under its terms;"
            " quotations from the account and the public records keep their own rights.",
            f"{book.label}. Printed from the same stored outputs as the HTML edition, of which this PDF is the file"
            f" {PUBLISHED_AS}: that edition’s index.html opens its pages, its Downloads page lists every table (in data/)"
            " and layer, and each figure’s data and specification are in figures/.",
            citation["message"],
            f"Cite as: {book.author} ({year}). {book.title}. {book.label}.",
        ],
    }


def document_properties() -> dict[str, object]:
    """What the PDF says of itself to a viewer or a library's catalogue: the
    book's title, author, abstract and keywords (`_config.yml`, `CITATION.cff`)
    and what made it."""
    book = edition.edition()
    citation = edition.citation()
    return {
        "title": book.title,
        "author": book.author,
        "subject": f"{book.label}. " + " ".join(citation["abstract"].split()),
        "keywords": list(citation["keywords"]),
        "creator": f"Jupyter Book {metadata.version('jupyter-book')}, printed by {chromium_version()}",
    }


def describe_document(path: Path, properties: dict[str, object]) -> None:
    """Write the book's `properties` into the PDF at `path`: its document
    information and XMP metadata (title, author, abstract, keywords, creator)
    and the viewer's cue to show the title rather than the file's name.
    Chromium writes only the title (the page's) and its own name as the creator."""
    with pikepdf.open(path, allow_overwriting_input=True) as document:
        with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp.load_from_docinfo(document.docinfo)  # Chromium's dates and producer, kept
            xmp["dc:title"] = properties["title"]
            xmp["dc:creator"] = [properties["author"]]
            xmp["dc:description"] = properties["subject"]
            xmp["dc:subject"] = properties["keywords"]
            xmp["pdf:Keywords"] = "; ".join(properties["keywords"])
            xmp["xmp:CreatorTool"] = properties["creator"]
        document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        document.save(path)


def root_page() -> str:
    """The file name, without its suffix, of the book's first page (`_toc.yml`'s root), which the single page is built from."""
    return Path(yaml.safe_load(TOC.read_text(encoding="utf-8"))["root"]).name


def destinations(pdf_path: Path) -> dict[str, tuple[int, float]]:
    """The page each named destination of the PDF (each link target) falls on and its top (points from the
    page's foot), read back with poppler's pdfinfo."""
    listing = subprocess.run(["pdfinfo", "-dests", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    return {
        name: (int(page), float(top) if top and top != "null" else math.nan)
        for page, top, name in re.findall(r'^\s*(\d+)\s+\[\s*(?:XYZ\s+\S+\s+(\S+))?.*\]\s+"(.*)"$', listing, flags=re.MULTILINE)
    }


def starts_a_page(top: float) -> bool:
    """Whether a destination's top (points from the page's foot) is the page's top: Chromium sets an element
    that starts a page there, in the margin above its text block."""
    return top >= PAGE_HEIGHT_MM / 25.4 * 72 - 1


def heading_pages(pdf_path: Path) -> dict[str, int]:
    """The page each named destination of the PDF (each link target) falls on."""
    return {name: number for name, (number, _) in destinations(pdf_path).items()}


def empty_below_mm(pdf_path: Path, page: int) -> float:
    """How much of a page's text block (between print.css's top and bottom margins) is left empty under its last ink."""
    pixels = subprocess.run(
        ["pdftoppm", "-r", "36", "-gray", "-f", str(page), "-l", str(page), str(pdf_path)], capture_output=True, check=True
    ).stdout
    width, height, raster = _pgm(pixels)
    px_per_mm = height / PAGE_HEIGHT_MM
    top, bottom = round(PAGE_TOP_MARGIN_MM * px_per_mm), height - round(PAGE_BOTTOM_MARGIN_MM * px_per_mm)
    inked = [row for row in range(top, bottom) if min(raster[row * width : (row + 1) * width]) < INK_LEVEL]
    return (bottom - (inked[-1] + 1 if inked else top)) / px_per_mm


INK_LEVEL = 200  # a grey darker than this is ink (the page is 255)


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    """The width, height and pixels of a binary greyscale image (pdftoppm's PGM)."""
    header = PGM_HEADER.match(data)
    if header is None:
        raise RuntimeError(f"pdftoppm wrote no greyscale image ({data[:8]!r})")
    return int(header[1]), int(header[2]), data[header.end() :]


# A binary PGM's header: its magic number, width, height and greatest grey, each after whitespace, then one
# whitespace byte before the pixels (which may themselves be any byte: a split on whitespace ate dark ones).
PGM_HEADER = re.compile(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s")


def charts_to_fit(
    pdf_path: Path, placed: dict[str, tuple[int, float]], heights: dict[str, list[float]], fitted: dict[str, float]
) -> dict[str, float]:
    """The charts (`heights`: FIGURE_HEIGHTS_JS) that start a page of the PDF (`placed`: its destinations) after
    one left FIT_GAP_MM empty or more and would stand on it drawn smaller by no more than FIT_MIN_SCALE, each
    with its scale (of its drawing unfitted)."""
    starting = {
        name: page for name, (page, top) in placed.items() if name in heights and name not in fitted and page > 1 and starts_a_page(top)
    }
    if not starting:
        return {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        empty = dict(zip(starting, pool.map(lambda page: empty_below_mm(pdf_path, page - 1), starting.values()), strict=True))
    scales = {}
    for name in starting:
        empty_mm = empty[name]
        if not FIT_GAP_MM <= empty_mm < PAGE_TEXT_HEIGHT_MM - 1:
            continue
        figure_px, drawing_px, unfitted_px = heights[name]
        scale = (drawing_px - (figure_px - (empty_mm - FIT_CLEARANCE_MM) * PX_PER_MM)) / unfitted_px
        if FIT_MIN_SCALE <= scale < 1:
            scales[name] = round(scale, 3)
    return scales


def print_pdf(index: Path = SINGLE_HTML / "edition.html", target: Path = PDF_PATH, expected: PrintLayout | None = None) -> PrintLayout:
    """Print the book, then print it again with the contents' page numbers read
    back from the last print, any chart that left the page before it empty
    drawn smaller to stand on it (`charts_to_fit`), any chapter ending in a
    runt set tighter and a blank page before any chapter that would open on a
    left-hand page, until a print's pages agree with its contents, no chart
    that would fit the page before starts the next, no chapter ends in a runt
    and every chapter opens on a right-hand page;
    return that layout. The first print is set as the `expected` layout (the
    last print's, most often still true after an edit: one print then
    suffices), or with placeholders: that print is a draft, untagged, read only
    for the pages its headings fall on."""
    handler = functools.partial(_Quiet, directory=str(SINGLE_HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": SERVER_POLL_S}, daemon=True).start()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1160}, color_scheme="light")
            page.add_init_script(MAP_PRINT_JS)
            page.route("**/*", lambda route, request: route.continue_() if "127.0.0.1" in request.url else route.abort())
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{index.relative_to(SINGLE_HTML).as_posix()}", wait_until="load")
            page.wait_for_function(DRAWN_JS, timeout=60_000)
            failed = page.locator(".vega-embed .error").count()
            if failed:
                raise RuntimeError(f"{failed} figure(s) failed to draw in the single-page book; no PDF written")
            page.add_style_tag(content=PRINT_CSS.read_text(encoding="utf-8"))
            appendix_rule = [APPENDIX_ROWS, APPENDIX_RECORD_LINES, MAX_PRINTED_COLUMNS, edition.numbered_chapters()]
            listed = page.evaluate(PREPARE_JS, [front_matter(), appendix_rule, INTERACTION_HINT, root_page()])
            unresolved = page.evaluate(LINKS_JS, list(SPHINX_PAGES))
            if unresolved:
                raise RuntimeError(f"links to a place the book does not have: {unresolved[:5]}")
            listed += [target for target in page.evaluate(CROSS_REFERENCES_JS) if target not in listed]
            page.emulate_media(media="print")
            # The figures fitted to the printed column before their heights are measured and the maps capped.
            page.wait_for_function(FITTED_JS, timeout=60_000, polling="raf")
            too_wide = page.evaluate(WIDE_TABLES_JS, [MAX_PRINTED_COLUMNS, PAGE_TEXT_HEIGHT, HEADING_ROOM, MAP_ROOM, KEPT_WHOLE_TABLE_MM])
            if too_wide:
                raise RuntimeError(f"wider than the printed page (Chromium would shrink every page to fit): {too_wide}")
            running_over = page.evaluate(ADDRESS_BREAKS_JS)
            if running_over:
                raise RuntimeError(f"addresses still running over a line's end where they would break anywhere: {running_over[:5]}")
            page.wait_for_function(FITTED_JS, timeout=60_000, polling="raf")
            page.evaluate(HINTS_JS, INTERACTION_HINT)
            patched, haloed, unplaced = page.evaluate(PRINT_HALOS_JS)
            if unplaced:
                raise RuntimeError(
                    f"chart labels with a halo in a view without axes, which the print cannot set on a patch of white: {unplaced[:5]}"
                )
            if not patched or not haloed:
                raise RuntimeError(
                    f"{patched} chart label(s) to print on a patch of white and {haloed} map name(s) on a halo painted as an image:"
                    " the halos are drawn another way now"
                )
            undescribed = page.evaluate(FIGURE_TAGS_JS, INTERACTION_HINT)
            if undescribed:
                raise RuntimeError(f"{undescribed} chart(s) without a description would print as figures without alternative text")
            chapters = page.evaluate(CHAPTERS_JS)
            tight = [chapter for chapter in (expected.tight if expected else ()) if chapter in chapters]
            page.evaluate(TIGHTEN_JS, tight)
            blanks = tuple(chapter for chapter in chapters if chapter in (expected.blanks if expected else ()))
            page.evaluate(BLANKS_JS, list(blanks))
            charts = page.evaluate(FIGURE_HEIGHTS_JS)  # also stamps each drawing's unfitted height
            fitted = {name: scale for name, scale in (expected.fitted if expected else ()) if name in charts}
            page.evaluate(FIT_JS, fitted)
            pages: dict[str, int] | None = None
            if expected and set(expected.pages) == set(listed):
                pages = dict(expected.pages)
                page.evaluate(PAGE_NUMBERS_JS, pages)
            refitted = False
            for passes in range(1, MAX_PASSES + 1):
                # A print whose contents show placeholders, or made just after charts were fitted (which moves
                # the pages after them), is only read for its pages: untagged it takes half the time, on the
                # same pages (the tagged print is the one kept).
                draft = pages is None or refitted
                page.pdf(path=str(target), prefer_css_page_size=True, print_background=True, outline=not draft, tagged=not draft)
                placed = destinations(target)
                printed = {name: number for name, (number, _) in placed.items()}
                missing = [name for name in listed if name not in printed]
                if missing:
                    raise RuntimeError(f"the contents list headings the PDF does not print: {missing[:5]}")
                printed = {name: printed[name] for name in listed}
                # A chart drawn smaller moves what follows it: the runts and blank pages wait for the next print.
                fits = charts_to_fit(target, placed, page.evaluate(FIGURE_HEIGHTS_JS), fitted)
                runts = [] if fits else [chapter for chapter in runt_chapters(target, printed, chapters, blanks) if chapter not in tight]
                # Setting a chapter tighter moves the chapters after it: their blank pages wait for the next print.
                needed = blanks if runts or fits else blanks_needed(printed, chapters, blanks)
                if printed == pages and not runts and needed == blanks and not fits and not draft:
                    print(f"printed {passes} time(s): the contents' page numbers agree with the print")
                    break
                page.evaluate(FIT_JS, fits)
                fitted |= fits
                refitted = bool(fits)
                page.evaluate(TIGHTEN_JS, runts)
                tight += runts
                page.evaluate(BLANKS_JS, list(needed))
                pages = pages_with_blanks(printed, chapters, blanks, needed)
                blanks = needed
                page.evaluate(PAGE_NUMBERS_JS, pages)
            else:
                raise RuntimeError(f"the contents' page numbers did not settle in {MAX_PASSES} prints")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return PrintLayout(pages, tuple(tight), blanks, tuple(sorted(fitted.items())))


@functools.cache
def chromium_version() -> str:
    return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True).stdout.strip()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Sphinx's singlehtml builder writes the page before it copies the static files
# the page names, so a first build names them without their checksums
# (`print.css?v=720ed60b`) and every later build with them. A page is an input
# without them: they name no content of their own (the files are inputs too).
ASSET_CHECKSUM = re.compile(rb"\?v=[0-9a-f]{8}")


def _input_digest(path: Path) -> str:
    data = path.read_bytes()
    return _sha256(ASSET_CHECKSUM.sub(b"", data) if path.suffix == ".html" else data)


def print_inputs(single_html: Path = SINGLE_HTML) -> dict[str, str]:
    """Everything a print is made from, each with the sha256 of its bytes: every
    file of the single-page book's folder (the page, its assets and anything
    else it could load: the print is served from that folder and Chromium may
    fetch nothing else), the print stylesheet, the code of this tool and of the
    package modules it imports, the front matter, the document's properties,
    the locked environment (Playwright) and Chromium's version."""
    inputs = {
        f"singlehtml/{path.relative_to(single_html).as_posix()}": _input_digest(path)
        for path in sorted(single_html.rglob("*"))
        if path.is_file()
    }
    inputs["print.css"] = _sha256(PRINT_CSS.read_bytes())
    inputs["code"] = fingerprint.code_digest(fingerprint.module_closure([TOOL_MODULE]))
    inputs["front matter"] = _sha256(json.dumps(front_matter(), sort_keys=True).encode())
    inputs["document properties"] = _sha256(json.dumps(document_properties(), sort_keys=True).encode())
    inputs["environment"] = fingerprint.environment_digest()
    inputs["chromium"] = _sha256(chromium_version().encode())
    return inputs


def changed_inputs(inputs: dict[str, str], record: Path = PRINT_RECORD, pdf: Path = PDF_PATH) -> list[str]:
    """Why the PDF must be printed again (empty when it was printed from exactly
    `inputs`): the inputs added, changed or removed since the print `record`ed,
    or the PDF itself missing or changed since."""
    if not pdf.is_file():
        return [f"{pdf.name} missing"]
    if not record.is_file():
        return ["no record of what the PDF was printed from"]
    recorded = json.loads(record.read_text(encoding="utf-8"))
    if recorded.get("pdf") != _sha256(pdf.read_bytes()):
        return [f"{pdf.name} changed since it was printed"]
    printed_from = recorded.get("inputs", {})
    return sorted(name for name in printed_from.keys() | inputs.keys() if printed_from.get(name) != inputs.get(name))


def record_print(inputs: dict[str, str], record: Path = PRINT_RECORD, pdf: Path = PDF_PATH, layout: PrintLayout | None = None) -> None:
    """Record the inputs the PDF was just printed from, its own digest, the page of each heading its contents list,
    the chapters set tighter, those a blank page comes before and the charts fitted to the page before."""
    printed = {
        "pdf": _sha256(pdf.read_bytes()),
        "inputs": inputs,
        "pages": layout.pages if layout else {},
        "tight": list(layout.tight) if layout else [],
        "blanks": list(layout.blanks) if layout else [],
        "fitted": dict(layout.fitted) if layout else {},
    }
    record.write_text(json.dumps(printed, indent=1) + "\n", encoding="utf-8")


def recorded_layout(record: Path = PRINT_RECORD) -> PrintLayout | None:
    """The layout the last print settled on (none without a record)."""
    if not record.is_file():
        return None
    printed = json.loads(record.read_text(encoding="utf-8"))
    return PrintLayout(
        printed.get("pages", {}),
        tuple(printed.get("tight", ())),
        tuple(printed.get("blanks", ())),
        tuple(sorted(printed.get("fitted", {}).items())),
    )


def print_edition() -> None:
    """Build the single-page book and print it when anything it is printed from changed."""
    edition_page = build_single_html()
    inputs = print_inputs()
    reasons = changed_inputs(inputs)
    if reasons:
        shown = ", ".join(reasons[:5]) + (f" and {len(reasons) - 5} more" if len(reasons) > 5 else "")
        print(f"printing the PDF: {shown}")
        layout = print_pdf(edition_page, expected=recorded_layout())
        describe_document(PDF_PATH, document_properties())
        record_print(inputs, layout=layout)
    else:
        print(f"{PDF_PATH.relative_to(REPO_ROOT)} is up to date: printed from these very {len(inputs)} inputs")


def offer_in_site() -> None:
    """Copy the PDF into the HTML book (once it is built), unless the copy there is the same."""
    if not (SITE_COPY.is_file() and filecmp.cmp(PDF_PATH, SITE_COPY, shallow=False)):
        SITE_COPY.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PDF_PATH, SITE_COPY)
        print(f"wrote {PDF_PATH.relative_to(REPO_ROOT)} ({PDF_PATH.stat().st_size:,} bytes) into the HTML book")


def main(arguments: list[str]) -> None:
    print_edition()
    if "--not-into-site" not in arguments:
        offer_in_site()


if __name__ == "__main__":
    main(sys.argv[1:])
