"""The Gongyun OWL ontology (hand-written Turtle) and the checks that keep it sound."""
