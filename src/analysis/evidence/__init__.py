"""The evidence: domain counts over validated frames (they take frames and return frames)."""
