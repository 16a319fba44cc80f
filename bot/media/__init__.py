"""Media kept with entries: files on disk by content hash, and voice turned into text."""
