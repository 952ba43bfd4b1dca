"""The HTTP service: SPARQL 1.1 protocol endpoint and REST layer over the built graph."""
