from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The real pipeline with the real spaCy model, loaded once for the session."""
    from dyad.api import get_pipeline
    from dyad.config import Options

    return get_pipeline(Options())


def run_dyad(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "dyad", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`dyad serve` in a subprocess on loopback, stopped when done."""

    def __init__(self, db: Path, token: str | None = None) -> None:
        import time
        import urllib.request

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "dyad", "serve", "--db", str(db), "--port", str(self.port)]
        if token:
            args += ["--ingest-token", token]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/openapi.json", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"dyad serve did not start: {self.process.stdout.read()!r}")  # type: ignore[union-attr]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A store of the demo corpus, ingested once for the session."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    result = run_dyad("ingest", str(Path(__file__).parents[1] / "corpus" / "demo"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def demo_server(demo_db):  # type: ignore[no-untyped-def]
    server = Server(demo_db)
    yield server
    server.stop()
