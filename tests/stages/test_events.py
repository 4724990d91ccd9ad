"""The events stage: triggers, status, arguments, linking, contexts and coups.

Parse-dependent behaviour uses the real model (marked ``model``); the inflection and lookup
helpers are tested without one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from newsevents.document import (
    Actor,
    ActorMention,
    Attribution,
    DateMention,
    Document,
    EventDate,
    PlaceMention,
    Published,
    Span,
)
from newsevents.stages.events.contexts import contexts_in
from newsevents.stages.events.coups import is_background
from newsevents.stages.events.lexicon import (
    entries_by_form,
    irregular_forms,
    noun_forms,
    verb_forms,
)
from newsevents.stages.events.linking import attribution_of


def mention(doc: Document, phrase: str, name: str, country: str, sector: str | None = None):
    start = doc.text.index(phrase)
    return ActorMention(phrase, start, start + len(phrase), Actor(name, country, sector))


def types(found) -> list[tuple[str, str | None]]:
    return [(e.type, e.mode) for e in found]


# --- lexicon helpers (no model) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("arrest", "arrested"),
        ("ban", "banned"),
        ("deny", "denied"),
        ("seize", "seizing"),
        ("fight", "fought"),
    ],
)
def test_verb_forms_cover_inflections(lemma, form):
    assert form in verb_forms(lemma)


def test_noun_forms_make_plurals():
    assert noun_forms("clash") == {"clash", "clashes"}
    assert "sanctions" in noun_forms("sanction")


@given(st.from_regex(r"[a-z]{2,10}", fullmatch=True))
def test_regular_verb_forms_keep_the_stem(word):
    assume(word not in irregular_forms())
    forms = verb_forms(word)
    assert word in forms
    # "die" -> "dying": at most the last two letters change.
    assert all(form.startswith(word[:-2]) and len(form) >= len(word) - 1 for form in forms)


def test_lexicon_types_are_plover():
    plover = {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }  # fmt: skip
    assert {e.type for found in entries_by_form().values() for e in found} <= plover


def test_contexts_from_keywords():
    found = contexts_in("Rebels attacked an army post near the border after the election.")
    assert {"military", "territory", "election"} <= set(found)
    assert contexts_in("The weather was fine.") == []


def test_attribution_is_the_innermost_containing_content():
    outer = Attribution("a1", None, Span("said", 0, 4), Span("x" * 50, 10, 60), "official", False)
    inner = Attribution("a2", None, Span("told", 0, 4), Span("x" * 10, 20, 30), "anonymous", False)
    assert attribution_of([outer, inner], 25).id == "a2"
    assert attribution_of([outer, inner], 45).id == "a1"
    assert attribution_of([outer, inner], 5) is None


def test_stage_without_parse_gives_no_events(stage):
    doc = Document(source="t", raw="x", text="x")
    assert stage(doc).events == []


# --- triggers and senses ----------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya pulled its soldiers out of Somalia last year.", ("RETREAT", "withdraw")),
        ("Police took about twenty students into custody in Dhaka.", ("COERCE", "arrest")),
        ("The junta seized power in Niamey on Wednesday.", ("COERCE", "seize")),
        ("Venezuela expelled the Spanish ambassador on Friday.", ("SANCTION", "expel")),
        ("Thailand expelled two foreign reporters from the country.", ("COERCE", "deport")),
        ("The opposition senator attacked the government's budget plan.", ("ACCUSE", "disapprove")),
        ("Chile renounced its fishing treaty with Peru.", ("SANCTION", "withdraw")),
    ],
)
def test_trigger_types(events, text, expected):
    assert expected in types(events(text))


@pytest.mark.model
def test_sports_attack_is_no_event(events):
    assert events("The striker attacked the goal twice in the second half of the match.") == []


@pytest.mark.model
def test_released_report_is_no_event(events):
    assert events("The ministry released a report on rainfall.") == []


@pytest.mark.model
def test_complement_is_absorbed_by_the_outer_event(events):
    assert types(events("Ankara agreed to withdraw its forces from the border zone.")) == [
        ("AGREE", None)
    ]
    assert types(events("Seoul threatened to expel the diplomats.")) == [("THREATEN", "expel")]


@pytest.mark.model
def test_one_sentence_holds_several_events(events):
    found = events("Colombian troops clashed with rebels and arrested four fighters.")
    assert [e.type for e in found] == ["ASSAULT", "COERCE"]
    assert [e.id for e in found] == ["ev1", "ev2"]


# --- status -----------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The navy did not attack the fishing boats.", "negated"),
        ("Fighting has not resumed in the province.", "negated"),
        ("Canada will withdraw its trainers from Latvia.", "planned"),
        ("Norway plans to withdraw its observers.", "planned"),
        ("The peacekeeping mission is due to withdraw its last battalion by June.", "planned"),
        ("The garrison is slated to withdraw from the river port in June.", "planned"),
        ("Peacekeepers are to withdraw from the border town next week.", "planned"),
        ("The protests in the capital were peaceful.", "occurred"),
        ("The inquiry found that the police were to blame for the deaths.", "occurred"),
        ("The rebels tried to seize the airport.", "attempted"),
        ("The ministry denied arresting the blogger.", "denied"),
        ("Lima would release the prisoners if the rebels disarmed.", "hypothetical"),
        ("Troops stormed the parliament building.", "occurred"),
    ],
)
def test_status(events, text, status):
    assert events(text)[0].status == status


@pytest.mark.model
def test_a_conjunct_shares_the_frame_of_the_first_verb(events):
    found = events("Rebels planned to storm the prison and kill the guards, police said.")
    assert [(e.trigger.text, e.status) for e in found if e.trigger.text in ("storm", "kill")] == [
        ("storm", "threatened"),
        ("kill", "threatened"),
    ]


# --- arguments --------------------------------------------------------------------------------


@pytest.mark.model
def test_actor_and_recipient_from_the_parse(events):
    def actors(doc):
        return [
            mention(doc, "Ethiopian forces", "Military of Ethiopia", "ETH", "MIL"),
            mention(doc, "Eritrea", "Eritrea", "ERI"),
        ]

    event = events("Ethiopian forces shelled positions held by Eritrea.", actors=actors)[0]
    assert event.actor.country == "ETH" and event.actor.sector == "MIL"


@pytest.mark.model
def test_passive_agent_is_the_actor(events):
    def actors(doc):
        return [
            mention(doc, "Zambian police", "Police of Zambia", "ZMB", "COP"),
            mention(doc, "Two opposition leaders", "Opposition", "ZMB", "OPP"),
        ]

    event = events("Two opposition leaders were arrested by Zambian police.", actors=actors)[0]
    assert event.actor.sector == "COP"
    assert event.recipient.text.startswith("Two opposition leaders")


@pytest.mark.model
def test_subject_is_shared_through_coordination(events):
    def actors(doc):
        return [mention(doc, "Uganda", "Uganda", "UGA")]

    found = events("Uganda condemned the raid and expelled three journalists.", actors=actors)
    expel = next(e for e in found if e.mode == "deport")
    assert expel.actor.country == "UGA"


@pytest.mark.model
def test_the_subject_nearest_the_verb_acts_when_a_dateline_hangs_on_it(events):
    def actors(doc):
        return [mention(doc, "Senegal's foreign minister", "Government of Senegal", "SEN", "GOV")]

    text = "DAKAR, June 7, 2023 - Senegal's foreign minister met the Gambian leader in Banjul."
    event = events(text, actors=actors)[0]
    assert event.actor.country == "SEN"
    assert event.actor.text == "Senegal's foreign minister"


@pytest.mark.model
def test_a_dateline_is_no_part_of_the_actor(pipeline):
    text = "BUENOS AIRES - Argentina's government expelled two Venezuelan diplomats on Monday."
    event = pipeline(Document(source="test", raw=text)).events[0]
    assert event.actor.text == "Argentina's government"
    assert event.actor.name == "Government of Argentina"


# --- place, date, attribution -----------------------------------------------------------------


@pytest.mark.model
def test_place_date_and_attribution_are_linked(events):
    text = "A police spokesman said officers detained eight men in Mombasa on 3 March 2021."

    def places(doc):
        start = doc.text.index("Mombasa")
        return [
            PlaceMention(
                "p1",
                "Mombasa",
                start,
                start + 7,
                "Mombasa",
                "KEN",
                None,
                -4.05,
                39.66,
                8,
                "city",
                0.9,
            )
        ]

    def dates(doc):
        start = doc.text.index("3 March 2021")
        day = dt.date(2021, 3, 3)
        return [DateMention("d1", "3 March 2021", start, start + 12, day, day, "day", 0.9)]

    def attributions(doc):
        said = doc.text.index("said")
        content = doc.text.index("officers")
        return [
            Attribution(
                "a1",
                doc.span(0, said - 1),
                doc.span(said, said + 4),
                doc.span(content, len(doc.text) - 1),
                "official",
                False,
            )
        ]

    event = events(text, places=places, dates=dates, attributions=attributions)[0]
    assert (event.type, event.mode) == ("COERCE", "arrest")
    assert event.place.mention == "p1" and event.place.precision == "city"
    assert event.date.start == dt.date(2021, 3, 3) and event.date.basis == "stated"
    assert event.attribution == "a1"
    assert event.trigger.text == "detained"
    assert event.evidence.text == text


@pytest.mark.model
def test_a_place_inside_a_body_name_is_not_the_event_place(events):
    text = "Officers of the Ohio State Highway Patrol detained two men on Friday."

    def places(doc):
        start = doc.text.index("Ohio")
        return [
            PlaceMention(
                "p1", "Ohio", start, start + 4, "Ohio", "USA", "Ohio", 40.4, -82.7, 5165418,
                "admin1", 0.9, within="the Ohio State Highway Patrol",
            )
        ]  # fmt: skip

    event = events(text, places=places, focus_country="USA")[0]
    assert event.place.mention is None and event.place.precision == "country"


@pytest.mark.model
def test_fallback_to_focus_country_and_publication_date(events):
    found = events(
        "Protesters marched through the capital.",
        focus_country="BOL",
        published=Published(dt.date(2023, 6, 1), "given"),
    )
    event = found[0]
    assert event.place.country == "BOL" and event.place.precision == "country"
    assert event.date.basis == "publication" and event.date.start == dt.date(2023, 6, 1)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Thousands of farmers marched on Monday in defence of the land law.",
        "The ministry threatened on Tuesday to expel the ambassador.",
        "Gunmen attacked on 4 May near the border town.",
    ],
)
def test_a_time_is_never_the_recipient(events, text):
    recipient = events(text)[0].recipient
    assert recipient is None or not any(
        day in recipient.text for day in ("Monday", "Tuesday", "May")
    )


@pytest.mark.model
def test_an_event_that_happened_borrows_no_later_date_from_the_sentence_before(events):
    text = (
        "The junta, which seized power in May 2022, has promised a vote by the end of 2026. "
        "Soldiers arrested two opposition leaders after the takeover. "
        "Envoys will meet the junta to discuss the roadmap then."
    )
    day = dt.date(2024, 2, 1)

    def dates(doc):
        seized, vote = doc.text.index("May 2022"), doc.text.index("the end of 2026")
        return [
            DateMention("d1", "May 2022", seized, seized + 8, dt.date(2022, 5, 1),
                        dt.date(2022, 5, 31), "month", 0.9),
            DateMention("d2", "the end of 2026", vote, vote + 15, dt.date(2026, 9, 1),
                        dt.date(2026, 12, 31), "month", 0.9),
        ]  # fmt: skip

    found = events(text, dates=dates, published=Published(day, "given"))
    by_trigger = {event.trigger.text: event for event in found}
    assert by_trigger["arrested"].date.mention == "d1"
    assert by_trigger["meet"].date.mention == "d2"  # a plan may take the plan's date


# --- coups ------------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Soldiers toppled President Ndayi in a coup in 2015.", "successful"),
        ("Loyal troops foiled a coup attempt in Conakry overnight.", "attempted"),
        ("Officers tried to seize power in Khartoum but failed.", "attempted"),
        ("Police uncovered a coup plot by junior officers.", "plot"),
    ],
)
def test_coup_outcomes(events, text, outcome):
    coup = next(e for e in events(text) if e.coup is not None)
    assert "coup" in coup.contexts
    assert coup.coup.outcome == outcome


@pytest.mark.model
def test_figurative_coup_is_no_coup(events):
    assert all(e.coup is None for e in events("Winning the summit was a diplomatic coup for Oslo."))


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Signing the veteran striker was a huge coup for the Peruvian side.",
        "The retailer's takeover of its rival was hailed as a marketing coup.",
        "Investors watched as the founder led a boardroom coup against the chief executive.",
        "The knockout punch was the coup de grâce for the Filipino champion.",
        "The documentary about an officer who plots a coup opened the festival in Busan.",
        "Critics called the senate vote a coup against the opposition.",
        "The new tariffs amount to an economic coup, the union leader said.",
        "Getting the interview was a publicity coup for the Manila broadcaster.",
    ],
)
def test_coup_as_a_figure_of_speech_is_no_coup(events, text):
    assert all("coup" not in e.contexts for e in events(text))


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Bolivia has seen more than a dozen coups since the 1950s.",
        "Analysts warned that a coup in Ouagadougou would unsettle the whole Sahel.",
    ],
)
def test_coups_counted_or_imagined_are_no_event(events, text):
    assert all("coup" not in e.contexts for e in events(text))


@pytest.mark.model
def test_a_coup_with_soldiers_and_a_sports_word_is_still_a_coup(events):
    found = events(
        "Soldiers who staged a coup in Conakry detained the president at the stadium team hotel."
    )
    assert any(e.coup is not None for e in found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("The army deposed President Oduya on Tuesday.", "successful"),
        ("Guards ousted the prime minister of Lesotho in a coup.", "successful"),
        ("Loyalist units thwarted a putsch in Niamey on Friday.", "attempted"),
        (
            "The government said it had foiled a coup attempt and arrested ten officers.",
            "attempted",
        ),
        ("Three colonels were charged with conspiracy to stage a coup in Dhaka.", "plot"),
    ],
)
def test_more_coup_outcomes(events, text, outcome):
    coup = next(e for e in events(text) if e.coup is not None)
    assert coup.coup.outcome == outcome


@pytest.mark.model
def test_fighting_makes_a_coup_an_assault(events):
    coup = events("Mutinous soldiers staged a coup and gunfire was heard near the palace.")[0]
    assert coup.type == "ASSAULT"


@pytest.mark.model
def test_claimed_foreign_backing_is_an_alleged_accusation(events):
    text = (
        "The interior minister said rebel officers attempted a coup last night. "
        "The officers were backed by a foreign power."
    )

    def actors(doc):
        return [mention(doc, "The interior minister", "Government of Chad", "TCD", "GOV")]

    def attributions(doc):
        said = doc.text.index("said")
        return [
            Attribution(
                "a1",
                doc.span(0, said - 1),
                doc.span(said, said + 4),
                doc.span(said + 5, len(doc.text)),
                "official",
                False,
            )
        ]

    found = events(text, actors=actors, attributions=attributions, focus_country="TCD")
    coup = next(e for e in found if e.coup is not None)
    assert coup.coup.outcome == "attempted" and coup.coup.foreign_backing == "alleged"
    accusation = next(e for e in found if e.type == "ACCUSE")
    assert accusation.mode == "allege" and accusation.actor.country == "TCD"
    assert accusation.recipient.text == "a foreign power"


# --- framing: intent, condition, refusal, demands --------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dockworkers in Lagos said they would strike next week.", ("THREATEN", "threatened")),
        ("Kyiv will pull its envoy out unless the shelling stops.", ("THREATEN", "threatened")),
        ("Norway will support the new mediation effort.", ("AGREE", "planned")),
        ("Jakarta will not accept further deportees.", ("REJECT", "occurred")),
        ("Officials in Quito said the miners must return the equipment.", ("REQUEST", "occurred")),
        (
            "The bloc lodged a formal protest with Minsk over the detentions.",
            ("ACCUSE", "occurred"),
        ),
    ],
)
def test_framing_recodes_the_type(events, text, expected):
    event = events(text)[0]
    assert (event.type, event.status) == expected


@pytest.mark.model
def test_purpose_of_a_protest_is_absorbed(events):
    found = events("Farmers staged rallies across Punjab to demand higher crop prices.")
    assert [e.type for e in found] == ["PROTEST"]


@pytest.mark.model
def test_words_inside_names_are_no_triggers(events):
    found = events("The Shanghai Cooperation Organisation opened an office in Tashkent.")
    assert found == []


@pytest.mark.model
def test_negated_object_negates_the_event(events):
    event = events("The embassy offered no concessions to the hijackers.")[0]
    assert event.status == "negated"


@pytest.mark.model
def test_purpose_infinitive_of_a_noun_is_planned_not_threatened(events):
    found = events("The coalition began a campaign to attack smuggling networks.")
    assert [(e.type, e.status) for e in found] == [("ASSAULT", "planned")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chad quit the Sahel Border Force (a joint mission to fight jihadist groups).",
            ["RETREAT"],
        ),
        ("Kenya joined the Atlantic Maritime Force, a coalition to fight piracy, in 2019.", []),
        ("Zambia joined the Copperbelt Shield, a task force set up to arrest smugglers.", []),
        ("The rebels formed the Northern Front, a militia meant to attack army posts.", []),
        # The event noun inside the aim clause goes with it.
        (
            "Gabon left the Ogooue River Force (a joint effort to end attacks on fishermen).",
            ["RETREAT"],
        ),
    ],
)
def test_aim_clause_describing_a_name_is_no_event(events, text, expected):
    assert [e.type for e in events(text)] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army launched an operation to capture the town.", "ASSAULT"),
        ("The coalition began a campaign to attack smuggling networks.", "ASSAULT"),
        # The aim of one act, and a fact told of a country: both are kept.
        ("The army launched Operation Red Dune, an offensive to capture the oasis.", "ASSAULT"),
        ("Uganda, the first country to withdraw its troops, criticised the mission.", "RETREAT"),
    ],
)
def test_aim_of_an_act_or_a_ranked_fact_is_kept(events, text, expected):
    assert expected in [e.type for e in events(text)]


@pytest.mark.model
def test_adjectival_participle_is_no_event(events):
    assert events("The alleged smuggler lives in Tunis.") == []


@pytest.mark.model
def test_relative_pronoun_actor_resolves_to_its_noun(events):
    found = events("Police caught the gunman who attacked the mayor.")
    attack = next(e for e in found if e.type == "ASSAULT")
    assert attack.actor.text == "the gunman"


@pytest.mark.model
def test_foreign_backing_needs_a_foreign_backer_in_the_phrase(events):
    text = "Soldiers seized power in a coup on Sunday. Donors helped the country rebuild schools."
    coup = next(e for e in events(text, focus_country="GIN") if e.coup is not None)
    assert coup.coup.foreign_backing == "none"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kurdish forces captured six militants near Raqqa.", ("ASSAULT", "abduct")),
        ("Government troops captured the rebel-held town of Kidal.", ("ASSAULT", None)),
        (
            "A court in Ankara issued an arrest warrant for the exiled cleric.",
            ("THREATEN", "arrest"),
        ),
        ("Lithuania barred the Belarusian delegation from entering.", ("REJECT", None)),
        ("Riot police fired tear gas at students in Caracas.", ("ASSAULT", "crowd-control")),
    ],
)
def test_plover_boundary_rules(events, text, expected):
    assert types(events(text)) == [expected]


@pytest.mark.model
def test_no_argument_across_a_paragraph_break(events):
    found = events("Border tensions\n\nTroops shelled a village near the frontier.")
    assert all(e.actor is None or "\n" not in e.actor.text for e in found)


@pytest.mark.model
def test_light_verb_subject_acts_but_a_critic_does_not(events):
    staged = events("Rebel officers staged a coup in Bangui.")[0]
    assert staged.coup is not None and staged.actor.text == "Rebel officers"
    found = events("The African Union condemned the coup in Bangui.")
    coup = next(e for e in found if e.coup is not None)
    assert coup.actor is None


@pytest.mark.model
def test_threatened_sanctions_are_a_threat(events):
    found = events("The bloc condemned the arrests and threatened sanctions against Harare.")
    assert any(e.type == "THREATEN" for e in found)


@pytest.mark.model
def test_denied_coup_is_at_most_alleged(events):
    found = events("The defence ministry denied that a coup had taken place in Bissau.")
    coup = next(e for e in found if e.coup is not None)
    assert coup.coup.outcome == "alleged"


@pytest.mark.model
def test_fired_official_is_no_attack(events):
    assert events("The president fired his finance minister on Friday.") == []


@pytest.mark.model
def test_phrase_words_are_no_arguments(events):
    event = events("Dock workers went on strike in Mombasa.")[0]
    assert (event.type, event.mode) == ("PROTEST", "strike")
    assert event.recipient is None


@pytest.mark.model
def test_until_clause_is_the_condition_of_a_refusal(events):
    found = events("The militia refused to free the captives until its demands were met.")
    assert [e.type for e in found] == ["REJECT"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "is_coup"),
    [
        ("Soldiers took over the state broadcaster in Libreville.", False),
        ("The army took control of the country overnight.", True),
        ("Rebels seized control of the town of Bunia.", False),
        ("Army officers ousted President Kanu in a dawn raid.", True),
        ("Mutinous officers overthrew the government of Ruvania on Sunday.", True),
        ("The general was accused of plotting to overthrow the junta.", True),
        ("The candidate promised voters to overthrow the old party system.", False),
        ("Reformers in the guild hope to overthrow the status quo.", False),
    ],
)
def test_seizing_verbs_need_power_as_object(events, text, is_coup):
    assert any(e.coup is not None for e in events(text)) == is_coup


# --- coups the story recalls ------------------------------------------------------------------


def dated(start: dt.date, end: dt.date, basis: str = "stated") -> EventDate:
    return EventDate(start, end, "day", None, basis)


@pytest.mark.parametrize(
    ("start", "end", "background"),
    [
        (dt.date(2020, 1, 1), dt.date(2020, 12, 31), True),  # "the 2020 coup", told in 2022
        (dt.date(2021, 5, 24), dt.date(2021, 5, 24), True),
        (dt.date(2022, 3, 1), dt.date(2022, 3, 1), False),  # a coup three months before
        (dt.date(2022, 6, 1), dt.date(2022, 6, 2), False),
    ],
)
def test_a_coup_long_before_the_story_is_background(start, end, background):
    assert is_background(dated(start, end), dt.date(2022, 6, 3)) is background


def test_a_coup_dated_by_the_publication_alone_is_the_storys_own():
    long_ago = dated(dt.date(2019, 1, 1), dt.date(2019, 1, 1), basis="publication")
    assert not is_background(long_ago, dt.date(2022, 6, 3))
    assert not is_background(None, dt.date(2022, 6, 3))
    assert not is_background(dated(dt.date(2019, 1, 1), dt.date(2019, 1, 1)), None)


@pytest.mark.model
def test_a_recalled_coup_is_no_coup_of_the_story(events):
    text = "The junta, which seized power in a coup in 2019, extended the transition by two years."

    def dates(doc):
        start = doc.text.index("2019")
        year = (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
        return [DateMention("d1", "2019", start, start + 4, *year, "year", 0.9)]

    found = events(
        text, dates=dates, published=Published(dt.date(2023, 4, 2), "given"), focus_country="GIN"
    )
    recalled = [e for e in found if "pro_autocracy" in e.contexts]
    assert recalled and all(e.coup is None and "coup" not in e.contexts for e in recalled)
