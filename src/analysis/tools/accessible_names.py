"""Sphinx extension (listed in `_config.yml`): a folded cell's toggle is named by
the words it shows.

myst-nb names the `<summary>` of a folded cell "Toggle hidden content" whatever
it says on screen ("Show code cell source"), so someone who speaks the words
they see to a voice-control program cannot reach it (WCAG 2.5.3, label in name;
axe-core's label-content-name-mismatch). Here the summary is written without that
label: its name is the prompt it shows, folded or open.
"""

from __future__ import annotations

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from analysis.tools.sphinx_extension import code_version


def visit_folded_cell(self: HTML5Translator, node: HideCodeCellNode) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def setup(app: Sphinx) -> dict[str, bool | int]:
    app.add_node(HideCodeCellNode, override=True, html=(visit_folded_cell, depart_HideCellInput))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": code_version(__file__)}
