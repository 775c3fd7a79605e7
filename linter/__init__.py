"""kzlint: compare two renderings of one text and lint their translation quality."""

__version__ = "0.1.0"
