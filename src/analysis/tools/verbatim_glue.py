"""Sphinx extension (listed in `_config.yml`): values glued into the prose
appear on the page exactly as computed.

Sphinx's smartquotes turn straight quotes, `--` and `...` in a page's text into
typographic ones. That suits the prose, but a value glued from a table (a
name, a quote) would then read differently from the same value in the table
beside it. This transform runs before smartquotes and exempts the text myst-nb
pastes for `{glue}` and `{glue:text}` roles; the prose around it is curled as before.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from analysis.tools.extension_version import code_version

# The classes of the inline node myst-nb pastes for {glue} (text/plain) and {glue:text}.
GLUED_TEXT_CLASSES = (frozenset({"output", "text_plain"}), frozenset({"pasted-text"}))


class KeepGluedTextVerbatim(SphinxTransform):
    """Mark every pasted glue value as not smartquotable."""

    default_priority = 700  # before Sphinx's SmartQuotes (750)

    def apply(self, **kwargs: object) -> None:
        for node in self.document.findall(nodes.inline):
            if any(marker <= set(node["classes"]) for marker in GLUED_TEXT_CLASSES):
                node["support_smartquotes"] = False


def setup(app: Sphinx) -> dict[str, bool | int]:
    app.add_transform(KeepGluedTextVerbatim)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": code_version(__file__)}
