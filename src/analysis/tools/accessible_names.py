"""Sphinx extension (listed in `_config.yml`): a folded cell's toggle is named by
the words it shows.

myst-nb names the `<summary>` of a folded cell "Toggle hidden content" whatever
it says on screen ("Show code cell source"), so someone who speaks the words
they see to a voice-control program cannot reach it (WCAG 2.5.3, label in name;
axe-core's label-content-name-mismatch). Here myst-nb writes the summary and the
label is taken off it: its name is the prompt it shows, folded or open.
"""

from __future__ import annotations

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from analysis.tools.extension_version import code_version

LABELLED_SUMMARY = '<summary aria-label="Toggle hidden content">\n'
NAMED_BY_ITS_WORDS = "<summary>\n"


def visit_folded_cell(self: HTML5Translator, node: HideCodeCellNode) -> None:
    written = len(self.body)
    visit_HideCellInput(self, node)
    summaries = [index for index in range(written, len(self.body)) if self.body[index] == LABELLED_SUMMARY]
    if len(summaries) != 1:
        raise RuntimeError(
            f"myst-nb no longer writes a folded cell's summary as {LABELLED_SUMMARY.strip()!r}: "
            "see analysis.tools.accessible_names before upgrading it"
        )
    self.body[summaries[0]] = NAMED_BY_ITS_WORDS


def setup(app: Sphinx) -> dict[str, bool | int]:
    app.add_node(HideCodeCellNode, override=True, html=(visit_folded_cell, depart_HideCellInput))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": code_version(__file__)}
