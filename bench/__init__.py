"""Benchmarks (docs/performance.md): the side-by-side comparison with the native Oxigraph server
and other SPARQL servers, the per-request overhead, the scale curve on synthetic graphs, the two
backends, drafting and page weight.

Not part of the installed package: run from a checkout of the repository, at its root, with
`python -m bench.<module>` (the peers: `pip install -e '.[bench]'`)."""
