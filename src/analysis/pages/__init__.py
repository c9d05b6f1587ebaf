"""Pages: one module per chapter, loading through `data`, computing through `evidence` and `geography`, drawing through `report`."""
