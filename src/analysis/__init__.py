"""Data, checks, charts and maps behind the book on the 2013-2014 Kerry-led talks.

Tiers, each importing only those below it (checked by import-linter, see
pyproject.toml):

- `analysis.tools`: build tools (vendoring Vega, executing notebooks, building geo/).
- `analysis.pages`: one module per chapter; returns what each section shows.
- `analysis.report`: theme, charts, maps and glue; never reads files.
- `analysis.evidence` and `analysis.geography`: domain counts and measures; take frames, return frames.
- `analysis.data`: data access and validation; the only tier that reads files.

`analysis.paths` and `analysis.errors` are shared by every tier.
"""
