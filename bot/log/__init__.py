"""The log: the one path a message takes to an entry (capture, back-dating)."""
