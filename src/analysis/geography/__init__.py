"""Geography: measures and derived geometries over validated layers (areas, lengths, bands, sites)."""
