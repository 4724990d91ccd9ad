"""The integrity stage's fast overlap test agrees with the plain pairwise one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsevents.stages.integrity.common import spans_overlap
from newsevents.stages.integrity.geography import Place, _outside

spans = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda s: (s[0], s[0] + s[1]))


@given(st.lists(spans, max_size=8), spans)
def test_outside_matches_pairwise_overlap(places, query):
    local = [Place("x", start, end, "KEN", "city") for start, end in places]
    expected = not any(spans_overlap(query, (p.start, p.end)) for p in local)
    assert _outside(local)(*query) is expected
