"""SHACL shapes (hand-written Turtle) saying what a valid Gongyun graph is."""
