"""Build tools: vendoring Vega, executing notebooks, rebuilding the geo/ layers."""
