"""The JSON API over a temporary store: events, articles, analysis, batches, errors, tokens."""

from __future__ import annotations

import csv
import io
import time

import pytest
from fastapi.testclient import TestClient

from newsevents.web import create_app

pytestmark = pytest.mark.model


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_events_carry_their_article_and_a_total(client, filled_store):
    body = client.get("/api/events").json()
    assert body["total"] == filled_store.count_events() == len(body["events"])
    assert body["next"] is None
    assert all(e["article_id"] in filled_store.article_ids() for e in body["events"])


def test_events_page_links_to_the_next_page(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    assert len(first["events"]) == 2
    second = client.get(first["next"]).json()
    assert second["total"] == first["total"]
    seen = {(e["article_id"], e["id"]) for e in first["events"]}
    assert not seen & {(e["article_id"], e["id"]) for e in second["events"]}


def test_events_filter_like_the_cli(client):
    chile = client.get("/api/events", params={"country": "chl"}).json()
    assert chile["total"] >= 1
    assert {e["place"]["country"] for e in chile["events"]} == {"CHL"}
    coups = client.get("/api/events", params={"coup": "true"}).json()["events"]
    assert coups and all(e["coup"] for e in coups)
    protests = client.get("/api/events", params={"type": "protest"}).json()["events"]
    assert protests and {e["type"] for e in protests} == {"PROTEST"}
    later = client.get("/api/events", params={"since": "2024-01-01"}).json()["events"]
    assert later and all(e["date"]["end"] >= "2024-01-01" for e in later)


def test_events_filter_by_flag_kind(client, article_ids):
    flagged = client.get("/api/events", params={"flag": "anonymous_source"}).json()["events"]
    assert {e["article_id"] for e in flagged} == {article_ids["flagged"]}
    assert client.get("/api/events", params={"flag": "any"}).json()["total"] == len(flagged)


def test_events_export_as_csv(client):
    response = client.get("/api/events", params={"format": "csv", "country": "GNB"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["country"] for r in rows} == {"GNB"}
    assert all(r["article_id"] and r["evidence"] for r in rows)


@pytest.mark.parametrize(
    ("params", "field"),
    [({"type": "RIOT"}, "type"), ({"since": "12/01/2024"}, "since"), ({"format": "xml"}, "format")],
)
def test_bad_filters_are_typed_errors(client, params, field):
    error = assert_error(client.get("/api/events", params=params), 400, "invalid_parameter")
    assert field in error["message"]


def test_out_of_range_paging_is_an_invalid_request(client):
    error = assert_error(client.get("/api/events?limit=0"), 422, "invalid_request")
    assert error["details"][0]["field"] == "query.limit"


def test_article_is_the_contract_object(client, article_ids):
    body = client.get(f"/api/articles/{article_ids['coup']}").json()
    assert body["schema"] == "newsevents/article/v1"
    assert body["article"]["id"] == article_ids["coup"]
    assert any(e["coup"] for e in body["events"])


def test_unknown_article_and_route_are_not_found(client):
    assert_error(client.get("/api/articles/0000"), 404, "not_found")
    assert_error(client.get("/api/nowhere"), 404, "not_found")


def test_analyze_returns_the_contract_without_storing(client, filled_store):
    before = filled_store.count_articles()
    text = (
        "Police arrested two opposition leaders in Caracas on Thursday, the interior ministry said."
    )
    body = client.post("/api/analyze", json={"text": text, "published": "2024-06-07"}).json()
    assert body["article"]["text"] == text
    assert body["article"]["published"] == {"date": "2024-06-07", "basis": "given"}
    assert body["events"]
    assert filled_store.count_articles() == before


def test_analyze_reads_html(client):
    html = (
        "<html><body><article><p>Farmers blocked roads near Lyon on Monday in protest against "
        "new taxes on diesel fuel, and the regional prefect called for talks.</p></article>"
        "</body></html>"
    )
    body = client.post("/api/analyze", json={"html": html}).json()
    assert "Farmers blocked roads" in body["article"]["text"]
    assert "<p>" not in body["article"]["text"]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({}, 422, "invalid_request"),
        ({"text": "a", "html": "<p>a</p>"}, 422, "invalid_request"),
        ({"text": "   "}, 422, "bad_input"),
        ({"text": "Troops left.", "published": "June 2024"}, 422, "bad_input"),
    ],
)
def test_analyze_refuses_bad_input_with_a_typed_error(client, payload, status, code):
    assert_error(client.post("/api/analyze", json=payload), status, code)


def test_store_article_then_find_its_events(filled_store, pipeline, settings):
    client = TestClient(create_app(filled_store, settings=settings, pipeline=pipeline))
    text = "Protesters marched through Dhaka on Sunday demanding the release of detained students."
    response = client.post("/api/articles", json={"text": text, "title": "March in Dhaka"})
    assert response.status_code == 201
    article_id = response.json()["article"]["article"]["id"]
    assert response.headers["location"] == f"/api/articles/{article_id}"
    events = client.get("/api/events", params={"article": article_id}).json()["events"]
    assert events and {e["article_id"] for e in events} == {article_id}
    again = client.post("/api/articles", json={"text": text, "title": "March in Dhaka"})
    assert again.status_code == 200 and again.json()["result"] == "unchanged"
    filled_store.delete(article_id)


def test_batches_run_in_the_background(filled_store, pipeline, settings):
    client = TestClient(create_app(filled_store, settings=settings, pipeline=pipeline))
    lines = [
        '{"id": "one", "text": "Rebels attacked an army base near Gao on Monday, officials said."}',
        '{"id": "two"}',
    ]
    job = client.post("/api/batches", json={"jsonl": "\n".join(lines)}).json()
    assert job["total"] == 2
    for _ in range(100):
        job = client.get(job["href"]).json()
        if job["state"] == "done":
            break
        time.sleep(0.1)
    assert job["state"] == "done"
    assert (job["done"], job["stored"], len(job["failures"])) == (2, 1, 1)
    assert "text" in job["failures"][0]
    filled_store.delete(job["articles"][0]["id"])


def test_writing_needs_the_token_when_the_server_has_one(filled_store, pipeline, settings):
    app = create_app(filled_store, settings=settings, pipeline=pipeline, token="s3cret")
    client = TestClient(app)
    payload = {"jsonl": '{"id": "x", "text": "Soldiers left the capital."}'}
    assert_error(client.post("/api/batches", json=payload), 401, "unauthorized")
    wrong = {"Authorization": "Bearer nope"}
    assert_error(client.post("/api/batches", json=payload, headers=wrong), 401, "unauthorized")
    form = client.post("/analyze", data={"text": "Soldiers left the capital."})
    assert form.status_code == 401
    right = {"Authorization": "Bearer s3cret"}
    assert client.post("/api/batches", json={"jsonl": "\n"}, headers=right).status_code == 422
    assert client.get("/api/events").status_code == 200  # reading needs no token


def test_writes_from_another_site_are_refused(client):
    response = client.post(
        "/analyze", data={"text": "Troops left."}, headers={"Origin": "http://evil.example"}
    )
    assert response.status_code == 403


def test_openapi_describes_the_api(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/articles/{article_id}", "/api/analyze"} <= set(schema["paths"])
    assert "/events" not in schema["paths"]  # pages are not API
