"""The build pipeline: sources and curated annotations in, a verified RDF dataset out."""
