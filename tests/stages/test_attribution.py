"""The attribution stage: quotations, reported speech, sources and their kinds."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.document import Document, Entity
from newsevents.pipeline import Pipeline
from newsevents.stages.attribution import make_attribution, source_type, without_quoted_words
from newsevents.stages.attribution.lexicon import (
    cue_nouns,
    cue_prepositions,
    cue_verbs,
    source_words,
)
from newsevents.stages.attribution.quotes import find_quotes

# --- quotations ---------------------------------------------------------------------------------


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will stay” and left.", ["“we will stay”"]),
        ('She said "no deal" twice.', ['"no deal"']),
        ("« Nous restons », a-t-il dit.", ["« Nous restons »"]),
        ("The envoy wrote ‘not today’ on it.", ["‘not today’"]),
        ("“He told me ‘wait here’ and went,” she said.", ["“He told me ‘wait here’ and went,”"]),
        ('"One" and "two"', ['"One"', '"two"']),
        ("''We stay,'' the mayor of Tartu said.", ["''We stay,''"]),
        ("``Not yet,'' she said of the Lusaka talks.", ["``Not yet,''"]),
        ("The farmers'' union met.", []),
    ],
)
def test_quote_styles_and_nesting(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_two_character_marks_are_left_out_of_the_inner_text() -> None:
    text = "''Ports reopen Monday,'' the Maltese minister said."
    (quote,) = find_quotes(text)
    assert text[quote.inner_start : quote.inner_end] == "Ports reopen Monday,"


def test_apostrophes_are_not_quotes() -> None:
    assert quoted("The minister’s aide didn’t say it in the ’90s.") == []


def test_quote_continues_into_next_paragraph_that_opens_a_quote() -> None:
    text = "“The port will reopen next week.\n\n“Ships are already waiting,” the mayor said."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start : quotes[0].end].endswith("waiting,”")


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“The talks failed, the envoy said.\n\nNext paragraph here."
    (quote,) = find_quotes(text)
    assert not quote.closed
    assert text[quote.start : quote.end] == "“The talks failed, the envoy said."


@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”‘’\"«»'")), max_size=80))
def test_quotes_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    quotes = find_quotes(text)
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.inner_start <= quote.inner_end
    for first, second in itertools.pairwise(quotes):
        assert first.end <= second.start


# --- source types -------------------------------------------------------------------------------


def entity(text: str, label: str) -> Entity:
    return Entity("e1", text, 0, len(text), "other", label)


@pytest.mark.parametrize(
    ("source", "entities", "expected"),
    [
        ("the defence ministry", [], "official"),
        ("a police spokesman", [], "official"),
        ("Colonel Aminu Bello", [entity("Aminu Bello", "PERSON")], "official"),
        ("Ngozi Adeyemi", [entity("Ngozi Adeyemi", "PERSON")], "named_person"),
        ("an anonymous military source", [], "anonymous"),
        ("officials who asked not to be named", [], "anonymous"),
        ("Reuters", [entity("Reuters", "ORG")], "media"),
        ("state television", [], "media"),
        ("a report by the monitors", [], "document"),
        ("Oxfam", [entity("Oxfam", "ORG")], "organization"),
        ("Chile", [entity("Chile", "GPE")], "official"),
        ("critics", [], "unnamed"),
        ("He", [], "named_person"),
        ("all the experts I asked", [], "unnamed"),
        ("Democrats", [entity("Democrats", "NORP")], "unnamed"),
        ("Mr. Warsame", [], "named_person"),
        ("a Western state", [], "unnamed"),
        (None, [], "unnamed"),
    ],
)
def test_source_type(source: str | None, entities: list[Entity], expected: str) -> None:
    assert source_type(source, entities) == expected


def test_word_lists_load_from_data_files() -> None:
    assert cue_verbs()["said"].lemma == "say"
    assert cue_verbs()["denied"].takes_object
    assert "statement" in cue_nouns()
    assert next(iter(source_words())) == "anonymous"


# --- the stage on real parses -------------------------------------------------------------------


@pytest.fixture(scope="module")
def attribution(settings):
    return make_attribution(settings)


@pytest.fixture(scope="module")
def analyse(nlp_pipeline: Pipeline, attribution):
    def run(text: str) -> Document:
        return attribution(nlp_pipeline(Document(source="test", raw=text)))

    return run


def one(doc: Document, cue: str):
    found = [a for a in doc.attributions if a.cue.text == cue]
    assert len(found) == 1, [(a.cue.text, a.content.text) for a in doc.attributions]
    return found[0]


@pytest.mark.model
def test_direct_quote_with_speaker_after(analyse) -> None:
    doc = analyse("“We will hold elections in March,” Prime Minister Ana Ruiz said on Friday.")
    found = one(doc, "said")
    assert found.direct
    assert found.source.text == "Prime Minister Ana Ruiz"
    assert found.content.text.startswith("“We will hold elections")
    assert found.source_type == "official"


@pytest.mark.model
def test_quote_inherits_the_speaker_of_the_quote_before(analyse) -> None:
    doc = analyse(
        "“The border stays closed,” the interior minister said. Trucks queued at the post.\n\n"
        "“Nobody crosses until the inquiry ends.”"
    )
    assert [a.source.text for a in doc.attributions] == ["the interior minister"] * 2
    assert all(a.direct for a in doc.attributions)


@pytest.mark.model
def test_quote_right_after_the_speakers_sentence_goes_on_with_the_claim(analyse) -> None:
    doc = analyse(
        "“The harvest was the worst in a decade,” said Ivana Horvat, a farmer near Osijek. "
        "“We will need help before spring.”"
    )
    found = one(doc, "said")
    assert found.content.text.startswith("“The harvest")
    assert found.content.text.endswith("before spring.”")


@pytest.mark.model
def test_indirect_speech_said_that(analyse) -> None:
    found = one(analyse("Bolivia's foreign minister said that the embassy would close."), "said")
    assert not found.direct
    assert found.source.text == "Bolivia's foreign minister"
    assert found.content.text == "that the embassy would close"


@pytest.mark.model
def test_according_to(analyse) -> None:
    doc = analyse("According to the Nepalese army, three villages were evacuated overnight.")
    found = one(doc, "According to")
    assert found.source.text == "the Nepalese army"
    assert found.content.text == "three villages were evacuated overnight"
    assert found.source_type == "official"


@pytest.mark.model
def test_passive_telling_relays_through_the_listener(analyse) -> None:
    doc = analyse(
        "The BBC has been told by an unnamed police source that four suspects were arrested."
    )
    found = one(doc, "told")
    assert found.source.text == "an unnamed police source"
    assert found.via == ["The BBC"]
    assert found.source_type == "anonymous"
    assert "four suspects were arrested" in found.content.text


@pytest.mark.model
def test_telling_a_news_agency(analyse) -> None:
    found = one(analyse("Peru's army chief told Reuters that troops were deployed."), "told")
    assert found.via == ["Reuters"]
    assert found.content.text == "that troops were deployed"


@pytest.mark.model
def test_accused_by(analyse) -> None:
    doc = analyse("The Kenyan police have been accused by rights groups of killing protesters.")
    found = one(doc, "accused")
    assert found.source.text == "rights groups"
    assert "killing protesters" in found.content.text


@pytest.mark.model
def test_headline_attribution(analyse) -> None:
    found = one(analyse("Army foils plot, Niger says"), "says")
    assert found.source.text == "Niger"
    assert found.content.text == "Army foils plot"


@pytest.mark.model
def test_a_plain_report_is_no_attribution(analyse) -> None:
    assert analyse("Bhutan gave no further information on the talks.").attributions == []


@pytest.mark.model
def test_headline_with_speaker_and_colon(analyse) -> None:
    found = one(analyse("Ruto: Kenya Will Not Back Down on Tax Plan"), ":")
    assert found.source.text == "Ruto"
    assert found.content.text == "Kenya Will Not Back Down on Tax Plan"


@pytest.mark.model
def test_headline_with_speaker_after_claim(analyse) -> None:
    found = one(analyse("Rebel attack repelled, Burkina Faso says — Analysis"), "says")
    assert found.source.text == "Burkina Faso"
    assert found.content.text == "Rebel attack repelled"


@pytest.mark.model
def test_statement_made_by_names_the_speaker_of_the_quote_before(analyse) -> None:
    doc = analyse(
        "“The rebels were pushed back from the river crossing.” These remarks were made by "
        "General Lina Okafor during a radio address."
    )
    found = one(doc, "made")
    assert found.direct
    assert found.source.text == "General Lina Okafor"
    assert found.source_type == "official"


@pytest.mark.model
def test_speaker_before_a_colon(analyse) -> None:
    doc = analyse(
        "The defence minister told parliament: “Our troops will leave the north by June.”"
    )
    found = one(doc, "told")
    assert found.direct
    assert found.source.text == "The defence minister"


@pytest.mark.model
def test_participle_on_a_noun_names_the_noun(analyse) -> None:
    found = one(analyse("Police received calls saying shots had been fired."), "saying")
    assert found.source.text == "calls"


@pytest.mark.model
def test_quote_split_by_its_cue_is_one_claim(analyse) -> None:
    doc = analyse("“Frankly,” the Ghanaian finance minister said, “the budget cannot absorb this.”")
    found = one(doc, "said")
    assert found.content.text.startswith("“Frankly,”")
    assert found.content.text.endswith("absorb this.”")


@pytest.mark.model
def test_cue_inside_the_claim(analyse) -> None:
    found = one(
        analyse("But to prevent delays, he said, the port authority will hire staff."), "said"
    )
    assert found.source.text == "he"
    assert found.content.text == "the port authority will hire staff"


@pytest.mark.model
def test_generic_listeners_relay_nothing(analyse) -> None:
    found = one(analyse("The Thai minister told reporters that the bridge would reopen."), "told")
    assert found.via == []
    assert found.content.text == "that the bridge would reopen"


@pytest.mark.model
def test_title_with_speaker_and_colon_may_end_with_a_full_stop(analyse) -> None:
    doc = analyse("Odinga: Electoral Body Must Publish All Results.\n\nVoters queued for hours.")
    found = one(doc, ":")
    assert found.source.text == "Odinga"
    assert found.content.text == "Electoral Body Must Publish All Results"


@pytest.mark.model
def test_a_colon_line_with_a_full_stop_inside_the_text_is_no_headline(analyse) -> None:
    doc = analyse("Flooding closed the roads.\n\nResult: Several Towns Were Cut Off For Days.")
    assert [a.cue.text for a in doc.attributions] == []


@pytest.mark.model
def test_quotation_signed_with_a_dash(analyse) -> None:
    doc = analyse(
        "“The new bridge changed how we get to the market every week.” ― Tomás Quispe\n"
        "“Nobody asked the fishermen before the dam was built.” — Mrs. Aroha Ngata."
    )
    assert [(a.source.text, a.direct) for a in doc.attributions] == [
        ("Tomás Quispe", True),
        ("Mrs. Aroha Ngata", True),
    ]


@pytest.mark.model
def test_verb_specific_preposition_carries_the_claim(analyse) -> None:
    doc = analyse("The Chilean senator commented on the court's ruling in Valparaíso.")
    found = one(doc, "commented")
    assert found.source.text == "The Chilean senator"
    assert "the court's ruling" in found.content.text


def test_the_listener_of_said_is_no_claim_preposition() -> None:
    assert "to" not in cue_prepositions().get("say", frozenset())
    assert "to" in cue_prepositions()["refer"]


@pytest.mark.model
def test_any_verb_before_a_colon_cues_the_quotation(analyse) -> None:
    doc = analyse(
        "Mayor Okonkwo later recalled: “The water rose faster than any of us had expected.”"
    )
    found = one(doc, "recalled")
    assert found.direct
    assert found.source.text == "Mayor Okonkwo"
    assert [a.cue.text for a in doc.attributions] == ["recalled"]  # no "Speaker: claim" headline


@pytest.mark.model
def test_the_object_of_a_perception_or_desire_verb_is_no_claim(analyse) -> None:
    assert analyse("The Samoan delegates heard the verdict in silence.").attributions == []
    assert analyse("Farmers in Punjab want cheaper diesel.").attributions == []
    found = one(analyse("Farmers in Punjab heard that diesel prices would fall."), "heard")
    assert found.content.text == "that diesel prices would fall"


@pytest.mark.model
def test_speech_reported_inside_a_quotation_is_part_of_its_claim(analyse) -> None:
    doc = analyse("A banner reading “We know who stole the vote” hung over a square in Kampala.")
    assert [a.cue.text for a in doc.attributions] == []


@pytest.mark.model
def test_quote_after_the_speakers_circumstances_goes_on_with_the_claim(analyse) -> None:
    doc = analyse(
        "“Exports fell by a third,” the Uruguayan trade minister said in a radio interview on "
        "Tuesday. “We expect a recovery by autumn.”"
    )
    found = one(doc, "said")
    assert found.content.text.endswith("by autumn.”")


@pytest.mark.model
def test_any_verb_with_its_subject_right_after_a_quotation_cues_it(analyse) -> None:
    doc = analyse("“The count was rigged from the start,” the Malawian opposition leader fumed.")
    found = one(doc, "fumed")
    assert found.direct
    assert found.source.text == "the Malawian opposition leader"


@pytest.mark.model
def test_quoted_titles_and_names_are_no_speech(analyse) -> None:
    doc = analyse(
        "“The new bridge will open next year,” Governor Ortiz said. Later he was on "
        "“Good Morning Quito,” a radio show, and then “Ortiz!” on a banner."
    )
    assert [a.content.text for a in doc.attributions] == ["“The new bridge will open next year,”"]


@pytest.mark.model
def test_a_claim_reported_inside_another_claim_is_part_of_it(analyse) -> None:
    doc = analyse("The Estonian premier said the coalition believes a vote would calm markets.")
    found = one(doc, "said")
    assert found.content.text == "the coalition believes a vote would calm markets"
    assert [a.cue.text for a in doc.attributions] == ["said"]


@pytest.mark.model
def test_a_parse_over_a_paragraph_break_keeps_each_claim_in_its_paragraph(analyse) -> None:
    doc = analyse(
        '"Next week we will see: what happens when the money runs out?"\n\n'
        "Some Peruvian economists said the fund would last a decade."
    )
    found = one(doc, "said")
    assert found.source.text == "Some Peruvian economists"
    assert found.content.text == "the fund would last a decade"


@pytest.mark.model
def test_stance_verbs_cue_their_object(analyse) -> None:
    found = one(analyse("The Kenyan opposition denounced the new fuel levy."), "denounced")
    assert found.source.text == "The Kenyan opposition"
    assert found.content.text == "the new fuel levy"


@pytest.mark.model
def test_a_cue_noun_with_what_it_is_about(analyse) -> None:
    doc = analyse("The senator's criticism of the Chilean pension reform grew louder.")
    found = one(doc, "criticism of")
    assert found.source.text.startswith("The senator")
    assert found.content.text == "the Chilean pension reform"


@pytest.mark.model
def test_material_backing_is_no_claim(analyse) -> None:
    doc = analyse("The mutiny in Lesotho was backed by foreign arms dealers.")
    assert doc.attributions == []


@pytest.mark.model
def test_a_relative_clause_claim_keeps_its_speaker(analyse) -> None:
    doc = analyse(
        "Farmers protested the cuts that critics say will close dozens of clinics in Ghana."
    )
    assert one(doc, "say").source.text == "critics"


@pytest.mark.model
def test_an_adjective_before_the_cue_passes_on_the_subject(analyse) -> None:
    doc = analyse("The Peruvian envoy was able to announce that the talks would resume.")
    assert one(doc, "announce").source.text == "The Peruvian envoy"


@pytest.mark.model
def test_the_object_of_forced_is_the_speaker(analyse) -> None:
    doc = analyse("The committee forced Ruiz to admit that the funds were missing.")
    assert one(doc, "admit").source.text == "Ruiz"


@pytest.mark.model
def test_a_speaker_named_after_the_verb(analyse) -> None:
    doc = analyse("''The river has never been this low,'' said Tomas Lindqvist, a ferry operator.")
    assert one(doc, "said").source.text == "Tomas Lindqvist, a ferry operator"
    assert one(
        analyse("Said Okafor: “We will not resign before the vote.”"), "Said"
    ).source.text == ("Okafor")


@pytest.mark.model
def test_the_speaker_of_a_statement_is_the_subject_of_its_verb(analyse) -> None:
    doc = analyse("Senator Mwangi said in a statement that the budget would be cut.")
    assert one(doc, "statement").source.text == "Senator Mwangi"


@pytest.mark.model
def test_a_claim_before_said_and_its_speaker(analyse) -> None:
    doc = analyse(
        "The rejection of the ceasefire signals the end of the talks, "
        "said Amina Diallo, a researcher in Bamako."
    )
    found = one(doc, "said")
    assert found.source.text == "Amina Diallo, a researcher in Bamako"
    assert found.content.text == "The rejection of the ceasefire signals the end of the talks"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("order and stability”Ghana", "Ghana"),
        ("''a fair vote'' the envoy", "the envoy"),
        ("the envoy", "the envoy"),
        ("the so-called “experts”", "the so-called “experts”"),
        ("stability” ", None),
    ],
)
def test_a_source_never_holds_quoted_words(text: str, expected: str | None) -> None:
    # A reworded text lost the full stop after a quotation: the parse swept the quoted words
    # into the subject of the next verb.
    bounds = without_quoted_words(text, (0, len(text)))
    assert (text[slice(*bounds)] if bounds else None) == expected


@pytest.mark.model
def test_a_cue_set_inside_its_claim(analyse) -> None:
    doc = analyse("The harbour in Valparaiso was quiet, the mayor said, until the strike ended.")
    found = one(doc, "said")
    assert found.source.text == "the mayor"
    assert found.content.text == (
        "The harbour in Valparaiso was quiet, the mayor said, until the strike ended"
    )


@pytest.mark.model
def test_a_second_cue_joined_to_a_reported_clause_is_a_claim_of_its_own(analyse) -> None:
    doc = analyse(
        "The minister said that the border with Benin would stay closed and added that "
        "traders would be compensated."
    )
    first, second = one(doc, "said"), one(doc, "added")
    assert first.content.text == "that the border with Benin would stay closed"
    assert second.content.text == "that traders would be compensated"
    assert second.source.text == first.source.text == "The minister"


@pytest.mark.model
def test_a_second_speaker_after_while_is_a_claim_of_its_own(analyse) -> None:
    doc = analyse(
        "Most farmers in Punjab said they would plant wheat, while a few said they would wait."
    )
    claims = [(a.source.text, a.content.text) for a in doc.attributions]
    assert claims == [
        ("Most farmers in Punjab", "they would plant wheat"),
        ("a few", "they would wait"),
    ]


@pytest.mark.model
def test_a_verb_of_seeming_cues_the_writers_impression(analyse) -> None:
    found = one(analyse("The ceasefire in Tigray appears to have collapsed."), "appears")
    assert found.content.text == "The ceasefire in Tigray appears to have collapsed"
    assert found.source is None
    assert analyse("The Nepali minister appeared on television on Sunday.").attributions == []


@pytest.mark.model
def test_a_verb_of_seeming_inside_a_claim_is_part_of_it(analyse) -> None:
    doc = analyse("Officials in Lima said the talks seemed to have stalled.")
    assert [a.cue.text for a in doc.attributions] == ["said"]
