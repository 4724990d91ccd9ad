"""Server-rendered pages: they render, escape article text, and load nothing from elsewhere."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.model

PAGES = ["/", "/events", "/events?coup=true&flag=any", "/map", "/map?type=ASSAULT", "/coups"]
EXTERNAL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize("path", [*PAGES, "/analyze", "/docs"])
def test_pages_render_from_local_assets_only(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert not EXTERNAL.search(response.text)
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_static_assets_are_served(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_article_page_highlights_evidence_places_and_dates(client, article_ids):
    html = client.get(f"/articles/{article_ids['coup']}").text
    assert 'class="m evidence' in html
    assert re.search(r'class="m [^"]*place[^"]*"', html)
    assert re.search(r'class="m [^"]*date[^"]*"', html)
    assert "coup: attempted" in html


def test_article_page_escapes_markup_from_the_article(client, article_ids):
    html = client.get(f"/articles/{article_ids['hostile']}").text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in html


def test_article_page_lists_flags(client, article_ids):
    html = client.get(f"/articles/{article_ids['flagged']}").text
    assert "anonymous_source" in html


def test_events_page_filters_and_pages(client):
    html = client.get("/events", params={"country": "CHL", "limit": 1}).text
    assert html.count('<td class="country">CHL</td>') == 1
    assert 'rel="next"' in html
    assert "/api/events?country=CHL&amp;format=csv" in html


def test_missing_article_page_is_an_error_page(client):
    response = client.get("/articles/nothing-here", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "not found" in response.text


def test_bad_date_filter_is_a_400_page(client):
    response = client.get("/events?since=yesterday", headers={"Accept": "text/html"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.text


def test_pasted_text_that_is_empty_shows_the_form_again(client):
    response = client.post("/analyze", data={"text": "   ", "title": "Nothing"})
    assert response.status_code == 422
    assert "empty" in response.text
    assert 'value="Nothing"' in response.text
