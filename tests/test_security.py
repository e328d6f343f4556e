"""The server's promises in SECURITY.md that are not covered elsewhere:
CORS closed, loopback by default, coding timeouts, the token file's mode,
token checks whatever the length, no stack traces."""

import os
import stat

import pytest
from fastapi.testclient import TestClient

from dyad.serve.app import ServeSettings, create_app
from dyad.serve.handoff import announcement_path

from conftest import run_dyad


@pytest.fixture
def app_client(tmp_path):  # type: ignore[no-untyped-def]
    settings = ServeSettings(db=str(tmp_path / "s.duckdb"), ingest_token="right-token")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client, settings


def test_security_cors_is_closed(app_client):
    client, _ = app_client
    origin = {"Origin": "https://elsewhere.example"}
    response = client.get("/events", headers=origin)
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/events", headers={**origin, "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_security_serve_binds_to_loopback_by_default():
    from dyad.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"


def test_security_announcement_is_private_and_removed(app_client):
    _, settings = app_client
    path = announcement_path(settings.db)
    assert path.exists() and stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.model
def test_security_coding_requests_time_out(tmp_path):
    settings = ServeSettings(db=str(tmp_path / "t.duckdb"), code_timeout_s=0.001)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        response = client.post("/code", json={"text": "Police arrested 12 protesters. " * 200})
    assert response.status_code == 504
    assert response.json() == {"error": {"status": 504, "message": "coding took over 0.001 s"}}


@pytest.mark.parametrize(
    "token", ["", "r", "right-toke", "right-tokenX", "RIGHT-TOKEN", "x" * 5000]
)
def test_security_wrong_tokens_are_refused(app_client, token):
    client, _ = app_client
    response = client.post(
        "/ingest", json={"documents": []}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"status", "message"}


def test_security_no_stack_traces_in_responses(app_client):
    client, _ = app_client
    for response in (
        client.get("/events", params={"since": "x"}),
        client.post(
            "/code", content=b"\xff\xfe not json", headers={"content-type": "application/json"}
        ),
        client.get("/events/" + "a" * 100),
    ):
        assert response.status_code < 500 or response.status_code == 500
        assert "Traceback" not in response.text and 'File "' not in response.text


def test_security_ingest_off_without_a_token(tmp_path):
    settings = ServeSettings(db=str(tmp_path / "u.duckdb"))
    with TestClient(create_app(settings)) as client:
        response = client.post("/ingest", json={"documents": []})
    assert response.status_code == 403


def test_security_serve_help_names_the_defaults():
    result = run_dyad("serve", "--help")
    assert "127.0.0.1" in result.stdout and "ingest token" in result.stdout
