"""Normalisers: number, date and unit expressions as written in the texts, to data."""
