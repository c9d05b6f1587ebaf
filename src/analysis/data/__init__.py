"""Data access and validation: the only tier that reads files (tables, periods, datasets, seed, layers)."""
