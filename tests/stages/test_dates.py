"""The dates stage: finding date expressions, resolving them, inferring the publication date."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.document import Document, Published
from newsevents.settings import Settings
from newsevents.stages.dates import make_dates
from newsevents.stages.dates.grammar import grammar
from newsevents.stages.dates.published import in_dateline

D = dt.date


@pytest.fixture(scope="module")
def stage():
    return make_dates(Settings())


@pytest.fixture(scope="module")
def dates(stage, blank_nlp):
    """Run the stage over ``text`` (tokenised, no parse) with an optional publication date."""

    def run(text: str, published: dt.date | None = None) -> Document:
        doc = Document(source="test", raw=text, text=text)
        if published is not None:
            doc.published = Published(published, "given")
        doc.nlp = blank_nlp(text)
        return stage(doc)

    return run


def found(doc: Document) -> dict[str, tuple]:
    return {m.text: (m.start_date, m.end_date, m.precision) for m in doc.dates}


# ---------------------------------------------------------------------------- explicit dates


def test_day_range_with_year_is_one_mention(dates):
    doc = dates("Gunmen attacked the barracks on the night of July 26-27, 2023, officials said.")
    (mention,) = doc.dates
    assert mention.text == "the night of July 26-27, 2023"
    assert (mention.start_date, mention.end_date) == (D(2023, 7, 26), D(2023, 7, 27))
    assert mention.precision == "day" and mention.basis == "stated"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote took place on 3 March 2019.", ("3 March 2019", D(2019, 3, 3), "day")),
        ("It was signed on Sept. 9, 2001.", ("Sept. 9, 2001", D(2001, 9, 9), "day")),
        ("The file is dated 2019-04-11.", ("2019-04-11", D(2019, 4, 11), "day")),
        ("Talks broke down in October 2015.", ("October 2015", D(2015, 10, 1), "month")),
        ("The border closed in 2017.", ("2017", D(2017, 1, 1), "year")),
        ("Unrest grew in the 1990s.", ("the 1990s", D(1990, 1, 1), "decade")),
        ("He fled in the '80s.", ("the '80s", D(1980, 1, 1), "decade")),
        ("Prices soared in mid-1996.", ("mid-1996", D(1996, 5, 1), "year")),
        (
            "Output fell in the third quarter of 2019.",
            ("the third quarter of 2019", D(2019, 7, 1), "quarter"),
        ),
        ("The empire fell in the 19th century.", ("the 19th century", D(1800, 1, 1), "decade")),
    ],
)
def test_explicit_dates_resolve_without_a_publication_date(dates, text, expected):
    mention_text, start, precision = expected
    (mention,) = dates(text).dates
    assert (mention.text, mention.start_date, mention.precision) == (mention_text, start, precision)
    assert mention.basis == "stated"


def test_year_range_gives_two_years(dates):
    doc = dates("Veterans of the 1914-18 war gathered in Canberra.")
    assert [(m.text, m.start_date.year) for m in doc.dates] == [("1914", 1914), ("18", 1918)]


@pytest.mark.parametrize(
    "text",
    [
        "The mission lasted three years.",
        "Ministers meet every Monday.",
        "Inspectors visit each spring.",
        "The contract is worth $2010 a month.",
        "Turnout reached 2010% of forecasts.",
        "Elections are held on Sundays.",
        "May said the deal was done.",
        "The march went on for hours.",
        "The cabinet met on Feb. 30 to discuss it.",
        "Prices fall in most years.",
        "Protests grew after the fall of Kabul.",
        "Leaders vowed not to fall for it.",
    ],
)
def test_not_calendar_dates(dates, text):
    assert [m.text for m in dates(text, D(2020, 6, 1)).dates] == []


def test_capitalised_date_word_inside_a_name_is_no_date(dates):
    doc = dates(
        "Speaking to USA Today, the envoy in Nairobi said talks resume today.", D(2020, 6, 1)
    )
    assert [m.text for m in doc.dates] == ["today"]


def test_ordinal_weekday_is_a_rule_not_a_date(dates):
    doc = dates("Harvest fairs open on the second Sunday in September.", D(2020, 6, 1))
    assert [m.text for m in doc.dates] == ["September"]


# --------------------------------------------------------------------------- relative dates

PUB = D(2021, 11, 12)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops withdrew last week.", ("last week", D(2021, 11, 1), D(2021, 11, 7), "week")),
        ("The talks began this week.", ("this week", D(2021, 11, 8), D(2021, 11, 14), "week")),
        ("Fighting resumed in August.", ("August", D(2021, 8, 1), D(2021, 8, 31), "month")),
        (
            "A curfew began in early October.",
            ("early October", D(2021, 10, 1), D(2021, 10, 11), "month"),
        ),
        (
            "He was arrested in June last year.",
            ("June last year", D(2020, 6, 1), D(2020, 6, 30), "month"),
        ),
        ("She resigned last May.", ("last May", D(2021, 5, 1), D(2021, 5, 31), "month")),
        (
            "The pact was signed four years ago.",
            ("four years ago", D(2017, 1, 1), D(2017, 12, 31), "year"),
        ),
        (
            "The deal was struck earlier in the month.",
            ("earlier in the month", D(2021, 11, 1), D(2021, 11, 30), "month"),
        ),
        ("Rebels struck yesterday.", ("yesterday", D(2021, 11, 11), D(2021, 11, 11), "day")),
        ("Output rose last year.", ("last year", D(2020, 1, 1), D(2020, 12, 31), "year")),
        (
            "Budgets shrink this fiscal year.",
            ("this fiscal year", D(2021, 1, 1), D(2021, 12, 31), "year"),
        ),
        (
            "Aid is promised for next month.",
            ("next month", D(2021, 12, 1), D(2021, 12, 31), "month"),
        ),
    ],
)
def test_relative_expressions_use_the_publication_date(dates, text, expected):
    mention_text, start, end, precision = expected
    (mention,) = dates(text, PUB).dates
    assert (mention.text, mention.start_date, mention.end_date, mention.precision) == expected
    assert mention.basis == "relative"
    assert mention.text == mention_text and mention.start_date == start and mention.end_date == end
    assert mention.precision == precision


def test_without_tense_the_nearest_date_wins_with_the_past_favoured(dates):
    doc = dates("Hearing in Lagos on April 7. Budget talks in February.", D(2009, 3, 25))
    assert found(doc) == {
        "April 7": (D(2009, 4, 7), D(2009, 4, 7), "day"),
        "February": (D(2009, 2, 1), D(2009, 2, 28), "month"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling is feared late Sunday.", ("late Sunday", D(2021, 11, 14), "day")),
        ("Rebels regrouped in the early 2000s.", ("the early 2000s", D(2000, 1, 1), "decade")),
        (
            "Polls closed on 25 February last year.",
            ("25 February last year", D(2020, 2, 25), "day"),
        ),
        ("Prisoners are freed at Christmas.", ("Christmas", D(2021, 12, 25), "day")),
        (
            "Fireworks were banned on New Year's Eve 2019.",
            ("New Year's Eve 2019", D(2019, 12, 31), "day"),
        ),
        ("Crowds gathered tomorrow night.", ("tomorrow night", D(2021, 11, 13), "day")),
        ("Two decades ago the border was open.", ("Two decades ago", D(2001, 1, 1), "year")),
    ],
)
def test_more_relative_forms(dates, text, expected):
    (mention,) = dates(text, PUB).dates
    assert (mention.text, mention.start_date, mention.precision) == expected


def test_shifts_count_from_the_previous_mention(dates):
    doc = dates("Riots broke out on 9 June 2015. Four days later, and again two years later.")
    assert [(m.text, m.start_date, m.precision) for m in doc.dates] == [
        ("9 June 2015", D(2015, 6, 9), "day"),
        ("Four days later", D(2015, 6, 13), "day"),
        ("two years later", D(2017, 1, 1), "year"),
    ]


def test_weekdays_without_tense_take_the_nearest_day(dates):
    doc = dates("The minister spoke Friday. Voting ends Saturday. Police said Wednesday.", PUB)
    assert found(doc) == {
        "Friday": (PUB, PUB, "day"),
        "Saturday": (D(2021, 11, 13), D(2021, 11, 13), "day"),
        "Wednesday": (D(2021, 11, 10), D(2021, 11, 10), "day"),
    }


def test_last_and_next_weekday_skip_the_publication_day(dates):
    doc = dates("He left last Friday and returns next Friday.", PUB)
    assert [m.start_date for m in doc.dates] == [D(2021, 11, 5), D(2021, 11, 19)]


def test_same_day_follows_the_previous_day_mention(dates):
    doc = dates("Voters queued on 4 April 2010. The same day, the army seized the radio.")
    assert [(m.text, m.start_date, m.basis) for m in doc.dates] == [
        ("4 April 2010", D(2010, 4, 4), "stated"),
        ("The same day", D(2010, 4, 4), "relative"),
    ]


def test_relative_expressions_without_anchor_stay_unresolved(dates):
    doc = dates("Officials confirmed the arrests yesterday. The law passed in 2012.")
    assert doc.published.date is None
    assert found(doc) == {
        "yesterday": (None, None, "day"),
        "2012": (D(2012, 1, 1), D(2012, 12, 31), "year"),
    }


def test_long_expressions_are_found_far_from_other_dates(dates):
    filler = "Negotiators met again. " * 20
    text = filler + "Spending rose in the beginning of the last fiscal year. " + filler
    doc = dates(text, PUB)
    assert [(m.text, m.start_date) for m in doc.dates] == [
        ("the beginning of the last fiscal year", D(2020, 1, 1))
    ]


def test_ids_follow_text_order(dates):
    doc = dates("In 2015 and again on 2 May 2016, and last week.", PUB)
    assert [m.id for m in doc.dates] == ["d1", "d2", "d3"]
    assert [m.start for m in doc.dates] == sorted(m.start for m in doc.dates)


# ----------------------------------------------------------------------- publication date


def test_publication_date_inferred_from_latest_date_and_later_weekday(dates):
    text = (
        "Troops surrounded the palace on the night of March 2-3, 2024, in Conakry. "
        "A spokesman announced on Tuesday morning that the plot had failed. "
        "The junta had dissolved parliament in January and banned rallies earlier in the month."
    )
    doc = dates(text)
    assert doc.published == Published(D(2024, 3, 5), "inferred")
    assert found(doc) == {
        "the night of March 2-3, 2024": (D(2024, 3, 2), D(2024, 3, 3), "day"),
        "Tuesday morning": (D(2024, 3, 5), D(2024, 3, 5), "day"),
        "January": (D(2024, 1, 1), D(2024, 1, 31), "month"),
        "earlier in the month": (D(2024, 3, 1), D(2024, 3, 31), "month"),
    }


def test_given_publication_date_is_kept(dates):
    doc = dates("The ceasefire began on 1 June 2022.", D(2022, 6, 9))
    assert doc.published == Published(D(2022, 6, 9), "given")


def test_no_full_date_no_inferred_publication(dates):
    doc = dates("Bolivia's army chief was arrested on Wednesday after the 2019 crisis.")
    assert doc.published == Published(None, "unknown")
    assert found(doc)["Wednesday"] == (None, None, "day")


def test_shift_after_an_event_is_not_counted_from_the_previous_date(dates):
    doc = dates("Talks opened on 2 May 2019. Nine days after the attack, envoys left.")
    assert [m.text for m in doc.dates] == ["2 May 2019"]


# ------------------------------------------------------------------- dateparser fallback


def with_entity(blank_nlp, text: str, entity: str, label: str = "DATE") -> Document:
    spacy_doc = blank_nlp(text)
    start = text.index(entity)
    spacy_doc.ents = [spacy_doc.char_span(start, start + len(entity), label=label)]
    doc = Document(source="test", raw=text, text=text, published=Published(D(2022, 6, 1), "given"))
    doc.nlp = spacy_doc
    return doc


def test_dateparser_reads_entities_the_rules_cannot(stage, blank_nlp):
    doc = stage(with_entity(blank_nlp, "Ballots were due by 2022/05/11 in Lusaka.", "2022/05/11"))
    assert [(m.text, m.start_date, m.precision, m.basis) for m in doc.dates] == [
        ("2022/05/11", D(2022, 5, 11), "day", "stated")
    ]


def test_dateparser_never_sees_durations(stage, blank_nlp):
    doc = stage(with_entity(blank_nlp, "The truce held for five years in Aceh.", "five years"))
    assert doc.dates == []


# ----------------------------------------------------------------------------- properties

WORDS = [
    "May",
    "March",
    "in",
    "on",
    "the",
    "night",
    "of",
    "last",
    "next",
    "week",
    "year",
    "Monday",
    "Friday",
    "evening",
    "2021",
    "1999",
    "-",
    "12",
    "3",
    "31",
    ",",
    "early",
    "mid",
    "late",
    "same",
    "day",
    "ago",
    "four",
    "'90s",
    "1990s",
    "quarter",
    "third",
    "now",
    "yesterday",
    "June",
    "Feb.",
    "Sept.",
    "summer",
    "every",
    "/",
    "2020-02-30",
    "century",
    "20th",
    "that",
    "Christmas",
    "later",
    "earlier",
    "Q1",
    "2022/05/11",
    "USA",
    "Today",
    "fall",
    "1957-58",
    "'",
    "New",
    "Year's",
    "Eve",
    "previous",
    "following",
    "s",
]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=25),
    published=st.one_of(st.none(), st.dates(D(1900, 1, 1), D(2090, 12, 31))),
)
def test_any_text_gives_well_formed_mentions(dates, words, published):
    text = " ".join(words)
    doc = dates(text, published)
    for index, m in enumerate(doc.dates, start=1):
        assert m.id == f"d{index}"
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
        assert (m.start_date is None) == (m.end_date is None)
        assert m.start_date is None or m.start_date <= m.end_date
        assert m.precision in {"day", "week", "month", "quarter", "year", "decade"}
    assert all(a.end <= b.start for a, b in itertools.pairwise(doc.dates))


@given(
    st.dates(D(1600, 1, 1), D(2099, 12, 31)), st.sampled_from(["%d %B %Y", "%B %d, %Y", "%Y-%m-%d"])
)
def test_full_dates_read_back(day, layout):
    from newsevents.stages.dates.resolve import Context, resolve

    match = grammar().match(day.strftime(layout))
    assert match is not None
    assert resolve(match, Context()).start == day


@given(
    day=st.dates(D(1950, 1, 1), D(2090, 12, 31)),
    anchor=st.dates(D(1950, 1, 1), D(2090, 12, 31)),
    direction=st.sampled_from([None, "past", "future"]),
)
def test_year_less_dates_land_within_a_year_of_the_anchor(day, anchor, direction):
    from newsevents.stages.dates.resolve import Context, resolve

    match = grammar().match(day.strftime("%B %d").replace(" 0", " "))
    found = resolve(match, Context(anchor, direction))
    assert (found.start.month, found.start.day) == (day.month, day.day)
    leap_day = (day.month, day.day) == (2, 29)
    # The nearest 29 February may lie in the leap year before or after the next one.
    assert abs((found.start - anchor).days) <= (3 * 366 if leap_day else 366)
    if not leap_day:  # leap days may have no candidate on the wanted side
        assert direction != "past" or found.start <= anchor
        assert direction != "future" or found.start >= anchor


# ------------------------------------------------------------------------ with the model


@pytest.mark.model
def test_tense_chooses_the_weekday(parsed, stage):
    pub = D(2023, 9, 6)  # a Wednesday
    doc = stage(
        parsed(
            "The general resigned on Monday. Talks will resume on Monday.",
            published=Published(pub, "given"),
        )
    )
    assert [m.start_date for m in doc.dates] == [D(2023, 9, 4), D(2023, 9, 11)]


@pytest.mark.model
def test_tense_chooses_the_year_of_a_month(parsed, stage):
    text = (
        "Ghana agreed to sell its stake in October. The report is due to be published in May. "
        "Growth slowed sharply at the end of the year."
    )
    doc = stage(parsed(text, published=Published(D(2013, 3, 22), "given")))
    assert [(m.text, m.start_date.isoformat()[:7]) for m in doc.dates] == [
        ("October", "2012-10"),
        ("May", "2013-05"),
        ("the end of the year", "2012-09"),
    ]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Title\n\nHARARE, March 3, 2024 - Police said ...", "March 3, 2024", True),
        ("LAGOS, Nigeria, 4 May 2023 (Wire) - Fuel ran out.", "4 May 2023", True),
        ("KYIV, Jan. 9, 2022: Sirens sounded.", "Jan. 9, 2022", True),
        ("Police said on March 3, 2024 - a Sunday - that ...", "March 3, 2024", False),
        ("HARARE, March 3, 2024, was quiet.", "March 3, 2024", False),
        ("The vote in Harare, March 3, 2024 - a test.", "March 3, 2024", False),
    ],
)
def test_a_dateline_date(text, date, expected):
    start = text.index(date)
    assert in_dateline(text, start, start + len(date)) is expected


@pytest.mark.model
def test_a_dateline_dates_the_report_whatever_the_tense(parsed, stage):
    text = (
        "Students march in Yangon\n\nYANGON, Feb. 12, 2023 - Several hundred students march "
        "through the city to mark the anniversary."
    )
    assert stage(parsed(text)).published == Published(D(2023, 2, 12), "inferred")


@pytest.mark.model
def test_a_past_perfect_the_parser_splits_still_looks_back(parsed, stage):
    # The parse makes "had" a verb of its own and "taken" its clause, with no auxiliary.
    text = (
        "Rebel officers seized the capital on 2 October 2023, ousting Colonel Jean-Marc Ebode, "
        "who had himself taken over in a coup in January of the same year."
    )
    doc = stage(parsed(text, published=Published(D(2023, 10, 4), "given")))
    assert [(m.text, m.start_date.isoformat()[:7]) for m in doc.dates] == [
        ("2 October 2023", "2023-10"),
        ("January", "2023-01"),
        ("the same year", "2023-01"),
    ]


@pytest.mark.model
def test_planned_dates_do_not_set_the_inferred_publication_date(parsed, stage):
    text = (
        "Soldiers seized the airport in Niamey on 14 July 2024. "
        "A spokesman said on Tuesday that elections will be held on 1 December 2024."
    )
    doc = stage(parsed(text))
    assert doc.published == Published(D(2024, 7, 16), "inferred")


@pytest.mark.model
def test_person_named_may_is_no_date(parsed, stage):
    doc = stage(
        parsed(
            "Theresa May met the Kenyan president in Nairobi in May.",
            published=Published(D(2018, 8, 30), "given"),
        )
    )
    assert [(m.text, m.start_date) for m in doc.dates] == [("May", D(2018, 5, 1))]
