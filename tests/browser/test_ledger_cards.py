"""The claims ledger in a reader's browser: on a phone every claim is a card that
shows its verdict (word and icon) without sideways scrolling; in dark mode each
chip's word is legible on its chip; the menus, the text search and a permalink
find claims (_static/ledger.js)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.evidence import claims

from . import _site

LEDGER = "chapters/claims_ledger.html"
PHONE = {"width": 390, "height": 844}
# Each card: whether it is laid out as a block, and its chip's box, words and icon.
CARDS_JS = """() => Array.from(document.querySelectorAll('tr.ledger-entry')).map((row) => {
  const chip = row.querySelector('.claim-chip');
  const box = chip.getBoundingClientRect(), card = row.getBoundingClientRect();
  const word = chip.querySelector('.chip-word');
  return {id: row.id, display: getComputedStyle(row).display, left: box.left, right: box.right, width: box.width,
          cardRight: card.right, word: word.innerText, wordVisible: word.getBoundingClientRect().width > 0,
          icon: chip.querySelector('svg.chip-icon').getBoundingClientRect().width};
})"""
# Every chip's text colour and the background behind it, as computed.
CHIP_COLOURS_JS = """() => Array.from(document.querySelectorAll('.claim-chip')).slice(0, 40).map((chip) => {
  let n = chip, bg = 'rgba(0, 0, 0, 0)';
  while (n && (bg.startsWith('rgba(0, 0, 0, 0)') || bg === 'transparent')) {
    bg = getComputedStyle(n).backgroundColor; n = n.parentElement;
  }
  return {word: chip.innerText, ink: getComputedStyle(chip).color, bg};
})"""


def luminance(colour: str) -> float:
    channels = [float(part) / 255 for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def open_ledger(browser, server, viewport: dict, dark: bool = False, fragment: str = ""):
    context = browser.new_context(viewport=viewport, color_scheme="dark" if dark else "light")
    if dark:
        context.add_init_script("localStorage.setItem('mode', 'dark')")
    page = _site.open_page(context, server, _site.Visit(page=LEDGER))
    page.goto(server.url(LEDGER) + fragment, wait_until="load")
    return context, page


def test_on_a_phone_every_card_shows_its_verdict_without_sideways_scrolling(browser, server, ledger_table: pd.DataFrame) -> None:
    context, page = open_ledger(browser, server, PHONE)
    try:
        cards = page.evaluate(CARDS_JS)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert len(cards) == len(ledger_table)
    assert scroll_width <= PHONE["width"], f"the page scrolls sideways: {scroll_width} px wide"
    for card in cards:
        assert card["display"] == "block", card
        assert card["word"] in claims.VERDICTS and card["wordVisible"] and card["icon"] > 0, card
        assert card["left"] >= 0 and card["right"] <= PHONE["width"] and card["cardRight"] <= PHONE["width"], card


# Each cell of the ledger's table of disagreements: its column's heading as written over it, and its box.
DISAGREEMENT_CELLS_JS = """() => Array.from(document.querySelectorAll('table.data-cards td')).map((cell) => {
  const box = cell.getBoundingClientRect();
  return {label: getComputedStyle(cell, '::before').content, text: cell.innerText, left: box.left, right: box.right};
})"""


def test_on_a_phone_the_disagreements_are_cards_every_cell_in_sight_under_its_heading(browser, server) -> None:
    """The table of claims where a dataset and reports disagree scrolled sideways on a phone, its subject out of
    sight and cut mid-word: each row is now a card, every cell in the screen's width under its column's name."""
    context, page = open_ledger(browser, server, PHONE)
    try:
        cells = page.evaluate(DISAGREEMENT_CELLS_JS)
    finally:
        context.close()
    assert len(cells) >= 14, cells
    assert {cell["label"] for cell in cells} >= {'"subject"', '"better evidence"', '"dataset"'}
    outside = [cell for cell in cells if cell["left"] < 0 or cell["right"] > PHONE["width"]]
    assert not outside, outside


# Each verdict chip of the desktop table: the tops of its icon, its id and its word's first line, and its lines.
CHIP_LINES_JS = """() => Array.from(document.querySelectorAll('tr.ledger-entry .ledger-verdict .claim-chip')).map((chip) => {
  const top = (node) => node.getBoundingClientRect().top;
  const lines = document.createRange();
  lines.selectNodeContents(chip.querySelector('.chip-word'));
  const rects = Array.from(lines.getClientRects());
  return {id: chip.closest('tr').id, icon: top(chip.querySelector('svg.chip-icon')), ident: top(chip.querySelector('.chip-id')),
          word: rects[0].top, lines: new Set(rects.map((rect) => Math.round(rect.top))).size > 1 ? 'several' : 'one'};
})"""


def test_a_wrapped_verdict_reads_from_its_icon_and_id_on_the_first_line(browser, server) -> None:
    """In the desktop table, a verdict too long for its column ("consistent under one definition") wrapped
    beside an id centred on its three lines: "consistent" read above "K07"."""
    context, page = open_ledger(browser, server, _site.VIEWPORT)
    try:
        chips = page.evaluate(CHIP_LINES_JS)
    finally:
        context.close()
    assert any(chip["lines"] == "several" for chip in chips), "no verdict wraps: the test checks nothing"
    misread = [chip for chip in chips if abs(chip["ident"] - chip["word"]) > 3 or chip["icon"] > chip["word"] + 8]
    assert not misread, misread[:3]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_chip_word_is_legible_on_its_chip(browser, server, dark: bool) -> None:
    context, page = open_ledger(browser, server, _site.VIEWPORT, dark=dark)
    try:
        if dark:
            assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        chips = page.evaluate(CHIP_COLOURS_JS)
    finally:
        context.close()
    assert chips
    for chip in chips:
        assert contrast(chip["ink"], chip["bg"]) >= 4.5, chip


def test_the_menus_the_search_and_a_permalink_find_claims(browser, server, ledger_table: pd.DataFrame) -> None:
    table = ledger_table
    context, page = open_ledger(browser, server, _site.VIEWPORT)
    shown = "() => Array.from(document.querySelectorAll('tr.ledger-entry')).filter((row) => !row.hidden).map((row) => row.id)"
    try:
        page.select_option("select[data-ledger-filter=verdict]", claims.INCONSISTENT)
        assert page.evaluate(shown) == list(table.loc[table["verdict"] == claims.INCONSISTENT, "claim_id"])
        assert page.inner_text(".ledger-filters output").startswith(f"{(table['verdict'] == claims.INCONSISTENT).sum()} of {len(table)}")
        page.select_option("select[data-ledger-filter=verdict]", "")
        page.fill("input[data-ledger-search]", "nearly twice")
        assert "K36" in page.evaluate(shown) and len(page.evaluate(shown)) < len(table)
        page.evaluate("location.hash = '#K01'")
        page.wait_for_function("() => !document.getElementById('K01').hidden")
        assert len(page.evaluate(shown)) == len(table)
    finally:
        context.close()


# Cards whose "phase · topic" line is broken in two.
BROKEN_METAS_JS = "() => [...document.querySelectorAll('.ledger-meta')].filter(meta => meta.getClientRects().length > 1).length"


def test_a_cards_phase_and_topic_never_break_at_their_separator(browser, server) -> None:
    """On a phone 78 of 133 cards broke "reset ·" from "prisoners" (a phone reader's finding): the two stay on one line."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(server.url("chapters/claims_ledger.html"))
        page.wait_for_selector(".ledger-meta")
        assert page.evaluate(BROKEN_METAS_JS) == 0
    finally:
        page.close()
