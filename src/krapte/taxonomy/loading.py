"""Loading large read-only structures quickly: the garbage collector paused while they are made.

Loading the taxonomy (17,000 concepts with their label tuples) or the extraction engine (a quarter of a million
label keys and their groups) creates millions of container objects in a row. CPython's cyclic garbage collector
counts every allocation and, as the young generations fill, traverses the new objects again and again; none of them
is garbage. :func:`paused_gc` switches the collector off while such a structure is made and then moves everything
alive into the permanent generation (:func:`gc.freeze`), so later collections do not traverse the structure either
(it lives as long as the process). This roughly halves the CPU time of those loads (taxonomy from its JSON form
0.59 → 0.33 s, the extractor's artefacts from their cache 0.72 → 0.40 s) and keeps a long-running server's full
collections short. Objects are neither changed nor copied: the results are the same.

The embedded taxonomy is also cached in its loaded form (:func:`cached_taxonomy`): a pickle of the
:class:`~krapte.taxonomy.model.Taxonomy` in ``KRAPTE_CACHE_DIR``, named by a digest of the compressed JSON it was
made from and of the source of the modules that define and read it, framed by a header with that key and a SHA-256
of the payload, and read with an unpickler that accepts only the taxonomy's own classes. Reading it costs about a
third of parsing the JSON (0.13 against 0.33 CPU s); a file of other data or other code, a truncated or altered
file is ignored and written again.
"""

from __future__ import annotations

import gc
import hashlib
import io
import mmap
import os
import pickle
import struct
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = [
    "TAXONOMY_FORMAT",
    "UNREADABLE_NPZ",
    "cached_taxonomy",
    "mapped_npz",
    "paused_gc",
    "sealed_payload",
    "taxonomy_cache_path",
    "write_sealed",
]

TAXONOMY_FORMAT = b"krapte-taxonomy-pickle-1\n"
# the classes a cached taxonomy is made of (everything else in it is a builtin container or string)
_TAXONOMY_CLASSES = frozenset(
    {"Taxonomy", "Occupation", "Skill", "IscoGroup", "SkillGroup", "SkillRelation", "Concept"}
)
# modules whose source decides what a loaded taxonomy is: part of the cache key
_TAXONOMY_CODE = ("model.py", "serialize.py", "loading.py")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off, then freeze what is alive (see the module docstring).

    Safe to nest and to use from several threads: the collector is switched on again only by the block that
    switched it off, and freezing never frees or changes an object (cycles made unreachable later in frozen
    objects are not collected, which for process-lifetime structures costs nothing).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    root = resources.files("krapte.taxonomy")
    for name in _TAXONOMY_CODE:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


def _key(source: bytes) -> str:
    return hashlib.sha256(source + _code_digest().encode()).hexdigest()[:24]


def taxonomy_cache_path(name: str, source: bytes, cache_dir: Path) -> Path:
    """Where the loaded form of the taxonomy ``name`` made from ``source`` is cached."""
    return cache_dir / f"taxonomy-{name}-{_key(source)}.pickle"


class _TaxonomyUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module != "krapte.taxonomy.model" or name not in _TAXONOMY_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a taxonomy")
        return super().find_class(module, name)


def sealed_payload(data: bytes, header: bytes) -> int | None:
    """Where the payload of a sealed file starts (see :func:`write_sealed`): ``data`` begins with ``header`` and then
    the SHA-256 of everything after it. None for another file's header, a truncated or an altered file."""
    start = len(header) + 32
    if not data.startswith(header) or len(data) < start:
        return None
    if hashlib.sha256(memoryview(data)[start:]).digest() != data[len(header) : start]:
        return None
    return start


def write_sealed(path: Path, header: bytes, payload: bytes) -> bool:
    """Write ``header``, the SHA-256 of ``payload`` and ``payload`` to ``path`` atomically (a temporary file, then a
    rename), so that a reader sees the whole old file, the whole new one, or nothing. False when the directory
    cannot be written (a read-only cache only costs the work again next time)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(header + hashlib.sha256(payload).digest())
            fh.write(payload)
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True


def _read(path: Path, header: bytes) -> Any:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = sealed_payload(data, header)
    if start is None:
        return None
    stream = io.BytesIO(data)
    stream.seek(start)
    try:
        return _TaxonomyUnpickler(stream).load()
    except Exception:  # a payload this code cannot read: parse again
        return None


def _write(path: Path, header: bytes, taxonomy: Any, name: str) -> None:
    if write_sealed(path, header, pickle.dumps(taxonomy, protocol=pickle.HIGHEST_PROTOCOL)):
        for other in path.parent.glob(f"taxonomy-{name}-*.pickle"):
            if other != path:
                other.unlink(missing_ok=True)


def cached_taxonomy(name: str, source: bytes, parse: Callable[[bytes], Any], cache_dir: Path | None) -> Any:
    """The taxonomy ``name`` parsed from ``source`` by ``parse``: from its cached loaded form in ``cache_dir`` when
    a valid file of this source and code is there, else parsed and written there (``cache_dir`` None: parsed,
    nothing written). Made with the collector paused (:func:`paused_gc`)."""
    from krapte.taxonomy.model import Taxonomy

    with paused_gc():
        if cache_dir is None:
            return parse(source)
        path = taxonomy_cache_path(name, source, cache_dir)
        header = TAXONOMY_FORMAT + path.name.encode() + b"\n"
        loaded = _read(path, header)
        if isinstance(loaded, Taxonomy):
            return loaded
        taxonomy = parse(source)
        _write(path, header, taxonomy, name)
        return taxonomy


UNREADABLE_NPZ: tuple[type[Exception], ...] = (
    OSError,
    KeyError,
    ValueError,
    IndexError,
    zipfile.BadZipFile,
    struct.error,
)
"""What reading a missing, truncated, altered or foreign file with :func:`mapped_npz` (and indexing its arrays)
raises: a cache loader that catches these rebuilds the file."""


def mapped_npz(path: Path) -> dict[str, npt.NDArray[Any]]:
    """The arrays of an uncompressed ``.npz`` (as :func:`numpy.savez` writes it), as read-only views of the file
    mapped into memory (an array whose data is not aligned for its type in the file is copied, still read-only).
    Raises ``ValueError`` for a compressed member, an object array or a file too short for what its headers say."""
    import numpy as np  # not at module level: loading the taxonomy needs no numpy

    with open(path, "rb") as fh, zipfile.ZipFile(fh) as archive:
        members = archive.infolist()
        if any(m.compress_type != zipfile.ZIP_STORED for m in members):
            raise ValueError("compressed member")
        buffer = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    arrays: dict[str, npt.NDArray[Any]] = {}
    for member in members:
        start = member.header_offset
        if buffer[start : start + 4] != b"PK\x03\x04":
            raise ValueError("not a zip member header")
        name_len, extra_len = struct.unpack("<HH", buffer[start + 26 : start + 30])
        offset = start + 30 + name_len + extra_len
        header = _NpyHeader(buffer, offset)
        version = np.lib.format.read_magic(header)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(header)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(header)
        if dtype.hasobject or fortran:
            raise ValueError("object or Fortran-ordered array")
        count = int(np.prod(shape, dtype=np.int64))
        if header.pos + count * dtype.itemsize > offset + member.file_size:
            raise ValueError("array larger than its member")
        array = np.frombuffer(buffer, dtype=dtype, count=count, offset=header.pos).reshape(shape)
        if not array.flags.aligned:  # a member's data starts anywhere in the zip: numpy's and BLAS's fast loops
            array = array.copy()  # need aligned items (an unaligned matrix product ran 20 % slower), so copy it
            array.flags.writeable = False
        arrays[member.filename.removesuffix(".npy")] = array
    return arrays


class _NpyHeader:
    """A minimal read-only file over a buffer, for numpy's ``.npy`` header readers."""

    def __init__(self, buffer: mmap.mmap, pos: int) -> None:
        self.buffer, self.pos = buffer, pos

    def read(self, size: int = -1) -> bytes:
        end = len(self.buffer) if size < 0 else min(len(self.buffer), self.pos + size)
        data = self.buffer[self.pos : end]
        self.pos = end
        return data
