"""Static word vectors: how close two words are in meaning, offline and in microseconds.

Two translators write "awe" and "awestruck", "big" and "large", "global" and
"international": no stem or spelling rule joins them, a sentence encoder does.
kzlint ships a table of static vectors distilled from the all-MiniLM-L6-v2
encoder (``tools/distill_vectors.py`` says how): one vector per WordPiece of
the encoder's vocabulary, a word's vector the mean of its pieces'. A word is
looked up once per run (cached), so a book costs one look-up per distinct word.

Two words are *counterparts* when their cosine is above the one that 99 in 100
random pairs of vocabulary words stay below (stored with the table): a
threshold the vectors set themselves, not one fitted to a test set.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np
from tokenizers import Tokenizer, normalizers, pre_tokenizers
from tokenizers.models import WordPiece

_TABLE = "minilm-static.npz"


class WordVectors:
    """The shipped table: a vector for any English word form, and the counterpart threshold."""

    def __init__(self) -> None:
        with resources.files(__package__).joinpath(_TABLE).open("rb") as stream, np.load(stream) as table:
            self._vectors = table["vectors"].astype(np.float32) * table["scales"][:, None]
            vocabulary = [str(piece) for piece in table["vocabulary"]]
            self.threshold = float(table["threshold"])
        self._pieces = _wordpiece(vocabulary)
        self.dimensions = self._vectors.shape[1]

    def vector(self, word: str) -> np.ndarray:
        """The unit vector of one word (any case); the zero vector for a word made of unknown pieces."""
        return self._vector(word.lower())

    @cache  # noqa: B019 - one table per process, so the cache lives as long as it should
    def _vector(self, word: str) -> np.ndarray:
        ids = self._pieces.encode(word, add_special_tokens=False).ids
        if not ids:
            return np.zeros(self.dimensions, np.float32)
        mean = self._vectors[ids].mean(0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else mean

    def matrix(self, words: list[str]) -> np.ndarray:
        """The vectors of several words, one row each."""
        if not words:
            return np.zeros((0, self.dimensions), np.float32)
        return np.stack([self._vector(word.lower()) for word in words])


def forget_words() -> None:
    """Empty the cache of word vectors, keeping the table: a worker that runs an archive meets new words with every pair."""
    WordVectors._vector.cache_clear()


def _wordpiece(vocabulary: list[str]) -> Tokenizer:
    """The encoder's own tokenizer: lower-cased, accents stripped, split on punctuation, then WordPiece."""
    tokenizer = Tokenizer(WordPiece({piece: index for index, piece in enumerate(vocabulary)}, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True, strip_accents=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tokenizer


@cache
def word_vectors() -> WordVectors:
    """The table, loaded once per process (about 0.2 s) and only when a comparison needs it."""
    return WordVectors()
