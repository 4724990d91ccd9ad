"""The web app's pure parts: highlight runs, chart geometry, the serve command's guard."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from newsevents.cli import main
from newsevents.cli.serve import is_loopback
from newsevents.web.charts import coup_timeline, map_points, timeline, world_shapes
from newsevents.web.highlight import Mark, contract_marks, runs


def test_runs_split_text_at_every_mark_boundary():
    text = "Troops entered Juba on Monday."
    marks = [Mark(0, 30, "evidence", "ev1"), Mark(15, 19, "place", "p1")]
    out = runs(text, marks)
    assert [r.text for r in out] == ["Troops entered ", "Juba", " on Monday."]
    assert out[1].kinds == ("evidence", "place")
    assert out[1].refs == ("ev1", "p1")


def test_runs_skip_marks_outside_the_text():
    out = runs("Short.", [Mark(3, 99, "date", "d1"), Mark(50, 60, "place", "p1")])
    assert [(r.text, r.kinds) for r in out] == [("Sho", ()), ("rt.", ("date",))]


@given(
    st.text(max_size=60),
    st.lists(
        st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(["place", "date"])),
        max_size=8,
    ),
)
def test_runs_always_rebuild_the_text(text, spans):
    marks = [Mark(a, b, kind, f"{kind}{i}") for i, (a, b, kind) in enumerate(spans)]
    out = runs(text, marks)
    assert "".join(r.text for r in out) == text
    for r in out:
        assert r.text


def test_contract_marks_cover_every_layer():
    contract = {
        "events": [{"id": "ev1", "evidence": {"text": "x", "start": 0, "end": 10}}],
        "mentions": {
            "places": [{"id": "p1", "start": 1, "end": 2}],
            "dates": [{"id": "d1", "start": 3, "end": 4}],
            "attributions": [
                {
                    "id": "a1",
                    "source": {"start": 5, "end": 6},
                    "cue": {"start": 6, "end": 7},
                    "content": None,
                }
            ],
        },
    }
    kinds = {m.kind for m in contract_marks(contract)}
    assert kinds == {"evidence", "place", "date", "source", "cue"}


def test_timeline_bins_by_month_and_stacks_types():
    chart = timeline([(dt.date(2024, 1, 5), "PROTEST", 2), (dt.date(2024, 3, 1), "ASSAULT", 1)])
    assert [b.label for b in chart.bars] == ["2024-01", "2024-02", "2024-03"]
    assert chart.bars[0].total == 2 and chart.bars[1].total == 0
    assert chart.bars[0].segments[0].height == chart.height


def test_timeline_bins_by_year_over_long_spans():
    chart = timeline([(dt.date(2015, 6, 1), "AID", 1), (dt.date(2024, 6, 1), "AID", 1)])
    assert chart.bars[0].label == "2015" and len(chart.bars) == 10


def test_coup_timeline_has_a_row_per_country():
    events = [
        {"country": "NER", "date_start": dt.date(2023, 7, 26), "coup_outcome": "successful"},
        {"country": "GAB", "date_start": dt.date(2023, 8, 30), "coup_outcome": "successful"},
        {"country": "NER", "date_start": None, "coup_outcome": "plot"},
    ]
    chart = coup_timeline(events)
    assert [row.country for row in chart.rows] == ["NER", "GAB"]
    assert len(chart.undated) == 1


def test_map_points_fall_back_to_the_country_centre_and_cluster_when_many():
    one = map_points([{"article_id": "a", "id": "ev1", "type": "AID", "country": "PER"}])
    assert len(one) == 1 and one[0].count == 1 and one[0].y > 0  # south of the equator
    many = [
        {"article_id": "a", "id": f"ev{i}", "type": "ASSAULT", "lat": 15.0 + i / 100, "lon": 30.0}
        for i in range(80)
    ]
    clustered = map_points(many)
    assert len(clustered) < 5
    assert sum(p.count for p in clustered) == 80


def test_world_geometry_is_bundled_and_small():
    shapes = world_shapes()
    assert len(shapes) > 150
    assert {"MLI", "BRA", "IDN"} <= set(shapes)
    assert sum(len(d) for d in shapes.values()) < 2_000_000


def test_loopback_hosts():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_serve_beyond_localhost_needs_a_token(monkeypatch):
    monkeypatch.delenv("NEWSEVENTS_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "token" in result.output
