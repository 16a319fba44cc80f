"""Benchmarks: run on purpose (make bench), print their figures, never asserted by tests."""
