"""The HTTP API end to end: a real `dyad serve` on loopback over the demo
store, every route, bad parameters, the ingest token, one error shape, and
OpenAPI-driven fuzzing (schemathesis) with no server error."""

import json

import httpx
import pytest

from conftest import FIXTURES, Server

pytestmark = pytest.mark.model

GET_ROUTES = ["/events", "/timeline", "/locations", "/actors", "/dyads", "/quotes"]


@pytest.fixture(scope="module")
def client(demo_server):  # type: ignore[no-untyped-def]
    with httpx.Client(base_url=demo_server.url, timeout=60) as session:
        yield session


def assert_error(response: httpx.Response, status: int, words: str = "") -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status and words in body["error"]["message"]
    assert "Traceback" not in response.text


def test_api_every_read_route_answers(client):
    for route in GET_ROUTES:
        response = client.get(route)
        assert response.status_code == 200, (route, response.text)
    page = client.get("/events", params={"limit": 5, "offset": 5}).json()
    assert page["total"] > 100 and len(page["events"]) == 5 and page["offset"] == 5
    event = page["events"][0]
    detail = client.get(f"/events/{event['event_id']}").json()
    assert detail["event_id"] == event["event_id"] and detail["mention_list"]
    assert detail["article"]["doc_id"] == event["doc_id"]
    timeline = client.get("/timeline", params={"a": "TUR", "b": "ISR", "by": "week"}).json()
    assert timeline["periods"] and all(p["events"] >= 1 for p in timeline["periods"])
    assert client.get("/dyads", params={"codes": True, "limit": 3}).json()["dyads"]
    assert client.get("/openapi.json").json()["paths"].keys() >= {*GET_ROUTES, "/code", "/ingest"}


def test_api_filters_narrow_the_events(client):
    everything = client.get("/events", params={"limit": 1}).json()["total"]
    narrower = [
        {"actor": "IND"}, {"root": "14"}, {"quad": 4}, {"plover": "protest"}, {"location": "KEN"},
        {"bbox": "68,6,98,36"}, {"text": "police"}, {"dyad": "IND,PAK"},
        {"since": "2024-06-01", "until": "2024-09-30"},
    ]  # fmt: skip
    for params in narrower:
        some = client.get("/events", params={**params, "limit": 1000}).json()
        assert 0 < some["total"] < everything, params
        assert len(some["events"]) == some["total"]


@pytest.mark.parametrize(
    ("route", "params", "words"),
    [
        ("/events", {"since": "2024-13-45"}, "since"),
        ("/events", {"since": "2024-05-01", "until": "2024-01-01"}, "after"),
        ("/events", {"root": "99"}, "CAMEO root"),
        ("/events", {"code": "12a"}, "CAMEO code"),
        ("/events", {"plover": "FIGHT"}, "plover"),
        ("/events", {"quad": 7}, "quad"),
        ("/events", {"limit": 100000}, "limit"),
        ("/events", {"limit": 0}, "limit"),
        ("/events", {"offset": -1}, "offset"),
        ("/events", {"bbox": "1,2,3"}, "bbox"),
        ("/events", {"dyad": "ISR"}, "dyad"),
        ("/events", {"actor": "TUR' OR '1'='1"}, "actor"),
        ("/events", {"text": "x" * 500}, "text"),
        ("/timeline", {"a": "TUR", "by": "decade"}, "by"),
        ("/timeline", {"b": "ISR"}, "b needs a"),
        ("/timeline", {"a": "TUR; DROP TABLE events"}, "actor"),
        ("/quotes", {"speaker": "1=1"}, "actor"),
        ("/actors", {"limit": 5000}, "limit"),
    ],
)
def test_api_bad_parameters_get_a_clear_422(client, route, params, words):
    assert_error(client.get(route, params=params), 422, words)


def test_api_injection_attempts_are_only_strings(client):
    before = client.get("/events", params={"limit": 1}).json()["total"]
    response = client.get("/events", params={"text": "'); DROP TABLE events; --"})
    assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/events/' OR 1=1 --").status_code == 404
    assert client.get("/events", params={"limit": 1}).json()["total"] == before


def test_api_errors_have_one_shape_on_every_route(client):
    assert_error(client.get("/no/such/route"), 404)
    assert_error(client.get("/events/0000000000000000"), 404, "no event")
    assert_error(client.delete("/events"), 405)
    assert_error(client.post("/code", json={"text": ""}), 422, "text")
    bad_json = {"content": b"{not json", "headers": {"content-type": "application/json"}}
    assert_error(client.post("/code", **bad_json), 422)  # type: ignore[arg-type]
    assert_error(client.post("/code", content=b"x" * 3_000_000), 413, "request body")
    assert_error(client.post("/ingest", json={"documents": [{"text": "x"}]}), 403, "ingest is off")
    for route in GET_ROUTES:
        assert_error(client.get(route, params={"since": "not-a-date"}), 422, "since")


def test_api_code_codes_without_storing(client):
    before = client.get("/events", params={"limit": 1}).json()["total"]
    body = {"text": "Police in Lagos arrested 12 protesters on Monday.", "date": "2024-01-22"}
    (event,) = client.post("/code", json=body).json()["events"]
    assert (event["source"]["code"], event["cameo"], event["date"]) == (
        "NGACOP",
        "173",
        "2024-01-22",
    )
    assert client.get("/events", params={"limit": 1}).json()["total"] == before


def test_api_ingest_needs_the_token(tmp_path):
    server = Server(tmp_path / "write.duckdb", token="s3cret-token")
    documents = [
        json.loads(line) for line in (FIXTURES / "articles.jsonl").read_text().splitlines()
    ]
    body = {"documents": [{k: d[k] for k in ("id", "text", "date") if k in d} for d in documents]}
    try:
        with httpx.Client(base_url=server.url, timeout=120) as session:
            assert_error(session.post("/ingest", json=body), 401, "token")
            wrong = {"Authorization": "Bearer s3cret-tokeN"}
            assert_error(session.post("/ingest", json=body, headers=wrong), 401, "token")
            right = {"Authorization": "Bearer s3cret-token"}
            stored = session.post("/ingest", json=body, headers=right).json()
            assert stored["stored_articles"] == len(documents) and stored["new_events"] > 0
            again = session.post("/ingest", json=body, headers=right).json()
            assert again["new_events"] == 0  # the same documents change nothing
            total = session.get("/events", params={"limit": 1}).json()["total"]
            assert total == stored["new_events"] or total > 0
    finally:
        server.stop()


def test_api_openapi_fuzzing_finds_no_server_error(demo_server):
    """schemathesis generates requests from the OpenAPI spec (valid and not)."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_url(f"{demo_server.url}/openapi.json")
    failures: list[str] = []
    calls: list[int] = []
    for operation in schema.get_all_operations():
        operation = operation.ok()
        if operation.path == "/ingest":
            continue  # needs a writable store; covered above

        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(case=operation.as_strategy())
        def check(case):  # type: ignore[no-untyped-def]
            response = case.call(timeout=60)
            calls.append(response.status_code)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} {case.query}: {response.text}"
                )
            case.validate_response(response, checks=[not_a_server_error])

        check()
    assert failures == []
    assert len(calls) > 100 and {200, 422} <= set(calls)  # valid and invalid requests ran
