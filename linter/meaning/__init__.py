"""Meaning: how close words and sentences of two renderings are, beyond the words they share.

``vectors`` holds the shipped static word vectors (distilled from a sentence
encoder, read offline); ``correspondence`` says which content words of a
linked pair render each other and what a passage means as a whole. The
aligner (bridges, growth) and the comparison rules (through
:class:`linter.diffing.PassageDiff`) read them.
"""
