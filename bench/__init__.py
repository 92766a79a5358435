"""Benchmarks: scripts that print figures (``make bench``); see docs/benchmarks.md."""
