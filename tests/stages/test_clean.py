"""The clean stage: spacing, page debris, injected headlines, quote repair, offsets back to raw."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.document import Document
from newsevents.errors import E_EMPTY_AFTER_CLEAN, InputError
from newsevents.pipeline import Pipeline
from newsevents.settings import Settings
from newsevents.stages.clean import make_clean, to_raw_offset, to_text_offset
from newsevents.stages.clean.debris import debris_reason
from newsevents.stages.clean.layout import visible
from newsevents.stages.ingest import document_from_html, document_from_text

CLEAN = make_clean(Settings())

BODY_1 = "Soldiers blocked the main bridge into Niamey on Wednesday, residents said."
BODY_2 = "The defence ministry said in a statement that the situation was calm."


def clean(raw: str, **fields) -> Document:
    return CLEAN(Document(source="test", raw=raw, **fields))


def removed(doc: Document) -> list[tuple[str, str]]:
    return [(item.text, item.reason) for item in doc.removed]


# spacing and Unicode


def test_whitespace_is_normalised_and_paragraphs_get_one_blank_line():
    doc = clean("  Troops  entered\tGao.\r\n\r\n\r\n\n The \u00a0curfew began.  \n")
    assert doc.text == "Troops entered Gao.\n\nThe curfew began."


def test_text_is_nfc_and_invisible_characters_go():
    doc = clean("Cafe\u0301 owners in Montre\u0301al pro\u00adtested.\u200bPolice watched.")
    assert doc.text == "Café owners in Montréal protested. Police watched."


def test_hard_wrapped_lines_join_into_one_paragraph():
    raw = (
        "The electoral commission in Accra said on Monday that counting would\n"
        "continue through the night in the three regions where turnout was\n"
        "highest.\n"
        "Observers from the regional bloc praised the calm.\n"
    )
    doc = clean(raw)
    assert doc.text.split("\n\n") == [
        "The electoral commission in Accra said on Monday that counting would continue "
        "through the night in the three regions where turnout was highest.",
        "Observers from the regional bloc praised the calm.",
    ]


def test_html_text_has_one_paragraph_per_line():
    doc = clean("First paragraph from a page\nSecond paragraph.", is_html=True)
    assert doc.text == "First paragraph from a page\n\nSecond paragraph."


# page debris


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("This story can be shared on social media", "share_prompt"),
        ("Share this article", "share_prompt"),
        ("Share on Facebook", "share_prompt"),
        ("Facebook Twitter WhatsApp Email", "share_prompt"),
        ("Back to top button", "navigation"),
        ("Skip to content", "navigation"),
        ("Next article", "navigation"),
        ("Home > World > Asia", "navigation"),
        ("Related Articles", "related_links"),
        ("Read more: Floods displace thousands in Assam", "related_links"),
        ("You may also like", "related_links"),
        ("More from Asia", "related_links"),
        ("© 2024 Example Media Group. All rights reserved.", "boilerplate"),
        ("Copyright 2019 The Daily Example", "boilerplate"),
        ("Advertisement", "boilerplate"),
        ("Sign up for our daily politics newsletter", "boilerplate"),
        ("We use cookies to improve your experience on our site.", "boilerplate"),
        ("Photo: Protesters outside the parliament in Lima.", "boilerplate"),
        ("Image caption, Police at the scene in Karachi", "boilerplate"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "boilerplate"),
        ("Reporting by Ana Silva in Maputo; editing by Tom Hale", "boilerplate"),
        ("Translated by Karim Haddad.", "boilerplate"),
        ("Tags: Peru, elections", "boilerplate"),
    ],
)
def test_debris_lines_are_recognised(line, reason):
    assert debris_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Share prices in Nairobi fell sharply on Monday.",
        "Back to the negotiating table went both delegations after the ceasefire collapsed.",
        "More from the minister's speech was expected on Friday.",
        "Home Office officials declined to comment on the deportation flights.",
        "Related talks in Geneva ended without agreement, diplomats said.",
        "The advertisement was banned by the regulator in Jakarta.",
        "Photo agencies were barred from the courtroom in Ankara.",
        "Copyright disputes between the two broadcasters went to court in 2019.",
        "Reporting by the state broadcaster suggested the junta had lost control of Kidal.",
    ],
)
def test_sentences_that_start_like_debris_are_kept(line):
    assert debris_reason(line) is None


def test_debris_paragraphs_are_removed_and_recorded():
    raw = f"{BODY_1}\n\nAdvertisement\n\n{BODY_2}\n\nShare this article\n\nBack to top"
    doc = clean(raw)
    assert doc.text == f"{BODY_1}\n\n{BODY_2}"
    assert removed(doc) == [
        ("Advertisement", "boilerplate"),
        ("Share this article", "share_prompt"),
        ("Back to top", "navigation"),
    ]


def test_related_links_take_the_short_link_lines_after_them():
    raw = (
        f"{BODY_1}\n\nRelated Stories:\nUN envoy meets rebels in Darfur\n"
        "Sudan army chief visits Cairo\n\nThe curfew was lifted on Friday, the governor said."
    )
    doc = clean(raw)
    assert doc.text == f"{BODY_1}\n\nThe curfew was lifted on Friday, the governor said."
    assert [reason for _, reason in removed(doc)] == ["related_links"] * 3


# injected headlines


@pytest.mark.parametrize(
    "headline",
    [
        "Protests spread across Chile as pension reform stalls in the senate",
        "How the war in Ukraine changed grain prices in East Africa",
        "Thai opposition leader barred from running in next election",
    ],
)
def test_injected_headline_between_paragraphs_is_removed(headline):
    doc = clean(f"{BODY_1}\n\n{headline}\n\n{BODY_2}")
    assert doc.text == f"{BODY_1}\n\n{BODY_2}"
    assert removed(doc) == [(headline, "injected_headline")]


@pytest.mark.parametrize(
    "line",
    [
        "NIAMEY, July 27 (Reuters) -",  # a dateline
        "Talks stall in Doha",  # a short crosshead
        "The statement listed three demands from the officers who seized power:",
        "Residents described a night of gunfire and fear across the capital.",
        "Why the junta in Niger says it acted now?",
        "witnesses said the shooting stopped shortly before dawn in the old town",
    ],
)
def test_lines_that_are_not_injected_headlines_are_kept(line):
    doc = clean(f"{BODY_1}\n\n{line}\n\n{BODY_2}")
    assert line in doc.text
    assert doc.removed == []


def test_headline_needs_body_on_both_sides():
    headline = "Soldiers detain president at his residence in the capital Niamey"
    first = clean(f"{headline}\n\n{BODY_1}\n\n{BODY_2}")
    last = clean(f"{BODY_1}\n\n{BODY_2}\n\n{headline}")
    assert headline in first.text and headline in last.text


def test_title_repeated_in_the_body_is_not_an_injected_headline():
    title = "Soldiers detain president at his residence in the capital Niamey"
    doc = clean(f"{BODY_1}\n\n{title}\n\n{BODY_2}", title=title)
    assert title in doc.text


# quote spacing


@pytest.mark.parametrize(
    ("raw", "expected", "original"),
    [
        ("“We will hold elections in 2025,”The minister said.", "2025,” The", "2025,”The"),
        ("He called it a “shameful act”Kenya rejected it.", "act” Kenya", "act”Kenya"),
        ("The envoy said“We are ready to talk.”", "said “We", "said“We"),
        ('"We will not resign,"he told reporters in Lima.', 'resign," he', 'resign,"he'),
        ('The senator said"it is over" on Monday.', 'said "it', 'said"it'),
        ("He called it ‘a serious threat,’The paper said.", "threat,’ The", "threat,’The"),
    ],
)
def test_glued_quotes_get_their_space_back(raw, expected, original):
    doc = clean(raw)
    assert expected in doc.text
    [repair] = doc.repairs
    assert repair.kind == "quote_spacing"
    assert doc.text[repair.start : repair.end] == expected
    assert repair.original == original


@pytest.mark.parametrize(
    "raw",
    [
        "Côte d’Ivoire’s president met the press in Abidjan.",
        "The O’Neill report, the ’90s and rock ’n’ roll were all discussed in Dublin.",
        "He said “no” and left.",
        'The ruling was "final" and "binding", the court said.',
        'A 5"x7" print and a stray quote" in Quito.',  # odd straight quotes: left alone
    ],
)
def test_well_spaced_quotes_and_apostrophes_are_untouched(raw):
    doc = clean(raw)
    assert doc.text == raw
    assert doc.repairs == []


# offsets back to raw


def test_offsets_trace_back_to_raw():
    raw = "Title-free text.\n\n  Advertisement\n\nThe  army said“We won”Friday in Juba."
    doc = clean(raw)
    start = doc.text.index("Juba")
    assert raw[to_raw_offset(doc, start) : to_raw_offset(doc, start + 4)] == "Juba"
    start = doc.text.index("We won")
    assert raw[to_raw_offset(doc, start) : to_raw_offset(doc, start + 6)] == "We won"
    assert to_raw_offset(doc, 0) == 0
    assert to_raw_offset(doc, len(doc.text)) == len(raw)


def test_raw_offsets_map_into_the_text():
    raw = f"{BODY_1}\n\nAdvertisement\n\n{BODY_2}"
    doc = clean(raw)
    start = raw.index("The defence")
    assert doc.text[to_text_offset(doc, start) :].startswith("The defence")
    # Removed debris maps to where it stood: the end of the paragraph before it.
    assert to_text_offset(doc, raw.index("Advertisement")) == len(BODY_1)


def test_offsets_of_a_document_not_cleaned_here_stay():
    doc = Document(source="store", raw="Rain in Hanoi.", text="Rain in Hanoi.")
    assert to_raw_offset(doc, 5) == 5


# errors and registration


def test_debris_only_input_is_empty_after_clean():
    with pytest.raises(InputError) as caught:
        clean("Share this article\n\nBack to top button\n\nAdvertisement")
    assert caught.value.cause == E_EMPTY_AFTER_CLEAN


def test_too_long_text_is_an_input_error():
    stage = make_clean(Settings(max_article_chars=20))
    with pytest.raises(InputError, match="over the limit of 20"):
        stage(Document(source="long.txt", raw="Rain fell on Dhaka all day and all night."))


def test_clean_is_a_registered_stage():
    pipeline = Pipeline(Settings(), stages=["clean"])
    doc = pipeline(Document(source="t", raw="Voters queued in Dakar."))
    assert doc.stages == ["clean"] and doc.text == "Voters queued in Dakar."


# properties

_words = st.sampled_from(
    [
        "Troops",
        "entered",
        "Gao.",
        "said",
        "“We",
        "won”Friday",
        '"No,"he',
        "said“Yes",
        "Share this article",
        "Related Articles",
        "Advertisement",
        "Protests spread across Chile as pension reform stalls",
        "\u00a0",
        "\n",
        "\n\n",
        "  ",
        "e\u0301",
        "—",
        ":",
    ]
)
_texts = st.one_of(st.text(max_size=200), st.lists(_words, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(_texts, st.booleans())
def test_cleaning_is_idempotent_and_consistent(raw, is_html):
    try:
        once = clean(raw, is_html=is_html)
    except InputError:
        return
    twice = clean(once.text, is_html=is_html)
    assert twice.text == once.text
    assert twice.repairs == []
    paragraphs = once.text.split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p and "  " not in p for p in paragraphs)
    for repair in once.repairs:
        assert 0 <= repair.start < repair.end <= len(once.text)
        assert once.text[repair.start : repair.end].replace(" ", "") == repair.original
    for item in once.removed:
        assert item.text not in paragraphs


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=200))
def test_offset_runs_copy_the_raw_text(raw):
    try:
        doc = clean(raw)
    except InputError:
        return
    shown = visible(raw)
    for text_start, raw_start, length in doc.raw_offsets:
        piece = doc.text[text_start : text_start + length]
        assert piece == shown[raw_start : raw_start + length]


# a whole article, as pages and rewording tools leave them

ARTICLE = """Junta says it foiled plot in Guinea — Explainer

Guinea's military rulers said on Tuesday they had foiled an attempt to overthrow them, a week \
after the army chief was reshuffled.

"A group of officers planned to seize the presidency on the night of June 2,"the statement read. \
Officials called it a "cowardly plan"and said the plotters were in custody.

Why the Sahel keeps seeing military takeovers after decades of civilian rule

The African Union condemned "any attempt to seize power by force"Conakry later said.

Share this article

Related Stories
Burkina Faso junta names new prime minister

Back to top button
"""


def test_a_whole_article_comes_out_clean():
    doc = CLEAN(document_from_text(ARTICLE, "guinea.txt"))
    assert doc.title == "Junta says it foiled plot in Guinea — Explainer"
    assert doc.text.startswith("Guinea's military rulers said on Tuesday")
    assert doc.text.endswith('"any attempt to seize power by force" Conakry later said.')
    assert removed(doc) == [
        (
            "Why the Sahel keeps seeing military takeovers after decades of civilian rule",
            "injected_headline",
        ),
        ("Share this article", "share_prompt"),
        ("Related Stories", "related_links"),
        ("Burkina Faso junta names new prime minister", "related_links"),
        ("Back to top button", "navigation"),
    ]
    assert [repair.original for repair in doc.repairs] == [
        '2,"the',
        'plan"and',
        'force"Conakry',
    ]
    for repair in doc.repairs:
        start, end = to_raw_offset(doc, repair.start), to_raw_offset(doc, repair.end)
        assert doc.raw[start:end] == repair.original


def test_debris_paragraphs_inside_an_html_article_are_removed():
    html = (
        "<html><body><article><h1>Strike shuts ports in Chile</h1>"
        "<p>Dock workers in Valparaiso walked out on Monday over pay, the union said.</p>"
        "<p>Advertisement</p>"
        "<p>The government said talks would resume later in the week in Santiago.</p>"
        "<p>This story can be shared on social media</p>"
        "</article></body></html>"
    )
    doc = CLEAN(document_from_html(html, "chile.html"))
    assert doc.text == (
        "Dock workers in Valparaiso walked out on Monday over pay, the union said.\n\n"
        "The government said talks would resume later in the week in Santiago."
    )
    assert [reason for _, reason in removed(doc)] == ["boilerplate", "share_prompt"]


@pytest.mark.model
def test_repaired_quotes_keep_entities_whole(parsed):
    doc = parsed("“We foiled the plot on March 3, 2023,”The minister said in Conakry.")
    assert doc.text.count("” The") == 1
    assert all("”" not in entity.text for entity in doc.entities)
