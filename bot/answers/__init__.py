"""Answers from the log: summaries, search, stats."""
