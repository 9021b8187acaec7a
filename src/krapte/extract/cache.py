"""The built matchers of the skill engine, cached on disk so that a new process answers in a second, not seven.

Building an extractor over the 13,939 ESCO skills costs about 6.5 CPU s: the label automaton (a quarter of a
million label variants), the English terms used in Dutch and the verb–object rules. They depend only on the
taxonomy, the lexicon data and the code that builds them, so they are built once and written into
``KRAPTE_CACHE_DIR`` under a name keyed by all three (:func:`cache_key`):

* the taxonomy's :attr:`~krapte.taxonomy.model.Taxonomy.key` (version, source and sizes; the same key the label
  indexes use);
* a fingerprint of the data files the build reads (the curated Dutch lexicon, the machine-derived Dutch labels);
* a fingerprint of the source of the modules that build and hold the artefacts (``krapte.text`` and
  ``krapte.extract``), so any change of the code is a new name and never reads an artefact of other code.

The file is a pickle framed by a header with the key and a SHA-256 of the payload. It is only ever read from the
cache directory the app writes itself, the checksum is verified before anything is unpickled, and the unpickler
accepts only the handful of classes the artefacts are made of (:data:`ALLOWED`): a file of another version, a
truncated or altered file, or anything else is ignored and the artefacts are rebuilt (and rewritten when the
directory is writable). Writes are atomic (a temporary file renamed into place) under the same file lock as the
label indexes, so parallel processes build once.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from krapte.taxonomy.loading import paused_gc, sealed_payload, write_sealed
from krapte.text.matcher import Gazetteer

__all__ = [
    "ALLOWED",
    "FORMAT",
    "Artefacts",
    "build_artefacts",
    "cache_key",
    "cache_path",
    "load_artefacts",
    "prefetch",
]

FORMAT = b"krapte-extractor-artefacts-1\n"
# (module, name) of every global the pickled artefacts may refer to
ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        ("ahocorasick", "Automaton"),
        ("builtins", "frozenset"),
        ("builtins", "set"),
        ("collections", "defaultdict"),
        ("builtins", "list"),
        ("copyreg", "_reconstructor"),
        ("builtins", "object"),
        ("krapte.text.matcher", "Gazetteer"),
        ("krapte.extract.verb_object", "VerbObjectMatcher"),
        ("krapte.extract.verb_object", "_Rule"),
        ("krapte.extract.cache", "Artefacts"),
        ("krapte.extract.build", "SkillTables"),
    }
)
# data files read by the build (package krapte.data), part of the key
_DATA_FILES: tuple[tuple[str, str], ...] = (
    ("extract-nl-lexicon", "nl-lexicon.tsv"),
    ("esco-nl-derived", "labels.tsv"),
)
# packages whose source is part of the key: the matcher, normaliser and Dutch word rules, and the extraction
_CODE_PACKAGES: tuple[str, ...] = ("krapte.text", "krapte.extract")


@dataclass(frozen=True)
class Artefacts:
    """Everything :class:`krapte.extract.skills.SkillExtractor` builds from a taxonomy that takes time."""

    gazetteer: Gazetteer
    international: frozenset[str]  # keys of English labels that may match Dutch text
    verb_objects: Any  # krapte.extract.verb_object.VerbObjectMatcher
    derived: dict[str, tuple[str, ...]]  # usable machine-derived Dutch labels per skill
    generic: frozenset[str]  # URIs of generic skills
    verb_forms: frozenset[str]  # finite forms of the verbs of Dutch skill labels
    idf: dict[str, float]  # skill IDF over the occupations
    tables: Any  # krapte.extract.build.SkillTables: lexicon and derived keys, verbs, knowledge, occupations


def build_artefacts(taxonomy: Any) -> Artefacts:
    """Build the artefacts from scratch (seconds for the full ESCO)."""
    from krapte.extract.build import (
        build_gazetteer,
        build_skill_tables,
        build_verb_object_matcher,
        dutch_verb_forms,
        is_generic,
        skill_idf,
        usable_derived_labels,
    )
    from krapte.extract.reading import english_terms_used_in_dutch

    derived = usable_derived_labels(taxonomy)
    idf = skill_idf(taxonomy)
    return Artefacts(
        gazetteer=build_gazetteer(taxonomy),
        international=english_terms_used_in_dutch(taxonomy),
        verb_objects=build_verb_object_matcher(taxonomy),
        derived=derived,
        generic=frozenset(uri for uri, skill in taxonomy.skills.items() if is_generic(skill)),
        verb_forms=dutch_verb_forms(taxonomy),
        idf=idf,
        tables=build_skill_tables(taxonomy, derived, idf),
    )


@cache
def _code_and_data_digest() -> str:
    digest = hashlib.sha256()
    for package in _CODE_PACKAGES:
        root = resources.files(package)
        for name in sorted(p.name for p in root.iterdir() if p.name.endswith(".py")):
            digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    for dataset, name in _DATA_FILES:
        path = resources.files("krapte.data") / dataset / name
        digest.update(f"{dataset}/{name}".encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(absent)")
    return digest.hexdigest()[:16]


def cache_key(taxonomy: Any) -> str:
    """The taxonomy key plus a fingerprint of the lexicon data and of the building code."""
    return f"{taxonomy.key}-{_code_and_data_digest()}"


def cache_path(taxonomy: Any, cache_dir: Path) -> Path:
    return cache_dir / f"extractor-{cache_key(taxonomy)}.pickle"


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of the extractor artefacts")
        return super().find_class(module, name)


class _Prefetch(threading.Thread):
    """Reads one cache file and checks its SHA-256 in the background (both release the interpreter lock)."""

    def __init__(self, path: Path) -> None:
        super().__init__(name="krapte-extractor-prefetch", daemon=True)
        self.path = path
        self.data: bytes | None = None
        self.verified = False

    def run(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        end = data.find(b"\n", len(FORMAT)) + 1
        if data.startswith(FORMAT) and end > 0:
            self.verified = sealed_payload(data, data[:end]) is not None
        self.data = data


_prefetches: dict[Path, _Prefetch] = {}
_prefetch_lock = threading.Lock()


def prefetch(cache_dir: Path | None) -> None:
    """Start reading and checking this code's extractor cache file in ``cache_dir`` in a background thread, before
    the taxonomy (which names the file) is loaded: on two cores the 0.2 s of reading and hashing 120 MB then run
    beside the taxonomy's load. Only when exactly one file of this code's fingerprint is there; :func:`_read` takes
    the result for that path (and still checks the header's key), anything else reads as before."""
    if cache_dir is None:
        return
    try:
        found = list(cache_dir.glob(f"extractor-*-{_code_and_data_digest()}.pickle"))
    except OSError:
        return
    if len(found) != 1:
        return
    with _prefetch_lock:
        if found[0] not in _prefetches:
            _prefetches[found[0]] = job = _Prefetch(found[0])
            job.start()


def _read_verified(path: Path, header: bytes) -> bytes | None:
    """The file's bytes when it is sealed with ``header`` and intact (:func:`~krapte.taxonomy.loading.sealed_payload`):
    from a prefetch of ``path`` when one ran."""
    with _prefetch_lock:
        job = _prefetches.pop(path, None)
    if job is not None:
        job.join()
        if job.data is not None and job.data.startswith(header):
            return job.data if job.verified else None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if sealed_payload(data, header) is not None else None


def _read(path: Path, key: str) -> Artefacts | None:
    """The artefacts in ``path``, or None when the file is missing, of another key, truncated or altered."""
    header = FORMAT + key.encode() + b"\n"
    data = _read_verified(path, header)
    if data is None:
        return None
    stream = io.BytesIO(data)  # shares the bytes (a slice or memoryview would copy 120 MB first)
    stream.seek(len(header) + 32)
    try:
        with paused_gc():
            loaded = _Unpickler(stream).load()
    except Exception:  # a payload this code cannot read: rebuild
        return None
    return loaded if isinstance(loaded, Artefacts) else None


def _write(path: Path, key: str, artefacts: Artefacts, stale_prefix: str) -> None:
    """Write atomically, then remove the files of the same taxonomy built by other code (about 120 MB each)."""
    header = FORMAT + key.encode() + b"\n"
    if write_sealed(path, header, pickle.dumps(artefacts, protocol=pickle.HIGHEST_PROTOCOL)):
        for other in path.parent.glob(f"{stale_prefix}*.pickle"):
            if other != path:
                other.unlink(missing_ok=True)
                other.with_name(other.name + ".lock").unlink(missing_ok=True)


def load_artefacts(
    taxonomy: Any, cache_dir: Path | None, build: Callable[[Any], Artefacts] = build_artefacts
) -> Artefacts:
    """The artefacts of ``taxonomy``: read from ``cache_dir`` when a valid file of this key is there, else built
    (and written there). ``cache_dir`` None: always built, nothing written."""
    if cache_dir is None:
        return build(taxonomy)
    from krapte.taxonomy.index import file_lock

    key = cache_key(taxonomy)
    path = cache_path(taxonomy, cache_dir)
    artefacts = _read(path, key)
    if artefacts is not None:
        return artefacts
    try:
        with file_lock(path.with_name(path.name + ".lock")):
            artefacts = _read(path, key)  # another process may have written it meanwhile
            if artefacts is None:
                artefacts = build(taxonomy)
                _write(path, key, artefacts, stale_prefix=f"extractor-{taxonomy.key}-")
    except OSError:  # not even a lock file can be made: a read-only cache directory
        artefacts = build(taxonomy)
    return artefacts
