"""Benchmarks and the quality harness (not timed tests)."""
