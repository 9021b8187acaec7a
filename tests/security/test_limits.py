"""Limits: configured by KRAPTE_* variables, held before work starts, and every refusal names the limit."""

from __future__ import annotations

import io
import shutil
import socket
import zipfile
from pathlib import Path

import pytest

from krapte.errors import ConfigError, DataImportError, InputError
from krapte.limits import MB, LimitExceeded, Limits, current_limits, reset_limits, use_limits
from krapte.security.safe_json import json_depth, loads, nests_deeper_than
from krapte.security.safe_zip import open_zip
from krapte.settings import Settings
from krapte.web.devserver import free_port
from tests.conftest import FIXTURES
from tests.security import hostile


def test_limits_come_from_the_environment_in_their_units() -> None:
    limits = Limits.from_env(
        {"KRAPTE_MAX_BODY_MB": "2", "KRAPTE_MAX_JSON_DEPTH": "10", "KRAPTE_MAX_SOLVER_SECONDS": "2.5"}
    )
    assert limits.max_body_bytes == 2 * MB and limits.max_json_depth == 10 and limits.max_solver_seconds == 2.5
    assert limits.max_zip_members == Limits().max_zip_members
    settings = Settings.from_env({"KRAPTE_DATA_DIR": "/nonexistent", "KRAPTE_MAX_ROWS": "7"})
    assert settings.limits.max_rows == 7
    with pytest.raises(ConfigError, match="KRAPTE_MAX_ROWS"):
        Limits.from_env({"KRAPTE_MAX_ROWS": "many"})
    with pytest.raises(ConfigError, match="positive"):
        Limits.from_env({"KRAPTE_MAX_BOOTSTRAP_DRAWS": "0"})


def test_a_refusal_names_the_limit_its_value_and_the_setting() -> None:
    with pytest.raises(LimitExceeded) as caught:
        Limits(max_bootstrap_draws=100).check("max_bootstrap_draws", 5000, what="the bootstrap draws")
    body = caught.value.to_dict()["error"]
    assert body["code"] == "limit_exceeded" and caught.value.http_status == 413
    assert body["details"] == {
        "limit": "max_bootstrap_draws",
        "value": 100,
        "setting": "KRAPTE_MAX_BOOTSTRAP_DRAWS",
        "actual": 5000,
    }
    assert "max_bootstrap_draws = 100 draws" in body["message"] and "KRAPTE_MAX_BOOTSTRAP_DRAWS" in body["hint"]
    Limits().check("max_solver_seconds", 600)  # at the limit is allowed


def test_limits_in_force_follow_the_request_context() -> None:
    token = use_limits(Limits(max_json_depth=3))
    try:
        assert current_limits().max_json_depth == 3
        with pytest.raises(LimitExceeded, match="max_json_depth = 3"):
            loads('{"a": [[[1]]]}')
    finally:
        reset_limits(token)
    assert loads('{"a": [[[1]]]}') == {"a": [[[1]]]}


def test_json_depth_skips_brackets_inside_strings() -> None:
    assert json_depth('{"a": "[[[[{{{{", "b": [1, {"c": "\\"]]]"}]}') == 3
    assert json_depth(b"[" * 10_000 + b"]" * 10_000) == 10_000
    assert json_depth("[[], [[]], {}]") == 3 and json_depth('"[[["') == 0
    assert nests_deeper_than("[" * 65 + "]" * 65, 64) and not nests_deeper_than("[" * 64 + "]" * 64, 64)
    assert json_depth("42") == 0
    with pytest.raises(InputError, match="invalid JSON"):
        loads("[1, 2", name="x.json")


def test_zip_limits_refuse_before_anything_is_inflated() -> None:
    with pytest.raises(LimitExceeded, match="max_zip_ratio") as ratio:
        open_zip(hostile.docx_ratio_bomb(), name="cv.docx")
    assert ratio.value.details["actual"] > 500
    with pytest.raises(LimitExceeded, match="max_zip_members"):
        open_zip(hostile.docx_many_members(), name="cv.docx")
    with pytest.raises(LimitExceeded, match="max_unzipped_bytes"):
        open_zip(hostile.docx_large_unzipped(), limits=Limits(max_unzipped_bytes=MB))
    with pytest.raises(InputError, match="damaged ZIP"):
        open_zip(hostile.docx_truncated())
    with open_zip(hostile.docx_large_unzipped()) as archive:  # within the default limits: opened as usual
        assert "word/document.xml" in archive.namelist()


def test_declared_sizes_bound_what_zipfile_inflates() -> None:
    """A member that lies about its size is cut off by zipfile's own check: declared sizes are a real bound."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.xml", bytes(4 * MB))
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("a.xml")
    # Patch the declared size (central directory and local header) down to 1 KB.
    small = (1024).to_bytes(4, "little")
    real = info.file_size.to_bytes(4, "little")
    patched = bytes(data).replace(real, small)
    with zipfile.ZipFile(io.BytesIO(patched)) as z, pytest.raises(zipfile.BadZipFile):
        z.read("a.xml")


def test_esco_zip_bomb_is_refused(tmp_path: Path) -> None:
    from krapte.taxonomy.esco_csv import read_esco

    bomb = tmp_path / "ESCO dataset - v1.2.0 - classification - nl - csv.zip"
    bomb.write_bytes(hostile.zip_ratio_bomb("occupations_nl.csv"))
    with pytest.raises(LimitExceeded, match="max_zip_ratio"):
        read_esco([bomb])


def test_esco_release_without_skills_is_refused_unless_forced(tmp_path: Path) -> None:
    from krapte.taxonomy.esco_csv import read_esco

    tiny = FIXTURES / "esco" / "tiny-v1.2.0"
    for name in ("occupations_en.csv", "occupations_nl.csv", "ISCOGroups_en.csv"):
        if (tiny / name).exists():
            shutil.copy(tiny / name, tmp_path / name)
    with pytest.raises(DataImportError, match="no skills") as refused:
        read_esco([tmp_path])
    assert "force" in (refused.value.hint or "")
    tax, report = read_esco([tmp_path], force=True)
    assert len(tax.occupations) > 0 and len(tax.skills) == 0
    assert any("without skills" in str(p) for p in report.problems)


def test_project_files_are_capped_at_max_projects() -> None:
    from krapte.labour.projects import parse_projects

    rows = "".join(f"p{i},Park {i},utility_solar,10,MW,GM0114,2027Q1,2027Q4\n" for i in range(6))
    content = ("id,name,technology,size,unit,gemeente,start_quarter,end_quarter\n" + rows).encode()
    token = use_limits(Limits(max_projects=5))
    try:
        with pytest.raises(LimitExceeded, match="max_projects = 5"):
            parse_projects(content, "projects.csv")
    finally:
        reset_limits(token)
    assert len(parse_projects(content, "projects.csv")) == 6


def test_indicator_csv_rows_are_capped_at_max_rows() -> None:
    from krapte.monitor.importers.common import read_csv

    path = FIXTURES / "duo" / "ingeschrevenen-mbo-demo.csv"
    token = use_limits(Limits(max_rows=1))
    try:
        with pytest.raises(LimitExceeded, match="max_rows = 1"):
            read_csv(path)
    finally:
        reset_limits(token)
    assert len(read_csv(path)[1]) > 1


def _raw_request(url: str, head: str, preamble: bytes, chunks: int, chunk_size: int) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(head.encode())
        try:
            sock.sendall(f"{len(preamble):x}\r\n".encode() + preamble + b"\r\n")
            for _ in range(chunks):
                sock.sendall(f"{chunk_size:x}\r\n".encode() + b"x" * chunk_size + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while the body was still coming
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and b"}}" in answer:
                break
        return answer


@pytest.fixture
def small_body_server(settings: Settings):  # type: ignore[no-untyped-def]
    import threading
    import time
    from dataclasses import replace

    import uvicorn

    from krapte.api.app import create_app

    app = create_app(replace(settings, limits=replace(settings.limits, max_body_bytes=MB)))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.store.dispose()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/api/v1/extract", "multipart/form-data; boundary=B"), ("/api/v1/measures", "application/json")],
)
def test_a_live_server_cuts_off_a_chunked_body_without_length(
    small_body_server: str, path: str, content_type: str
) -> None:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    preamble = b'--B\r\nContent-Disposition: form-data; name="file"; filename="cv.txt"\r\n\r\n'
    answer = _raw_request(
        small_body_server, head, preamble if "multipart" in content_type else b"[", chunks=64, chunk_size=64 * 1024
    )
    status_line = answer.split(b"\r\n", 1)[0]
    assert b" 413 " in status_line, answer[:300]
    assert b'"limit":"max_body_bytes"' in answer and b"KRAPTE_MAX_BODY_MB" in answer
