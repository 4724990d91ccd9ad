"""The integrity stage: each check on hand-built documents, then the pipeline on test articles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.document import (
    Actor,
    Argument,
    Attribution,
    Coup,
    DateMention,
    Document,
    Entity,
    Event,
    EventDate,
    EventPlace,
    PlaceMention,
    Published,
    Removed,
    Repair,
    Span,
)
from newsevents.pipeline import check_order
from newsevents.stages.integrity import IntegrityStage
from newsevents.stages.integrity.counts import list_items, stated_counts

DATA = Path(__file__).parent.parent / "data" / "integrity"
# Kinds that a clean article must never get: they claim the text is wrong.
ERROR_KINDS = {"contradiction", "count_mismatch", "location_outlier"}


@pytest.fixture
def make(blank_nlp):
    """A document over ``text`` with sentences, plus any layers given as keywords."""

    def build(text: str, **layers) -> Document:
        doc = Document(source="test", raw=layers.pop("raw", text), text=text, nlp=blank_nlp(text))
        for name, value in layers.items():
            setattr(doc, name, value)
        return IntegrityStage()(doc)

    return build


def kinds(doc: Document) -> list[str]:
    return [f.kind for f in doc.flags]


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(part, start, start + len(part))


def place(text: str, part: str, country: str, feature: str, lat=None, lon=None) -> PlaceMention:
    at = span(text, part)
    return PlaceMention(
        f"p{at.start}", part, at.start, at.end, part, country, None, lat, lon, None, feature, 0.9
    )


def entity(text: str, part: str, label: str, country: str | None = None) -> Entity:
    at = span(text, part)
    actor = Actor(part, country) if country else None
    return Entity(f"e{at.start}", part, at.start, at.end, "other", label, actor)


# -- location_outlier ------------------------------------------------------------------------------

NIGER_STORY = (
    "Niger's army arrested six officers in Niamey on Monday. "
    "Security was tightened at the checkpoints in central {city}."
)


def niger_places(text: str, city: str, country: str, lat: float, lon: float) -> list:
    return [
        place(text, "Niger", "NER", "country"),
        place(text, "Niamey", "NER", "city", 13.5, 2.1),
        place(text, city, country, "city", lat, lon),
    ]


def test_a_checkpoint_in_a_far_city_is_an_outlier(make):
    text = NIGER_STORY.format(city="Lima")
    doc = make(text, places=niger_places(text, "Lima", "PER", -12.0, -77.0), focus_country="NER")
    (found,) = doc.flags
    assert found.kind == "location_outlier"
    assert found.evidence.text == "Lima"
    assert "Peru" in found.message and "Niger" in found.message


def test_a_city_inside_a_body_name_is_no_outlier(make):
    # The same story as above, but the far city's name belongs to a body's name.
    text = NIGER_STORY.format(city="Lima")
    places = niger_places(text, "Lima", "PER", -12.0, -77.0)
    places[-1] = dataclasses.replace(places[-1], within="Lima Press Agency")
    assert "location_outlier" not in kinds(make(text, places=places, focus_country="NER"))
    places[-1] = dataclasses.replace(places[-1], within=None)
    assert "location_outlier" in kinds(make(text, places=places, focus_country="NER"))


def test_a_neighbouring_city_is_no_outlier(make):
    text = NIGER_STORY.format(city="Kano")
    doc = make(text, places=niger_places(text, "Kano", "NGA", 12.0, 8.5), focus_country="NER")
    assert "location_outlier" not in kinds(doc)


def test_a_far_country_the_story_discusses_is_no_outlier(make):
    text = NIGER_STORY.format(city="Lima") + " Peruvian police said they had been warned."
    places = niger_places(text, "Lima", "PER", -12.0, -77.0)
    ents = [entity(text, "Peruvian", "NORP")]
    doc = make(text, places=places, entities=ents, focus_country="NER")
    assert "location_outlier" not in kinds(doc)


def test_a_far_city_without_local_action_is_no_outlier(make):
    text = "Niger's foreign minister met donors in Lima on Monday to discuss aid for Niamey."
    places = [
        place(text, "Niger", "NER", "country"),
        place(text, "Lima", "PER", "city", -12.0, -77.0),
        place(text, "Niamey", "NER", "city", 13.5, 2.1),
    ]
    assert "location_outlier" not in kinds(make(text, places=places, focus_country="NER"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ORLEANS, Ind. - Police in Indiana arrested a man in Orleans on Friday.", "Orleans"),
        ("Police in Indiana arrested a man in Lisbon Park on Friday.", "Lisbon"),
    ],
)
def test_a_name_placed_elsewhere_by_the_text_is_no_outlier(make, text, name):
    at = text.rindex(name)
    places = [
        place(text, "Indiana", "USA", "admin1"),
        PlaceMention("p9", name, at, at + len(name), name, "PRT", None, 40, -9, None, "city", 0.9),
    ]
    assert "location_outlier" not in kinds(make(text, places=places, focus_country="USA"))


def test_without_places_capitals_named_by_entities_are_used(make):
    text = "Police in Chad arrested four men. Curfew was imposed in central Helsinki."
    ents = [entity(text, "Chad", "GPE"), entity(text, "Helsinki", "GPE")]
    assert kinds(make(text, entities=ents)) == ["location_outlier"]


# -- contradiction ---------------------------------------------------------------------------------


def test_media_expelled_from_their_own_country(make):
    text = (
        "Relations between Niger and Benin soured. Beninese reporters were accused by Niger "
        "of bias and expelled from Benin in July."
    )
    doc = make(text, focus_country="NER")
    (found,) = doc.flags
    assert found.kind == "contradiction"
    assert found.evidence.text.startswith("Beninese") and found.evidence.text.endswith("Benin")


def test_expelled_from_the_country_that_expels_them_is_fine(make):
    text = "Beninese reporters were accused by Niger of bias and expelled from Niger in July."
    assert "contradiction" not in kinds(make(text, focus_country="NER"))


def test_exiles_in_a_story_about_their_own_country_are_fine(make):
    text = "Dozens of Belarusian dissidents were expelled from Belarus in the 1980s."
    assert "contradiction" not in kinds(make(text, focus_country="BLR"))


def test_one_person_with_two_offices(make):
    text = "Prime Minister Ana Duarte flew to Accra. Later, President Duarte met the envoy."
    (found,) = make(text).flags
    assert found.kind == "contradiction"
    assert "Prime Minister Ana Duarte" in found.message and "President Duarte" in found.message


def test_a_former_office_is_no_contradiction(make):
    text = "Former President Joao Lima criticised Prime Minister Lima, his nephew's rival."
    assert "contradiction" not in kinds(make(text))


def test_two_people_with_one_surname_are_no_contradiction(make):
    text = "President Maria Silva met Prime Minister Jorge Silva on Friday."
    assert "contradiction" not in kinds(make(text))


def test_a_weekday_that_does_not_fit_the_date(make):
    doc = make("The vote took place on Monday, June 4, 2024, officials said.")
    (found,) = doc.flags
    assert found.kind == "contradiction"
    assert "Tuesday" in found.message


def test_a_weekday_that_fits_the_date_is_fine(make):
    published = Published(dt.date(2024, 6, 10), "given")
    doc = make("The vote took place on Tuesday, 4 June, officials said.", published=published)
    assert doc.flags == []


# -- count_mismatch --------------------------------------------------------------------------------


def test_a_stated_size_against_a_shorter_membership_list(make):
    text = (
        "Niger left the G5 Sahel on Sunday. The five-member group also consisted of "
        "Chad, Mali and Mauritania."
    )
    (found,) = make(text).flags
    assert found.kind == "count_mismatch"
    assert "missing: Burkina Faso" in found.message
    assert found.evidence.text.startswith("five-member group")


def test_also_counts_the_member_named_before(make):
    text = "Niger left the bloc. The four-member group also consisted of Chad, Mali and Benin."
    assert make(text).flags == []


@pytest.mark.parametrize(
    "text",
    [
        "The three journalists, Ana Ruiz, Tomas Berg and Lea Kim, were freed.",
        "Talks were mediated by two countries: Norway and Qatar.",
        "Two countries, Trinidad and Tobago and Jamaica, signed the accord.",
        "The two suspects were arrested. They were Omar Diallo and Ali Kone.",
    ],
)
def test_a_matching_list_is_fine(make, text):
    assert make(text).flags == []


@pytest.mark.parametrize(
    "text",
    [
        "The three journalists, Ana Ruiz and Tomas Berg, were freed.",
        "Talks were mediated by three countries: Norway and Qatar.",
        "The two suspects were arrested. They were Omar Diallo, Ali Kone and Issa Sow.",
        "The 3-nation alliance is made up of Laos, Vietnam, Cambodia and Thailand.",
    ],
)
def test_a_list_of_another_size_is_a_mismatch(make, text):
    assert kinds(make(text)) == ["count_mismatch"]


@pytest.mark.parametrize(
    "text",
    [
        "For three years, Mali and Niger have fought the same insurgency.",
        "Five countries, including Ghana and Togo, sent observers.",
        "Three soldiers and two civilians died in Mopti and Gao.",
        "Two weeks later, Kenya and Uganda reopened the border.",
        "Three moderates who led big states: Ohio and Texas.",
        "Four battalions were sent to Estonia, Latvia, Lithuania and Poland.",
        "Three units went to Estonia, Latvia and Poland.",
        "Two debates aired on NBC, CBS and ABC.",
    ],
)
def test_no_enumeration_no_mismatch(make, text):
    assert make(text).flags == []


def test_a_stated_size_alone_is_not_checked_against_the_knowledge_base(make):
    # Memberships change over time and the knowledge base has no dates.
    assert make("The four-member G5 Sahel force met in Nouakchott.").flags == []


NAMES = st.sampled_from(["Chad", "Burkina Faso", "Trinidad and Tobago", "Ana Ruiz", "St. Lucia"])


@given(st.lists(NAMES, min_size=2, max_size=6), st.booleans())
def test_list_items_counts_every_item(names, oxford_comma):
    joined = ", ".join(names[:-1]) + ("," if oxford_comma else "") + " and " + names[-1]
    assert list_items(joined) == names


@given(st.integers(min_value=2, max_value=999), st.sampled_from(["member", "nation"]))
def test_stated_counts_reads_digit_sizes(number, word):
    text = f"The {number}-{word} bloc met."
    assert [s.number for s in stated_counts(text, 0, len(text))] == [number]


# -- garbled_quote ---------------------------------------------------------------------------------


def test_a_repaired_glued_quote_is_flagged(make):
    text = "“We stand firm,” The minister said."
    repair = Repair("quote_spacing", 13, 18, ",”The")
    (found,) = make(text, repairs=[repair]).flags
    assert found.kind == "garbled_quote" and ",”The" in found.message


def test_a_glued_quote_still_in_the_text_is_flagged(make):
    (found,) = make("“We stand firm,”The minister said.").flags
    assert found.kind == "garbled_quote"
    assert found.evidence.text == "firm,”The"


def test_an_orphan_fragment_is_flagged(make):
    text = "Troops left in May. “grave abuses”Soldiers returned home."
    found = [f for f in make(text).flags if "stands alone" in f.message]
    assert [f.evidence.text for f in found] == ["“grave abuses”"]


def test_an_orphan_fragment_ending_a_paragraph_is_flagged(make):
    text = "The accord was dropped in June. “serious breaches”\n\nTalks resumed later."
    assert [f.evidence.text for f in make(text).flags] == ["“serious breaches”"]


def test_unbalanced_quotes_in_a_paragraph(make):
    text = "The minister said “we will win the war.\n\nThe army agreed."
    assert kinds(make(text)) == ["garbled_quote"]


def test_mixed_but_closing_quote_marks_are_fine(make):
    assert make('“We will rebuild," she said.\n\nThe army agreed.').flags == []


def test_a_quotation_running_over_paragraphs_is_fine(make):
    text = "“We will rebuild the bridges,” she said. “And the schools.\n\n“All of them.”"
    assert make(text).flags == []


@pytest.mark.parametrize(
    "text",
    [
        "He called it “abhorrent“ and left.",
        "The guard, 6'3\" tall, said nothing.",
        "She said ”no” twice.",
        '<tweet tweet-id="6736">.',
    ],
)
def test_sloppy_typing_is_no_garbled_quote(make, text):
    assert make(text).flags == []


def test_well_formed_quotes_are_fine(make):
    text = "“We will rebuild,” she said, calling the floods “a national tragedy”."
    assert make(text).flags == []


# -- injected_text ---------------------------------------------------------------------------------


def test_a_removed_headline_is_reported_where_it_was_cut(make):
    raw = "Rain fell in Accra.\nFloods hit Ghana as rivers burst their banks\nRoads closed."
    text = "Rain fell in Accra.\nRoads closed."
    removed = [Removed("Floods hit Ghana as rivers burst their banks", "injected_headline")]
    (found,) = make(text, raw=raw, removed=removed).flags
    assert (found.kind, found.severity) == ("injected_text", "info")
    assert found.evidence.start == found.evidence.end == len("Rain fell in Accra.")
    assert "Floods hit Ghana" in found.message


def test_a_headline_left_in_the_body(make):
    text = "Rain fell in Accra.\n\nWhy the floods keep getting worse every year\n\nRoads closed."
    (found,) = make(text).flags
    assert found.kind == "injected_text"
    assert found.evidence.text == "Why the floods keep getting worse every year"


# -- anonymous_source and unattributed_claim -------------------------------------------------------

ANONYMOUS_TEXT = "An official who asked not to be named said 30 people were detained."


def anonymous_attribution() -> Attribution:
    text = ANONYMOUS_TEXT
    return Attribution(
        "a1",
        span(text, "An official who asked not to be named"),
        span(text, "said"),
        span(text, "30 people were detained"),
        "anonymous",
        False,
    )


def arrest(attribution: str, recipient: str = "30 people") -> Event:
    text = ANONYMOUS_TEXT
    return Event(
        f"ev-{attribution}",
        "COERCE",
        span(text, text),
        mode="arrest",
        recipient=Argument(recipient),
        attribution=attribution,
    )


def test_a_claim_resting_on_an_anonymous_source(make):
    doc = make(ANONYMOUS_TEXT, attributions=[anonymous_attribution()], events=[arrest("a1")])
    (found,) = doc.flags
    assert found.kind == "anonymous_source"
    assert "30 people were detained" in found.message


NAMED = Attribution("a2", None, Span("said", 0, 4), Span("x", 0, 1), "official", False)


def test_an_anonymous_claim_confirmed_by_a_named_source_is_fine(make):
    events = [arrest("a1"), arrest("a2")]
    doc = make(ANONYMOUS_TEXT, attributions=[anonymous_attribution(), NAMED], events=events)
    assert "anonymous_source" not in kinds(doc)


def test_a_named_source_on_another_happening_confirms_nothing(make):
    events = [arrest("a1"), arrest("a2", recipient="the mayor")]
    doc = make(ANONYMOUS_TEXT, attributions=[anonymous_attribution(), NAMED], events=events)
    assert kinds(doc) == ["anonymous_source"]


def test_foreign_backing_in_the_articles_own_voice(make):
    text = "The coup plot was financed by a foreign power. Ten officers were arrested."
    (found,) = make(text).flags
    assert found.kind == "unattributed_claim"
    assert found.evidence.text == "The coup plot was financed by a foreign power."


@pytest.mark.parametrize(
    "text",
    [
        "The coup plot was financed by a foreign power, the government said.",
        "“The coup plot was financed by a foreign power,” a minister told reporters.",
        "The plotters were backed by nobody but themselves, according to the court.",
    ],
)
def test_attributed_foreign_backing_is_fine(make, text):
    assert "unattributed_claim" not in kinds(make(text))


def test_an_event_with_foreign_backing_and_no_attribution(make):
    text = "Officers tried to seize the palace with outside help."
    event = Event("ev1", "ASSAULT", span(text, text), coup=Coup("attempted", "alleged"))
    assert kinds(make(text, events=[event])) == ["unattributed_claim"]


# -- date_conflict ---------------------------------------------------------------------------------

VOTE_TEXT = "Voters went to the polls on 12 March 2024."


def vote(status: str) -> Event:
    date = EventDate(dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day", "d1", "stated")
    place_ = EventPlace(None, "Dakar", "SEN", None, None, "city")
    return Event(
        "ev1", "PROTEST", span(VOTE_TEXT, VOTE_TEXT), status=status, date=date, place=place_
    )


def test_an_event_dated_after_publication(make):
    mention = DateMention(
        "d1", "12 March 2024", 28, 41, dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day", 0.9
    )
    published = Published(dt.date(2024, 3, 1), "given")
    doc = make(VOTE_TEXT, events=[vote("occurred")], dates=[mention], published=published)
    (found,) = doc.flags
    assert found.kind == "date_conflict" and found.evidence.text == "12 March 2024"


def test_a_date_without_month_or_year_is_not_judged(make):
    mention = DateMention(
        "d1", "12", 28, 30, dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day", 0.5
    )
    published = Published(dt.date(2024, 3, 1), "given")
    doc = make(VOTE_TEXT, events=[vote("occurred")], dates=[mention], published=published)
    assert doc.flags == []


def test_a_planned_event_after_publication_is_fine(make):
    published = Published(dt.date(2024, 3, 1), "given")
    assert make(VOTE_TEXT, events=[vote("planned")], published=published).flags == []


def test_an_inferred_publication_date_is_not_trusted(make):
    published = Published(dt.date(2024, 3, 1), "inferred")
    assert make(VOTE_TEXT, events=[vote("occurred")], published=published).flags == []


# -- the stage -------------------------------------------------------------------------------------


def test_the_stage_runs_last_in_the_default_order():
    *_, last = check_order(
        ["clean", "nlp", "dates", "places", "actors", "attribution", "events", "integrity"]
    )
    assert last.assigns == ("flags",)


def test_flags_come_in_text_order(make):
    text = (
        "“We won,”The crowd cheered. Curfew was imposed in central Helsinki, police in Chad said."
    )
    ents = [entity(text, "Chad", "GPE"), entity(text, "Helsinki", "GPE")]
    starts = [f.evidence.start for f in make(text, entities=ents).flags]
    assert starts == sorted(starts) and len(starts) == 2


# -- the full pipeline on test articles ------------------------------------------------------------


@pytest.mark.model
def test_clean_articles_get_no_error_flags_and_damages_are_found(pipeline):
    clean = {path.name: path.read_text(encoding="utf-8") for path in DATA.glob("clean/*.txt")}
    assert len(clean) >= 20
    false_alarms = []
    for name, text in clean.items():
        doc = pipeline(Document(source=name, raw=text))
        false_alarms += [
            (name, f.kind, f.evidence.text) for f in doc.flags if f.kind in ERROR_KINDS
        ]
    found, total = Counter(), Counter()
    for damage in json.loads((DATA / "damages.json").read_text(encoding="utf-8")):
        text = clean[damage["article"]]
        assert damage["find"] in text, damage
        doc = pipeline(
            Document(source=damage["article"], raw=text.replace(damage["find"], damage["replace"]))
        )
        total[damage["kind"]] += 1
        found[damage["kind"]] += any(f.kind == damage["kind"] for f in doc.flags)
    for kind in sorted(total):
        print(f"{kind}: {found[kind]}/{total[kind]} damages flagged")
    print(f"clean articles with an error flag: {len({a[0] for a in false_alarms})}/{len(clean)}")
    assert false_alarms == []
    for kind in total:
        assert found[kind] / total[kind] >= 0.8, kind
