"""Benchmarks: a synthetic graph generator, the scale curve, and the side-by-side comparison
with other SPARQL servers (docs/performance.md)."""
