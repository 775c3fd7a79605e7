"""Inputs: read a file, page, document or address into the text kzlint compares, with a map back to the original."""
