"""The places stage: gazetteer lookups, detection, resolution in context, the focus country."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.document import Document, Entity
from newsevents.stages.places import PlacesStage, is_dateline
from newsevents.stages.places.detect import NameSpan, place_spans, trimmed
from newsevents.stages.places.gazetteer import fold, gazetteer
from newsevents.stages.places.resolve import Clues, Context, choose


def doc_with(blank_nlp, text: str, entities: list[tuple[str, str]]) -> Document:
    """A document whose entity layer holds ``entities`` (surface, label), found left to right."""
    doc = Document(source="test", raw=text, text=text, nlp=blank_nlp(text))
    position = 0
    for number, (surface, label) in enumerate(entities, start=1):
        start = text.index(surface, position)
        position = start + len(surface)
        kind = "group" if label == "NORP" else "other"
        doc.entities.append(Entity(f"e{number}", surface, start, position, kind, label))
    return doc


def places_of(blank_nlp, text: str, entities: list[tuple[str, str]]) -> Document:
    return PlacesStage()(doc_with(blank_nlp, text, entities))


# --- the gazetteer -------------------------------------------------------------------------


def test_fold_reads_abbreviations_diacritics_and_punctuation_alike():
    assert fold("St. Étienne") == fold("Saint-Etienne") == "saint etienne"
    assert fold("the Hague") == "hague"
    assert fold("Côte d’Ivoire") == fold("Cote dIvoire")


@given(st.text(max_size=40))
def test_fold_is_idempotent(name):
    assert fold(fold(name)) == fold(name)


def test_gazetteer_loads_once_and_quickly():
    gazetteer.cache_clear()
    began = time.perf_counter()
    table = gazetteer()
    assert time.perf_counter() - began < 3.0  # < 1 s on a quiet machine; CI may be busy
    assert len(table) > 100_000
    assert gazetteer() is table


def test_gazetteer_has_countries_regions_and_world_regions():
    features = {p.feature for p, _ in gazetteer().lookup("Nigeria")}
    assert "country" in features
    admin1 = [p for p, _ in gazetteer().lookup("Bavaria") if p.feature == "admin1"]
    assert admin1 and admin1[0].country == "DEU"
    assert any(p.feature == "region" for p, _ in gazetteer().lookup("the Horn of Africa"))


def test_alternate_names_find_the_city_but_are_marked():
    matches = {p.country: alias for p, alias in gazetteer().lookup("Kiev") if p.feature == "city"}
    assert matches.get("UKR") is True


# --- detection ---------------------------------------------------------------------------


def test_trimmed_drops_article_and_possessive():
    text = "the Sahel's towns"
    start, end = trimmed(text, 0, 11)
    assert text[start:end] == "Sahel"


def test_demonyms_and_vague_directions_are_not_places(blank_nlp):
    doc = doc_with(
        blank_nlp,
        "Kenyan officials blamed the West for the drought.",
        [("Kenyan", "NORP"), ("the West", "LOC")],
    )
    assert place_spans(doc) == []


def test_region_after_a_code_in_a_body_name_is_not_a_place(blank_nlp):
    doc = doc_with(
        blank_nlp,
        "Chad left the G5 Sahel force on Monday.",
        [("Chad", "GPE"), ("G5 Sahel", "ORG")],
    )
    assert [s.text for s in place_spans(doc)] == ["Chad"]


def test_place_inside_a_body_name_is_marked_within_it(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Officers of the Oregon State Police and a reporter for Radio Lagos arrived in Salem.",
        [("the Oregon State Police", "ORG"), ("Radio Lagos", "ORG"), ("Salem", "GPE")],
    )
    found = {(p.text, p.within) for p in doc.places}
    assert ("Oregon", "the Oregon State Police") in found
    assert ("Lagos", "Radio Lagos") in found
    assert ("Salem", None) in found


def test_common_noun_inside_a_body_name_is_not_a_region(blank_nlp):
    doc = doc_with(
        blank_nlp,
        "Doctors at the Brightwater Health Centre and the Commonwealth met.",
        [("the Brightwater Health Centre", "ORG"), ("Commonwealth", "ORG")],
    )
    assert place_spans(doc) == []


def test_well_known_place_the_model_called_an_organisation(blank_nlp):
    doc = doc_with(
        blank_nlp,
        "Flooding closed roads in Winnipeg overnight.",
        [("Winnipeg", "ORG")],
    )
    assert [s.text for s in place_spans(doc)] == ["Winnipeg"]


def test_surname_of_a_person_is_not_a_town(blank_nlp):
    doc = doc_with(
        blank_nlp,
        "Senator Maria Lincoln spoke. Lincoln said the vote would pass.",
        [("Maria Lincoln", "PERSON"), ("Lincoln", "PERSON")],
    )
    assert place_spans(doc) == []


def test_capitalised_place_the_model_missed(blank_nlp):
    doc = doc_with(blank_nlp, "Aid convoys reached Mosul after dawn.", [])
    assert [s.text for s in place_spans(doc)] == ["Mosul"]


def test_state_abbreviation_after_a_comma(blank_nlp):
    places = places_of(
        blank_nlp, "A tornado struck Bowling Green, Ky. on Friday.", [("Bowling Green", "GPE")]
    ).places
    assert [p.text for p in places] == ["Bowling Green", "Ky."]
    assert places[1].name == "Kentucky"
    assert places[0].admin1 == "Kentucky"


# --- resolution --------------------------------------------------------------------------


def test_country_name_resolves_to_the_country(blank_nlp):
    (place,) = places_of(blank_nlp, "Protests spread across Niger.", [("Niger", "GPE")]).places
    assert place.feature == "country"
    assert place.country == "NER"
    assert place.lat is not None and place.geonameid is not None


def test_hierarchy_after_a_comma_picks_the_right_town(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Police in Springfield, Illinois, said the road was closed.",
        [("Springfield", "GPE"), ("Illinois", "GPE")],
    )
    assert doc.places[0].admin1 == "Illinois"
    assert doc.places[1].feature == "admin1"


def test_focus_country_breaks_ties_between_same_named_towns(blank_nlp):
    text = (
        "Australian police said the storm hit Perth and moved east across Australia. "
        "Residents of Perth were told to stay home."
    )
    doc = places_of(
        blank_nlp,
        text,
        [("Australian", "NORP"), ("Perth", "GPE"), ("Australia", "GPE"), ("Perth", "GPE")],
    )
    assert doc.focus_country == "AUS"
    assert {p.country for p in doc.places} == {"AUS"}


def test_region_named_in_the_article_favours_its_towns():
    context = Context(names=frozenset({"ontario"}))
    choice = choose("London", context)
    assert choice is not None and choice.place.country == "CAN"
    assert choose("London", Context()).place.country == "GBR"


def test_capital_is_preferred_over_a_same_named_region():
    choice = choose("Washington", Context())
    assert choice is not None and choice.place.feature == "city"


def test_world_region_resolves_to_a_region(blank_nlp):
    (place,) = places_of(
        blank_nlp, "Drought is spreading across the Sahel.", [("the Sahel", "LOC")]
    ).places
    assert place.text == "Sahel"
    assert place.feature == "region"


def test_mentions_have_ids_offsets_and_confidence(blank_nlp):
    text = "Troops left Gao, Mali, for Niamey."
    doc = places_of(blank_nlp, text, [("Gao", "GPE"), ("Mali", "GPE"), ("Niamey", "GPE")])
    assert [p.id for p in doc.places] == ["p1", "p2", "p3"]
    for place in doc.places:
        assert text[place.start : place.end] == place.text
        assert 0 < place.confidence <= 1
    assert doc.places[0].country == "MLI"
    assert doc.focus_country in {"MLI", "NER"}


def test_unknown_name_that_nothing_locates_is_left_out(blank_nlp):
    doc = places_of(blank_nlp, "They met in Zyxqvillebury.", [("Zyxqvillebury", "GPE")])
    assert doc.places == []


def test_unknown_name_with_a_container_takes_the_container_point(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Shelling hit Qrxwambo, Chad, on Tuesday.",
        [("Qrxwambo", "GPE"), ("Chad", "GPE")],
    )
    village, country = doc.places
    assert village.name == "Qrxwambo" and village.country == "TCD"
    assert (village.lat, village.lon) == (country.lat, country.lon)
    assert village.confidence < country.confidence


def test_adjective_the_model_split_off_joins_the_name(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Wildfires spread in British Columbia this week.",
        [("British", "NORP"), ("Columbia", "GPE")],
    )
    (place,) = doc.places
    assert place.text == "British Columbia"
    assert place.country == "CAN" and place.feature == "admin1"


def test_empty_article_has_no_places_nor_focus(blank_nlp):
    doc = places_of(blank_nlp, "Nothing happened.", [])
    assert doc.places == [] and doc.focus_country is None


@pytest.mark.model
def test_with_the_real_model(parsed):
    doc = parsed(
        "Gunmen attacked a market in Maiduguri, Nigeria on Sunday. Nigerian troops were sent "
        "from Abuja, and the governor of Borno said the town of Maiduguri was calm."
    )
    PlacesStage()(doc)
    by_text = {p.text: p for p in doc.places}
    assert doc.focus_country == "NGA"
    assert by_text["Maiduguri"].country == "NGA"
    assert by_text["Abuja"].country == "NGA"
    assert "Nigerian" not in by_text


def test_region_found_without_its_kind_word():
    choice = choose("Sichuan", Context())
    assert choice is not None and choice.place.feature == "admin1"
    assert choice.place.country == "CHN"


def test_generic_words_around_a_name_are_dropped():
    for name in ("Hubei province", "the City of Ottawa"):
        choice = choose(name, Context())
        assert choice is not None, name
    assert choose("the City of Ottawa", Context()).place.country == "CAN"


def test_place_before_a_lowercase_compound_tail(blank_nlp):
    doc = doc_with(blank_nlp, "A Nairobi-based charity sent food.", [])
    assert [s.text for s in place_spans(doc)] == ["Nairobi"]


def test_bare_name_of_a_city_and_its_province_means_the_city():
    for name, country in (("Kharkiv", "UKR"), ("Cochabamba", "BOL")):
        choice = choose(name, Context())
        assert choice is not None
        assert (choice.place.feature, choice.place.country) == ("city", country)


def test_province_much_larger_than_its_namesake_city_stays_the_province():
    choice = choose("Quebec", Context(focus="CAN"))
    assert choice is not None and choice.place.feature == "admin1"


def test_place_name_used_as_a_first_name_is_not_a_place(blank_nlp):
    doc = doc_with(
        blank_nlp,
        "Twelve-year-old Florence Adeyemi won the race. Florence trains daily.",
        [("Florence", "GPE"), ("Adeyemi", "PERSON"), ("Florence", "GPE")],
    )
    assert place_spans(doc) == []


def test_capitalised_dateline_before_a_person_stays_a_place(blank_nlp):
    doc = doc_with(
        blank_nlp,
        "NAIROBI William Ruto said on Monday that talks would resume.",
        [("NAIROBI", "GPE"), ("William Ruto", "PERSON")],
    )
    assert [s.text for s in place_spans(doc)] == ["NAIROBI"]


def test_compound_tail_is_trimmed_from_an_entity(blank_nlp):
    doc = doc_with(blank_nlp, "The Kenya-led mission arrived.", [("Kenya-led", "ORG")])
    assert [s.text for s in place_spans(doc)] == ["Kenya"]


def test_name_after_a_code_with_digits_belongs_to_a_body(blank_nlp):
    doc = doc_with(
        blank_nlp,
        "Ministers of the G7 Africa partnership met in Accra.",
        [("Africa", "LOC"), ("Accra", "GPE")],
    )
    assert [s.text for s in place_spans(doc)] == ["Accra"]


def test_name_after_a_code_is_skipped_by_the_word_scan_too(blank_nlp):
    doc = doc_with(blank_nlp, "Troops of the G5 Sahel force left.", [])
    assert place_spans(doc) == []


@given(st.text(max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_trimmed_stays_inside_the_span(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    new_start, new_end = trimmed(text, start, end)
    assert start <= new_start <= new_end <= end


words = st.sampled_from(["Lagos", "Kano", "the", "said", "Ky.", ",", "Benue", "River", "G7", "-"])


@given(st.lists(words, max_size=12))
def test_spans_found_in_any_text_point_at_their_text(blank_nlp, tokens):
    text = " ".join(tokens)
    doc = doc_with(blank_nlp, text, [])
    for span in place_spans(doc):
        assert text[span.start : span.end] == span.text


def test_part_of_a_place_resolves_to_the_whole():
    choice = choose("Far North Queensland", Context())
    assert choice is not None and choice.place.name == "Queensland"
    assert choose("South Korea", Context()).place.country == "KOR"


def test_town_near_a_place_the_article_names_for_sure_wins():
    near_boston = Context(anchors=(("boston", 42.36, -71.06),))
    choice = choose("Cambridge", near_boston)
    assert choice is not None and choice.place.admin1 == "Massachusetts"
    near_london = Context(anchors=(("london", 51.51, -0.13),))
    assert choose("Cambridge", near_london).place.country == "GBR"


# --- resolution: regions against towns, lists, the article's own evidence -------------------


def test_a_capital_shares_more_than_a_first_word_with_its_namesakes():
    # San José is Costa Rica's capital: its "San" does not make Costa Rica's San Francisco one.
    choice = choose("San Francisco", Context())
    assert choice is not None and choice.place.country == "USA"


def test_a_state_name_beats_a_small_town_of_that_name():
    ohio_story = Context(focus="USA", countries=Counter(USA=3), names=frozenset({"ohio"}))
    choice = choose("Wyoming", ohio_story)
    assert choice is not None and choice.place.feature == "admin1"
    town = choose("Wyoming", ohio_story, Clues(parent="ohio"))
    assert town is not None and town.place.admin1 == "Ohio"


def test_a_region_of_a_named_country_beats_a_town_in_the_focus_country():
    canadian_story = Context(
        focus="CAN", countries=Counter(CAN=4, AUS=1), names=frozenset({"alberta", "queensland"})
    )
    choice = choose("Queensland", canadian_story)
    assert choice is not None and choice.place.country == "AUS"


def test_a_country_named_only_by_this_name_is_no_evidence_for_it():
    # "London" voted for Britain in the first pass; only Kentucky speaks for the town.
    kentucky_story = Context(
        focus="USA",
        countries=Counter(USA=2, GBR=0.9),
        names=frozenset({"london", "kentucky"}),
        votes={"london": Counter(GBR=0.9)},
    )
    choice = choose("London", kentucky_story)
    assert choice is not None and choice.place.admin1 == "Kentucky"


def test_a_dateline_capital_beats_a_small_namesake_in_a_named_state(blank_nlp):
    doc = places_of(
        blank_nlp,
        "WASHINGTON - Farmers in Iowa asked Congress for drought relief.",
        [("WASHINGTON", "GPE"), ("Iowa", "GPE")],
    )
    capital = doc.places[0]
    assert capital.feature == "city" and abs(capital.lon - -77.04) < 0.5


def test_a_state_listed_with_other_states_is_the_state(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Delegates from Montana, New York and Idaho met on Friday.",
        [("Montana", "GPE"), ("New York", "GPE"), ("Idaho", "GPE")],
    )
    assert [p.feature for p in doc.places] == ["admin1", "admin1", "admin1"]


def test_a_state_that_holds_the_towns_named_is_the_state(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Fires burned near Spokane and Yakima, and Washington declared an emergency.",
        [("Spokane", "GPE"), ("Yakima", "GPE"), ("Washington", "GPE")],
    )
    state = doc.places[-1]
    assert state.feature == "admin1" and state.name == "Washington"


# --- detection: names the entity layer cut short ----------------------------------------------


def test_kind_word_after_a_name_joins_it(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Deputies from Story County and Polk Co. searched the river near Ames.",
        [("Story", "GPE"), ("Polk", "GPE"), ("Ames", "GPE")],
    )
    story, polk, _ = doc.places
    assert story.text == "Story County" and story.feature == "admin2"
    assert polk.text == "Polk Co." and polk.name == "Polk County"
    assert story.admin1 == polk.admin1 == "Iowa"


def test_adjective_joins_a_name_the_word_scan_found(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Ranchers across British Columbia lost cattle to the floods.",
        [("British", "NORP")],
    )
    (place,) = doc.places
    assert place.text == "British Columbia" and place.feature == "admin1"


def test_repeating_an_ambiguous_name_does_not_outvote_a_clear_one(blank_nlp):
    text = (
        "Newcastle council met on Monday. Newcastle has the highest rents in the UK outside "
        "the capital, and Newcastle tenants say they cannot keep up."
    )
    doc = places_of(
        blank_nlp,
        text,
        [("Newcastle", "GPE"), ("Newcastle", "GPE"), ("UK", "GPE"), ("Newcastle", "GPE")],
    )
    assert {p.country for p in doc.places} == {"GBR"}


# --- landmarks: facilities named with a place ------------------------------------------------


def test_park_named_after_a_region_lies_in_the_story_town(blank_nlp):
    text = (
        "Thousands rallied in Victoria Park on Saturday. Police in Halifax closed nearby "
        "roads, and Halifax buses ran late."
    )
    doc = places_of(blank_nlp, text, [("Victoria", "GPE"), ("Halifax", "GPE"), ("Halifax", "GPE")])
    park, town, _ = doc.places
    assert park.text == "Victoria Park" and park.feature == "landmark"
    assert (park.lat, park.lon) == (town.lat, town.lon)
    assert park.confidence < town.confidence


def test_facility_named_after_a_town_of_the_story_lies_in_that_town(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Flights from Calgary Airport were cancelled as snow swept across Alberta.",
        [("Calgary", "GPE"), ("Alberta", "GPE")],
    )
    airport = doc.places[0]
    assert airport.text == "Calgary Airport" and airport.feature == "landmark"
    assert airport.admin1 == "Alberta"


def test_facility_written_before_of_and_the_place(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Students at the University of Manitoba walked out, and Winnipeg police watched.",
        [("Manitoba", "GPE"), ("Winnipeg", "GPE")],
    )
    university = doc.places[0]
    assert university.text == "University of Manitoba" and university.feature == "landmark"
    assert university.name == "University of Manitoba" and university.admin1 == "Manitoba"


def test_saints_possessive_is_a_church_not_a_parish(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Mourners filled St. Patrick's on Sunday as Boston police closed the street.",
        [("St. Patrick's", "GPE"), ("Boston", "GPE")],
    )
    church = doc.places[0]
    assert church.text == "St. Patrick" and church.feature == "landmark"
    assert church.country == "USA"


def test_facility_the_gazetteer_knows_as_a_far_town_lies_in_the_story_town(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Flights out of Heathrow were grounded as fog settled over London.",
        [("Heathrow", "FAC"), ("London", "GPE")],
    )
    airport = doc.places[0]
    assert airport.feature == "landmark" and airport.country == "GBR"


def test_facility_named_like_a_division_is_the_division(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Deputies searched Story County after the storm.",
        [("Story County", "FAC")],
    )
    (county,) = doc.places
    assert county.feature == "admin2" and county.admin1 == "Iowa"


def test_kind_word_at_the_end_of_a_sentence_leaves_the_period(blank_nlp):
    doc = places_of(
        blank_nlp,
        "The fire spread to Linn County. Crews from Iowa Falls held it back.",
        [("Linn", "GPE")],
    )
    county = doc.places[0]
    assert county.text == "Linn County" and county.feature == "admin2"


def test_postal_code_after_a_comma_is_the_state(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Storms hit Lincoln, NE on Monday and moved toward Portland, OR by night.",
        [("Lincoln", "GPE"), ("Portland", "GPE")],
    )
    lincoln, nebraska, portland, oregon = doc.places
    assert nebraska.text == "NE" and nebraska.name == "Nebraska"
    assert lincoln.admin1 == "Nebraska" and portland.admin1 == "Oregon"
    assert oregon.feature == "admin1"


def test_capitalised_words_after_a_comma_are_not_postal_codes(blank_nlp):
    doc = doc_with(blank_nlp, "POLICE IN DENVER SAID, IN A STATEMENT, OR LATER.", [])
    assert [s.text for s in place_spans(doc)] == ["DENVER"]


def test_part_of_a_country_news_names_often_has_its_own_point():
    choice = choose("Southern California", Context())
    assert choice is not None and choice.place.feature == "region"
    assert choice.place.country == "USA" and choice.place.lat < 35.5
    midwest = choose("the Midwest", Context())
    assert midwest is not None and midwest.place.country == "USA"


def test_two_ambiguous_towns_that_fit_each_other_explain_each_other(blank_nlp):
    doc = places_of(
        blank_nlp,
        "Storm damage closed the highway between Springfield and Decatur on Monday.",
        [("Springfield", "GPE"), ("Decatur", "GPE")],
    )
    assert [p.admin1 for p in doc.places] == ["Illinois", "Illinois"]


def test_a_small_namesake_of_a_world_city_needs_its_own_region_named(blank_nlp):
    kentucky = places_of(
        blank_nlp,
        "Firefighters from Lexington helped crews in Paris after the barn fire, Kentucky "
        "officials said.",
        [("Lexington", "GPE"), ("Paris", "GPE"), ("Kentucky", "GPE")],
    )
    assert kentucky.places[1].admin1 == "Kentucky"
    france = places_of(
        blank_nlp,
        "Trains between Lyon and Paris stopped during the strike.",
        [("Lyon", "GPE"), ("Paris", "GPE")],
    )
    assert france.places[1].country == "FRA"


# --- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Storm warning\n\nMAPUTO, Jan. 4 (Wire) - Rain fell.", "MAPUTO", True),
        ("Storm warning\n\nBeira, Mozambique - Rain fell.", "Beira", True),
        ("LUSAKA: Rain fell on the capital.", "LUSAKA", True),
        ("Storm warning\n\nMaputo is the capital - it lies south.", "Maputo", False),
        ("Rain fell as the team left for Maputo - then it stopped.", "Maputo", False),
    ],
)
def test_a_dateline_opens_a_paragraph_with_the_filing_place(text, name, expected):
    at = text.index(name)
    span = NameSpan(name, at, at + len(name), "GPE", name)
    assert is_dateline(text, span) is expected


def test_a_dateline_outweighs_a_country_named_twice_in_passing(blank_nlp):
    text = (
        "Protests grow\n\nASUNCION, May 2 (Wire) - Thousands marched on Friday. Leaders met in "
        "Brazil last week, and Brazil sent an envoy."
    )
    doc = places_of(blank_nlp, text, [("ASUNCION", "GPE"), ("Brazil", "GPE"), ("Brazil", "GPE")])
    assert doc.focus_country == "PRY"


@pytest.mark.parametrize(("title", "focus"), [(None, "QAT"), ("Shelling resumes in Aleppo", "SYR")])
def test_a_place_the_headline_names_votes_again(blank_nlp, title, focus):
    text = (
        "Shelling resumed in Aleppo on Sunday, a day after envoys met in Doha. Qatar, which "
        "hosted the talks, called for calm."
    )
    doc = doc_with(blank_nlp, text, [("Aleppo", "GPE"), ("Doha", "GPE"), ("Qatar", "GPE")])
    doc.title = title
    assert PlacesStage()(doc).focus_country == focus
