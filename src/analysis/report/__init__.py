"""The report layer: theme, charts, maps and glue; it draws frames it is given and never reads files."""
