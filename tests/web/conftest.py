"""Web test fixtures: a temporary store filled by the real pipeline from articles written here."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from newsevents.pipeline import Pipeline
from newsevents.stages.ingest import document_from_text
from newsevents.store import Store
from newsevents.web import create_app

ARTICLES = {
    "coup": (
        "Soldiers try to seize power in Guinea-Bissau",
        "Soldiers attacked the presidential palace in Bissau on Tuesday in an attempt to overthrow "
        "the government of Guinea-Bissau, the army chief of staff said on Wednesday.\n\n"
        "Troops loyal to the president arrested six officers after hours of gunfire, he said.",
        dt.date(2024, 2, 7),
    ),
    "protest": (
        "Students march in Santiago",
        "Thousands of students protested in Santiago on Monday against higher university fees, "
        "and police fired tear gas at marchers near the Chilean parliament.",
        dt.date(2023, 9, 12),
    ),
    "flagged": (
        "Villagers killed in northern Burkina Faso",
        "Gunmen killed twelve villagers in northern Burkina Faso on Sunday, according to sources "
        "who asked not to be named. Three people were arrested, a security source said.",
        dt.date(2024, 3, 4),
    ),
    "hostile": (
        "Minister visits Nairobi <script>alert('title')</script>",
        "Kenya's foreign minister met officials from Uganda in Nairobi on Friday to discuss trade. "
        "<script>alert('body')</script> <img src=x onerror=alert('img')> The two governments "
        "signed an agreement on border crossings.",
        dt.date(2024, 5, 3),
    ),
}


@pytest.fixture(scope="session")
def filled_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Store:
    """A SQLite store holding the articles above, analysed by the full pipeline."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'store.db'}"
    store = Store.open(url)
    for name, (title, text, published) in ARTICLES.items():
        doc = document_from_text(text, name, title=title, published=published)
        store.save(pipeline(doc), stages=pipeline.stage_names)
    return store


@pytest.fixture(scope="session")
def article_ids(filled_store: Store) -> dict[str, str]:
    """Article id by the names above."""
    ids = {}
    for article_id in filled_store.article_ids():
        title = filled_store.get(article_id)["article"]["title"]
        ids[next(n for n, (t, _, _) in ARTICLES.items() if t == title)] = article_id
    return ids


@pytest.fixture(scope="session")
def client(filled_store: Store, pipeline: Pipeline, settings) -> TestClient:
    return TestClient(create_app(filled_store, settings=settings, pipeline=pipeline))
