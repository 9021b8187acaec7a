"""A small supervised skill-span tagger: a first-order structured perceptron over hand-made token features.

It marks the phrases in a sentence that state a skill or a piece of knowledge ("experience with *React*",
"*manage a team*"), the task of SkillSpan (Zhang et al., NAACL 2022). The model is trained by
``scripts/build_extract.py`` on the SkillSpan train split (English job ads, MIT) and shipped as a compact gzip JSON
file in ``krapte/data/extract-span-tagger/``; training takes about a minute on one core and needs no third-party
machine-learning library, so the tagger runs anywhere the package runs.

Tags are BIO over two types: ``S`` (skill) and ``K`` (knowledge). :func:`SpanTagger.spans` returns token spans.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from krapte.extract.span_vectors import WordVectorLayer
from krapte.extract.span_words import default_word_table

TAGS: tuple[str, ...] = ("O", "B-S", "I-S", "B-K", "I-K")
_START = len(TAGS)  # index of the virtual start tag in the transition table
# averaged weights are kept to one decimal: they are sums of ±1 updates over the steps, mostly well above 1, and
# the model file shrinks from 2.4 to 1.5 MB with the same SkillSpan dev F1 (0.408 → 0.409 strict)
WEIGHT_DECIMALS = 1
_TOKEN = re.compile(r"\w+(?:[-'.+#/]\w+)*[+#]*|[^\w\s]", re.UNICODE)

Features = list[str]
Lexicon = Callable[[Sequence[str]], list[str]]


@dataclass(frozen=True)
class TokenSpan:
    """Tokens ``start`` (inclusive) to ``end`` (exclusive) form a span of ``kind`` ``"skill"`` or ``"knowledge"``."""

    start: int
    end: int
    kind: str


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split text into tokens with their character offsets (words keep inner -, ', ., +, #, /)."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "A", word)
    shape = re.sub(r"[a-z]+", "a", shape)
    return re.sub(r"[0-9]+", "9", shape)


def token_features(tokens: Sequence[str], lexicon_tags: Sequence[str] | None = None) -> list[Features]:
    """The features of every token: the word and its ±3 window, word pairs around it, affixes, shape (also of the
    neighbours), length, and (optionally) lexicon tags."""
    low = [t.lower() for t in tokens]
    padded = ["<s3>", "<s2>", "<s1>", *low, "</s1>", "</s2>", "</s3>"]
    shapes = ["<s>", "<s>", "<s>", *(_shape(t) for t in tokens), "</s>", "</s>", "</s>"]
    feats: list[Features] = []
    for i, word in enumerate(tokens):
        w = low[i]
        j = i + 3
        f = [
            "b",
            "w=" + w,
            "p2=" + w[:2],
            "p3=" + w[:3],
            "p4=" + w[:4],
            "s2=" + w[-2:],
            "s3=" + w[-3:],
            "s4=" + w[-4:],
            "sh=" + shapes[j],
            "sh-1=" + shapes[j - 1],
            "sh+1=" + shapes[j + 1],
            "len=" + str(min(len(w), 10)),
            "w-1=" + padded[j - 1],
            "w+1=" + padded[j + 1],
            "w-2=" + padded[j - 2],
            "w+2=" + padded[j + 2],
            "w-3=" + padded[j - 3],
            "w+3=" + padded[j + 3],
            "w-1w=" + padded[j - 1] + "|" + w,
            "ww+1=" + w + "|" + padded[j + 1],
            "w-2w-1=" + padded[j - 2] + "|" + padded[j - 1],
            "w+1w+2=" + padded[j + 1] + "|" + padded[j + 2],
            "w-1w+1=" + padded[j - 1] + "|" + padded[j + 1],
            "s3-1=" + padded[j - 1][-3:],
            "s3+1=" + padded[j + 1][-3:],
            "p3-1=" + padded[j - 1][:3],
            "p3+1=" + padded[j + 1][:3],
        ]
        if word[:1].isupper():
            f.append("title")
        if word.isupper() and len(word) > 1:
            f.append("upper")
        if any(c.isdigit() for c in word):
            f.append("digit")
        if len(w) <= 2:
            f.append("short")
        if i == 0:
            f.append("first")
        if lexicon_tags is not None:
            tag = lexicon_tags[i]
            prev_tag = lexicon_tags[i - 1] if i > 0 else "<s>"
            next_tag = lexicon_tags[i + 1] if i + 1 < len(tokens) else "</s>"
            f += ["lx=" + tag, "lx-1=" + prev_tag, "lx+1=" + next_tag, "lxw=" + tag + "|" + w]
        feats.append(f)
    return feats


class SpanTagger:
    """Structured perceptron with Viterbi decoding over the five BIO tags."""

    def __init__(
        self,
        weights: dict[str, list[float]] | None = None,
        transitions: list[list[float]] | None = None,
        o_bias: float = 0.0,
        vectors: WordVectorLayer | None = None,
    ):
        self.weights: dict[str, list[float]] = weights or {}
        self.transitions: list[list[float]] = transitions or [[0.0] * len(TAGS) for _ in range(len(TAGS) + 1)]
        #: added to the score of ``O`` at every token when decoding; negative values trade precision for recall
        self.o_bias = o_bias
        #: optional dense layer over encoder word vectors (:mod:`krapte.extract.span_vectors`)
        self.vectors = vectors

    # -- decoding -------------------------------------------------------------------------------------------------
    def _emissions(self, feats: list[Features], o_bias: float) -> list[list[float]]:
        n_tags = len(TAGS)
        out = []
        weights = self.weights
        for f in feats:
            scores = [o_bias] + [0.0] * (n_tags - 1)
            for name in f:
                w = weights.get(name)
                if w is not None:
                    for k in range(n_tags):
                        scores[k] += w[k]
            out.append(scores)
        return out

    def decode(
        self, feats: list[Features], o_bias: float | None = None, extra: Sequence[Sequence[float]] | None = None
    ) -> list[int]:
        """The best tag sequence (indices into :data:`TAGS`) by Viterbi; I-x may only follow B-x or I-x.

        ``o_bias`` overrides the model's own :attr:`o_bias`; ``extra`` (tokens × tags) is added to the emissions."""
        if not feats:
            return []
        n_tags = len(TAGS)
        emissions = self._emissions(feats, self.o_bias if o_bias is None else o_bias)
        if extra is not None:
            emissions = [
                [a + float(b) for a, b in zip(row, more, strict=True)]
                for row, more in zip(emissions, extra, strict=True)
            ]
        trans = self.transitions
        score = [trans[_START][k] + emissions[0][k] + _penalty(_START, k) for k in range(n_tags)]
        back: list[list[int]] = []
        for i in range(1, len(feats)):
            new = [0.0] * n_tags
            ptr = [0] * n_tags
            for k in range(n_tags):
                best, arg = -1e18, 0
                for p in range(n_tags):
                    s = score[p] + trans[p][k] + _penalty(p, k)
                    if s > best:
                        best, arg = s, p
                new[k] = best + emissions[i][k]
                ptr[k] = arg
            back.append(ptr)
            score = new
        tag = max(range(n_tags), key=lambda k: score[k])
        path = [tag]
        for ptr in reversed(back):
            tag = ptr[tag]
            path.append(tag)
        return path[::-1]

    def spans(
        self, tokens: Sequence[str], lexicon_tags: Sequence[str] | None = None, *, word_vectors: Any = None
    ) -> list[TokenSpan]:
        """The skill and knowledge spans the model finds in a tokenised sentence.

        A tagger whose :attr:`vectors` layer reads the shipped word table looks the tokens up itself
        (:func:`krapte.extract.span_words.default_word_table`). A layer over encoder vectors needs ``word_vectors``,
        the (tokens × 384) encoder vectors of the tokens (:func:`krapte.extract.span_vectors.encoder_word_vectors`);
        without them it uses zero vectors."""
        extra = None
        if self.vectors is not None and tokens:
            if word_vectors is None:
                table = default_word_table() if self.vectors.uses_table else None
                if table is not None:
                    word_vectors = table.vectors(tokens)
                else:
                    word_vectors = np.zeros((len(tokens), self.vectors.input_dims))
            extra = self.vectors.emissions(word_vectors).tolist()
        return tags_to_spans([TAGS[t] for t in self.decode(token_features(tokens, lexicon_tags), extra=extra)])

    # -- training -------------------------------------------------------------------------------------------------
    @classmethod
    def train(
        cls, sentences: Sequence[tuple[list[Features], list[str]]], *, epochs: int = 8, seed: int = 13
    ) -> SpanTagger:
        """Averaged structured perceptron over (features, gold tags) pairs
        (:func:`krapte.extract.span_model.train_arrays`, the one trainer)."""
        from krapte.extract.span_model import train_arrays  # it imports this module

        model = train_arrays([f for f, _ in sentences], [t for _, t in sentences], epochs=epochs, seed=seed)
        assert isinstance(model, SpanTagger)
        return model

    # -- persistence ----------------------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the model as gzip JSON (deterministic: sorted keys, fixed mtime, no file name in the header)."""
        content: dict[str, object] = {"tags": TAGS, "weights": self.weights, "transitions": self.transitions}
        if self.o_bias:
            content["o_bias"] = self.o_bias
        if self.vectors is not None:
            content["vectors"] = self.vectors.to_json()
        body = json.dumps(content, sort_keys=True, separators=(",", ":"))
        with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as fh:
            fh.write(body.encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> SpanTagger:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            body = json.load(fh)
        layer = WordVectorLayer.from_json(body["vectors"]) if "vectors" in body else None
        return cls(body["weights"], body["transitions"], float(body.get("o_bias", 0.0)), layer)


def _penalty(prev: int, tag: int) -> float:
    """Forbid I-x after anything but B-x / I-x (hard BIO constraint)."""
    name = TAGS[tag]
    if name.startswith("I-"):
        kind = name[2:]
        if prev == _START or TAGS[prev][2:] != kind:
            return -1e9
    return 0.0


def tags_to_spans(tags: Iterable[str]) -> list[TokenSpan]:
    """BIO tags → spans (a stray I-x starts a new span)."""
    spans: list[TokenSpan] = []
    start, kind = -1, ""
    i = -1
    for i, tag in enumerate(tags):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind):
            if start >= 0:
                spans.append(TokenSpan(start, i, _KINDS[kind]))
                start, kind = -1, ""
            if tag != "O":
                start, kind = i, tag[2:]
    if start >= 0:
        spans.append(TokenSpan(start, i + 1, _KINDS[kind]))
    return spans


_KINDS = {"S": "skill", "K": "knowledge"}


def merge_layers(skill_tags: Sequence[str], knowledge_tags: Sequence[str]) -> list[str]:
    """Combine SkillSpan's two BIO layers into one five-tag sequence (skill wins where both are set)."""
    out = []
    for s, k in zip(skill_tags, knowledge_tags, strict=True):
        if s != "O":
            out.append(s + "-S")
        elif k != "O":
            out.append(k + "-K")
        else:
            out.append("O")
    return out


@cache
def default_span_tagger(variant: str = "span-tagger-words") -> SpanTagger | None:
    """The tagger shipped in ``krapte/data/extract-span-tagger/`` (None if the package was built without it).

    The default, ``span-tagger-words``, adds a layer over the shipped word table (:mod:`krapte.extract.span_words`,
    no encoder at run time); ``span-tagger`` is the sparse perceptron alone; ``span-tagger-vectors`` the slower
    tagger with a layer over encoder word vectors."""
    path = resources.files("krapte.data") / "extract-span-tagger" / f"{variant}.json.gz"
    if not path.is_file():
        return None
    with resources.as_file(path) as p:
        return SpanTagger.load(p)
