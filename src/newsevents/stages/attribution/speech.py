"""Find who said what in a parsed text: quotations and their speakers, and reported speech.

Works on a spaCy ``Doc`` with a dependency parse and returns ``Claim`` objects in character offsets;
the stage turns them into ``Attribution`` objects. Tried in this order, each cue word used once:

1. quotations (``quotes.find_quotes``) with the nearest cue verb in or around their sentence, a
   following "the statement was made by X", or the speaker of the quotation just before;
2. cue verbs with a reported clause or object: "X said (that) ...", "..., X said", "X denied ...",
   "Y has been told by X that ..." (Y relays the claim), "X accused Y of ...";
3. "according to X, ...";
4. cue nouns with a that-clause or what they are about: "X's claim that ...", "the announcement by
   X that ...", "X's criticism of ...";
5. headline conventions, read from the text: "Speaker: claim" and "Claim, speaker says";
6. verbs of seeming in a main clause, outside every other claim: "the talks appear to have
   stalled" (the writer's impression, no source).

Reported speech stays within its cue's paragraph; quotations may run over paragraphs. A claim
reported inside another claim's content is part of that claim, not a claim of its own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from .lexicon import (
    cue_nouns,
    cue_prepositions,
    cue_triggers,
    cue_verbs,
    headline_labels,
    seeming_verbs,
)
from .quotes import Quote, find_quotes

Bounds = tuple[int, int]  # character offsets, end exclusive

# A shorter quotation is a scare quote or a title, unless it ends like speech (SPOKEN_ENDINGS).
MIN_QUOTE_WORDS = 4
# A quoted title: at most this many words, each of at least MIN_TITLE_WORD letters capitalised.
MAX_TITLE_WORDS = 8
MIN_TITLE_WORD = 4
# A quotation that ends with one of these inside its marks is speech, however short.
SPOKEN_ENDINGS = frozenset(",?!")
# How many sentence starts may separate a quotation from the earlier one whose speaker it inherits.
MAX_SENTENCES_TO_SPEAKER = 2
# How long the when, where and how of a speaker's sentence may be ("said in a statement on
# Monday.") for the quotation after it to go on with the claim.
MAX_CIRCUMSTANCE_TOKENS = 12
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
# A verb without a subject of its own takes its head's ("..., saying ...", "and added ...",
# "was able to tout ...").
INHERITS_SUBJECT = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acomp"})
# What may stand between a verb and its subject, or make up a speaker named after the verb.
NAME_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON"})
# Objects that do the verb after them in "forced Ruiz to admit ...": names and pronouns; a common
# noun is as often a thing ("used the time to criticize ...").
CONTROLLER_POS = frozenset({"PROPN", "PRON"})
NOT_SPEAKERS = frozenset({"DATE", "TIME"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Prepositions that carry the claim of an "object" verb: "accused X of ...", "called for ...".
CLAIM_PREPOSITIONS = frozenset({"of", "for", "about", "over", "that"})
# Prepositions that carry what a cue noun is about: "criticism of the deal", "doubts about it".
NOUN_TOPIC_PREPOSITIONS = frozenset({"of", "about", "over", "against"})
EDGE_PUNCTUATION = frozenset(",;:-–—")
# What follows a verb of seeming when it states an impression: "appears to have ...", "seemed
# irritated", "seems a good idea", "appeared likely".
SEEMING_COMPLEMENTS = frozenset({"xcomp", "oprd", "acomp", "attr", "ccomp"})
# A line of a few words, a colon, then a claim that does not end with a full stop; the title
# (the text's first line) may end with one.
HEADLINE = re.compile(
    r"^(?P<speaker>[A-Z][^\n:.!?]{0,40}?)(?P<colon>:) "
    r"(?P<claim>[A-Z‘“'\x22][^\n]{8,}[^.\s])(?P<stop>\.?)[ \t]*$",
    re.MULTILINE,
)
MAX_HEADLINE_SPEAKER_WORDS = 5
# A line "Claim, speaker says", optionally followed by a dash and a section name.
HEADLINE_SAYS = re.compile(
    r"^(?P<claim>[^\n.]{8,}?), (?P<speaker>[^,\n.]{2,40}?) (?P<cue>[a-z]+)[ \t]*(?:[—–-][^\n]*)?$",
    re.MULTILINE,
)
# A quotation signed with a dash and a name that ends its line or comes right before the next
# quotation: “...” ― Ana Ruiz
DASH_SIGNATURE = re.compile(
    r"[ \t]*(?P<dash>[―—–])[ \t]*(?P<speaker>[A-Z][\w'’-]*\.?(?: [A-Z][\w'’-]*\.?){0,4})"
    r"[ \t]*(?=$|[“‘«\x22])",
    re.MULTILINE,
)
LISTENING_VERBS = frozenset({"tell", "inform", "brief"})


@dataclass
class Claim:
    cue: Bounds
    content: Bounds
    source: Bounds | None
    direct: bool = False
    via: list[Bounds] = field(default_factory=list)


def find_claims(doc: Doc) -> list[Claim]:
    """Every attributed claim in ``doc``, ordered by cue."""
    text = doc.text  # spaCy builds this string anew on every access: read it once
    used: set[int] = set()  # token indices already serving as a cue
    quotes = find_quotes(text)
    claims = list(_quotation_claims(doc, text, quotes, used))
    claims.extend(
        headline
        for headline in _headline_claims(text)
        if not any(_overlaps(headline.content, claim.content) for claim in claims)
    )
    cue_starts = {claim.cue[0] for claim in claims}
    for token in _trigger_tokens(doc):
        if token.i in used or token.idx in cue_starts:
            continue
        claim = _verb_claim(token, text) or _according_claim(token) or _noun_claim(token)
        if claim is not None:
            claim = _within_paragraph(text, claim)
        if claim is not None and not _quoted(claim.cue, quotes, claims):
            used.add(token.i)
            claims.append(claim)
    claims.extend(_impressions(doc, claims))
    return sorted(_outermost(claims), key=lambda claim: claim.cue)


def _impressions(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Claims of verbs of seeming that hold no other claim and are held by none: "officials
    said the talks appear to have stalled" is the officials' claim."""
    found = (_seeming_claim(token) for token in _trigger_tokens(doc))
    return [
        claim
        for claim in found
        if claim is not None
        and not any(_overlaps(claim.content, _extent(other)) for other in claims)
    ]


def _extent(claim: Claim) -> Bounds:
    """From the first to the last character of the claim's cue, content and source."""
    parts = [claim.cue, claim.content, *([claim.source] if claim.source else [])]
    return min(start for start, _ in parts), max(end for _, end in parts)


def _outermost(claims: list[Claim]) -> list[Claim]:
    """The claims whose cue is not inside the content of a wider claim: "X said Y wants Z" is
    X's claim, and what Y wants is part of it (news attribution corpora annotate only the outer)."""
    kept: list[Claim] = []
    for claim in sorted(claims, key=lambda c: c.content[0] - c.content[1]):
        if not any(other.content[0] <= claim.cue[0] < other.content[1] for other in kept):
            kept.append(claim)
    return kept


def _trigger_tokens(doc: Doc) -> Iterator[Token]:
    """The tokens whose lower-case form may cue a claim, found in the doc's array of forms:
    no ``Token`` object is made for the other words."""
    wanted = {doc.vocab.strings[word] for word in cue_triggers()}
    for i, lower in enumerate(doc.to_array(LOWER).tolist()):
        if lower in wanted:
            yield doc[i]


# --- quotations ---------------------------------------------------------------------------------


def _quotation_claims(doc: Doc, text: str, quotes: list[Quote], used: set[int]) -> Iterator[Claim]:
    previous: Claim | None = None
    speech = [_is_speech(text, quote) for quote in quotes]
    spoken = [quote for quote, said in zip(quotes, speech, strict=True) if said]
    quoted = {t.i for quote in spoken for t in _tokens_within(doc, quote)}
    merged: Quote | None = None  # a quotation already joined to the claim before it
    for position, quote in enumerate(quotes):
        if quote is merged or not speech[position]:
            continue
        content = (quote.start, quote.end)
        claim = (
            _dash_signed(text, quote)
            or _introduced_by_colon(doc, text, quote, used)
            or _speaker_nearby(doc, text, quote, used, quoted)
            or _signed_by_verb_after(doc, text, quote, used)
        )
        if claim is None and previous is not None and _inherits_speaker(doc, text, previous, quote):
            claim = Claim(previous.cue, content, previous.source, True, list(previous.via))
        if claim is None:
            continue
        following = quotes[position + 1] if position + 1 < len(quotes) else None
        if following is not None and _resumes_after_cue(doc, text, claim, following):
            claim.content = (claim.content[0], following.end)  # “A,” she said, “b.”
            merged = following
        previous = claim
        yield claim


def _dash_signed(text: str, quote: Quote) -> Claim | None:
    signature = DASH_SIGNATURE.match(text, quote.end)
    if signature is None:
        return None
    start, end = signature.span("speaker")
    end -= text[end - 1] == "."  # the full stop after the name
    return Claim(signature.span("dash"), (quote.start, quote.end), (start, end), True)


def _introduced_by_colon(doc: Doc, text: str, quote: Quote, used: set[int]) -> Claim | None:
    """ "Cruz continued: “...”": any verb with a subject, right before the colon, cues the quote."""
    if _char_before(text, quote.start) != ":":
        return None
    mark = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    before = [t for t in doc[max(mark.start - 4, 0) : mark.start] if not t.is_space] if mark else []
    if len(before) < 2 or before[-1].text != ":":
        return None
    verb = before[-2]
    subject = _subject_of(verb) if verb.pos_ == "VERB" and verb.i not in used else None
    if subject is None or subject.dep_ == "nsubjpass":
        return None
    used.add(verb.i)
    return Claim(_cue_bounds(verb), (quote.start, quote.end), _phrase(subject), True, [])


def _signed_by_verb_after(doc: Doc, text: str, quote: Quote, used: set[int]) -> Claim | None:
    """ "“...,” Ruiz continued.": any verb with its subject right after a quotation that breaks
    off like speech cues it, as a verb before a colon does."""
    if text[quote.inner_end - 1 : quote.inner_end] not in SPOKEN_ENDINGS:
        return None
    after = doc.char_span(quote.end, min(len(text), quote.end + 1), alignment_mode="expand")
    if after is None:
        return None
    window = list(itertools.takewhile(_inside_signature, doc[after.start : after.start + 6]))
    for verb in window:
        subject = _subject_of(verb, depth=0) if verb.pos_ == "VERB" else None
        if subject is None or subject not in window or verb.i in used:
            continue
        if subject.dep_ == "nsubjpass":
            return None
        used.add(verb.i)
        return Claim(_cue_bounds(verb), (quote.start, quote.end), _phrase(subject), True)
    return None


def _inside_signature(token: Token) -> bool:
    return not (token.is_quote or token.is_sent_end or token.text in ".;:" or "\n" in token.text)


def _resumes_after_cue(doc: Doc, text: str, claim: Claim, quote: Quote) -> bool:
    """Whether ``quote`` goes on right after the cue and speaker that follow the claim's quote:
    “A,” she said, “b.” and “A,” she said on Monday. “B.” are one claim each."""
    if claim.cue[0] < claim.content[1] or DASH_SIGNATURE.match(text, claim.content[1]):
        return False  # a cue before the quotation, or a signature that closes it
    said = max(claim.cue[1], claim.source[1] if claim.source else 0)
    if said > quote.start:
        return False
    between = text[said : quote.start]
    if not between.strip(" ,:."):
        return True
    if "\n" in between or between.rstrip()[-1:] not in (".", ",", ":"):
        return False
    circumstances = doc.char_span(said, quote.start, alignment_mode="expand")
    return (
        circumstances is not None
        and len(circumstances) <= MAX_CIRCUMSTANCE_TOKENS
        and not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in circumstances)
    )


def _is_speech(text: str, quote: Quote) -> bool:
    """A quotation of speech, not a scare quote or a quoted fragment inside reported speech."""
    inner = text[quote.inner_start : quote.inner_end].strip()
    if inner[:1].islower() or _is_title(inner):
        return False
    return inner[-1:] in SPOKEN_ENDINGS or len(inner.split()) >= MIN_QUOTE_WORDS


def _is_title(inner: str) -> bool:
    """A quoted name of a show, book or slogan: a few words, every long one capitalised."""
    words = inner.rstrip(",.").split()
    long_words = [word for word in words if len(word) >= MIN_TITLE_WORD]
    return 2 <= len(words) <= MAX_TITLE_WORDS and all(word[0].isupper() for word in long_words)


def _tokens_within(doc: Doc, quote: Quote) -> Iterable[Token]:
    return doc.char_span(quote.start, quote.end, alignment_mode="expand") or ()


def _speaker_nearby(
    doc: Doc, text: str, quote: Quote, used: set[int], quoted: set[int]
) -> Claim | None:
    """The claim of a quotation whose cue is nearby, outside every quotation and not yet used."""
    tokens = [t for t in _tokens_around(doc, text, quote) if t.i not in used and t.i not in quoted]
    cues = [t for t in tokens if _is_cue_verb(t)]
    cues.sort(key=lambda t: _distance(t, quote))
    for cue in cues:
        if _paragraph_break_between(text, cue.idx, quote):
            continue  # a parse that ran over a paragraph break
        source = _source_of(cue)
        if source is not None and _overlaps(source, (quote.start, quote.end)):
            continue
        if _reports_something_else(cue, quote):
            continue
        used.add(cue.i)
        claim = Claim(_cue_bounds(cue), (quote.start, quote.end), source, True, _via_of(cue))
        return _within_paragraph(text, claim)
    for token in tokens:
        made_by = _statement_made_by(token)
        if made_by is not None:
            used.add(token.head.i)
            cue, source = made_by
            return Claim(cue, (quote.start, quote.end), source, True)
    return None


def _paragraph_break_between(text: str, index: int, quote: Quote) -> bool:
    if index < quote.start:
        return "\n" in text[index : quote.start]
    return index >= quote.end and "\n" in text[quote.end : index]


def _tokens_around(doc: Doc, text: str, quote: Quote) -> Iterator[Token]:
    """Tokens of the sentences the quotation touches, and of the sentences just beside it."""
    first = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    last = doc.char_span(quote.end - 1, quote.end, alignment_mode="expand")
    if first is None or last is None:
        return
    start, end = first[0].sent.start, last[-1].sent.end
    if _char_before(text, quote.start) == ":" and start > 0:
        start = doc[start - 1].sent.start
    if end < len(doc) and _same_paragraph(text[quote.end : doc[end].idx]):
        end = doc[end].sent.end  # "“...” he said." parsed as two sentences
    yield from doc[start:end]


def _char_before(text: str, index: int) -> str:
    """The last character before ``index`` that is not a space."""
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return text[index - 1] if index else ""


def _same_paragraph(between: str) -> bool:
    return not between.strip() and "\n" not in between


def _distance(token: Token, quote: Quote) -> int:
    return min(abs(token.idx - quote.end), abs(token.idx - quote.start))


def _reports_something_else(cue: Token, quote: Quote) -> bool:
    """Whether ``cue`` has a reported clause of its own, away from the quotation."""
    content = next((c for c in cue.children if c.dep_ in ("ccomp", "xcomp")), None)
    if content is None or _opens_with_quote(content):  # “A,” she said, “b.” goes on quoting
        return False
    return not _overlaps(_phrase(content), (quote.start, quote.end))


def _opens_with_quote(clause: Token) -> bool:
    first = clause.left_edge
    return first.is_quote or (first.i > 0 and first.doc[first.i - 1].is_quote)


def _statement_made_by(token: Token) -> tuple[Bounds, Bounds] | None:
    """Cue and speaker of 'the statement was made by X': a cue noun as passive subject."""
    if token.dep_ != "nsubjpass" or token.lower_ not in cue_nouns():
        return None
    agent = _agent_of(token.head)
    if agent is None:
        return None
    return _cue_bounds(token.head), _phrase(agent)


def _inherits_speaker(doc: Doc, text: str, previous: Claim, quote: Quote) -> bool:
    """Whether ``quote`` follows ``previous``'s quotation closely enough to share its speaker,
    and is long enough to be more speech rather than a name or a chant."""
    inner = text[quote.inner_start : quote.inner_end]
    return len(inner.split()) >= MIN_QUOTE_WORDS and _close_after(doc, previous, quote)


def _close_after(doc: Doc, previous: Claim, quote: Quote) -> bool:
    between = doc.char_span(previous.content[1], quote.start, alignment_mode="contract")
    if between is None:
        return quote.start - previous.content[1] < 3
    starts = sum(1 for token in between if token.is_sent_start)
    return starts <= MAX_SENTENCES_TO_SPEAKER


def _within_paragraph(text: str, claim: Claim) -> Claim | None:
    """The claim cut to its cue's paragraph: reported speech does not run over a line break."""
    start = text.rfind("\n", 0, claim.cue[0]) + 1
    end = text.find("\n", claim.cue[1])
    end = len(text) if end < 0 else end
    content = claim.content if claim.direct else _clip(text, claim.content, start, end)
    if content is None:
        return None
    source = _clip(text, claim.source, start, end) if claim.source else None
    return Claim(claim.cue, content, source, claim.direct, claim.via)


def _clip(text: str, bounds: Bounds, start: int, end: int) -> Bounds | None:
    return _strip(text, max(bounds[0], start), min(bounds[1], end))


def _quoted(cue: Bounds, quotes: Iterable[Quote], claims: Iterable[Claim]) -> bool:
    """Whether ``cue`` is inside a closed quotation or a claimed one: speech the quotation reports
    ("I think ...") is part of its claim, not a claim of its own."""
    return any(quote.closed and quote.start < cue[0] < quote.end for quote in quotes) or any(
        other.direct and other.content[0] <= cue[0] < other.content[1] for other in claims
    )


# --- headlines ---------------------------------------------------------------------------------


def _headline_claims(text: str) -> Iterator[Claim]:
    """Headline conventions the parser misreads: "Speaker: claim" and "Claim, speaker says"."""
    for match in HEADLINE.finditer(text):
        words = match.group("speaker").lower().split()
        if match.group("stop") and match.start() > 0:
            continue
        if len(words) <= MAX_HEADLINE_SPEAKER_WORDS and words[0] not in headline_labels():
            yield Claim(match.span("colon"), match.span("claim"), match.span("speaker"))
    for match in HEADLINE_SAYS.finditer(text):
        if match.group("cue").lower() in cue_verbs():
            yield Claim(match.span("cue"), match.span("claim"), match.span("speaker"))


# --- cue verbs ----------------------------------------------------------------------------------


def _is_cue_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lower_ in cue_verbs()


def _verb_claim(verb: Token, text: str) -> Claim | None:
    if not _is_cue_verb(verb):
        return None
    content = _content_of(verb)
    if content is None:
        return None
    source = _source_of(verb)
    if source is not None and not (
        (verb.dep_ == "relcl" or _is_parenthetical(verb)) and _within(source, content)
    ):
        # A relative clause's claim takes its subject along ("the cuts that critics say hurt"),
        # and so does a claim with its cue set inside.
        source = _before(text, source, content)
    return Claim(_cue_bounds(verb), content, source, False, _via_of(verb))


def _content_of(verb: Token) -> Bounds | None:
    """The claim a cue verb reports: its clause, else (for some verbs) its object."""
    # The nearest clause: a parse over a paragraph break can hang a second one on the verb.
    clauses = [c for c in verb.children if c.dep_ in CLAUSE_DEPS and not _is_punctuation(c)]
    if clauses:
        return _clause_before_next_cue(min(clauses, key=lambda clause: abs(clause.i - verb.i)))
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) == 2 and subjects[0].i < verb.i < subjects[1].i:
        return _phrase(subjects[0])  # "The treaty is dead, said Ruiz": a claim read as a subject
    agent = _agent_of(verb)
    if agent is not None:
        for child in agent.children:
            if child.dep_ in ("acl", "relcl") and _starts_with_that(child):
                return _phrase(child)
            if child.dep_ == "prep" and child.lower_ in CLAIM_PREPOSITIONS:
                return _phrase(child)  # "accused by X of ..." hangs the claim on X
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.i < verb.head.i:
        # "But, he said, the talks will resume": the claim goes on after the cue's clause.
        rest = _trim(list(verb.doc[verb.right_edge.i + 1 : verb.head.right_edge.i + 1]))
        return _bounds(rest[0], rest[-1]) if rest else None
    if _is_parenthetical(verb):
        # "The port was closed, she said, until the strike ended": the whole sentence is the
        # claim, the cue set inside it.
        return _phrase(_clause_root(verb))
    if not cue_verbs()[verb.lower_].takes_object:
        return None
    # "denied the charges", then "accused of ...", then the passive "the charges were denied".
    for deps in (("dobj",), ("prep",), ("nsubjpass",)):
        for child in verb.children:
            if child.dep_ in deps and _can_be_claim(child, verb):
                return _phrase(child)
    return None


def _clause_before_next_cue(clause: Token) -> Bounds:
    """A reported clause up to a second cue the parser joined to it: in "She said the port was
    closed and added that ...", "added" is her second claim, not part of the first."""
    second = next((c for c in clause.children if _is_second_cue(c)), None)
    if second is None:
        return _phrase(clause)
    tokens = [t for t in clause.subtree if t.i < second.left_edge.i]
    while tokens and tokens[-1].dep_ == "cc":
        tokens.pop()
    tokens = _trim(tokens)
    return _bounds(tokens[0], tokens[-1]) if tokens else _phrase(clause)


def _is_second_cue(token: Token) -> bool:
    """A cue verb with a clause of its own, joined to a reported clause ("... and added that")."""
    return (
        token.dep_ in ("conj", "advcl")
        and token.head.dep_ in CLAUSE_DEPS
        and _is_cue_verb(token)
        and any(c.dep_ == "ccomp" for c in token.children)
    )


def _is_parenthetical(verb: Token) -> bool:
    """A cue with its subject set into the claim's clause after it starts: "..., he said, ..."."""
    return (
        verb.dep_ == "parataxis"
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.head.i < verb.i
        and any(child.dep_ == "nsubj" for child in verb.children)
    )


def _clause_root(token: Token) -> Token:
    while token.dep_ != "ROOT" and token.head is not token:
        token = token.head
    return token


def _can_be_claim(child: Token, verb: Token) -> bool:
    if child.dep_ == "prep":
        return child.i > verb.i and child.lower_ in _claim_prepositions(verb)
    return child.lower_ not in RELATIVE_PRONOUNS


def _claim_prepositions(verb: Token) -> frozenset[str]:
    lemma = cue_verbs()[verb.lower_].lemma
    return CLAIM_PREPOSITIONS | cue_prepositions().get(lemma, frozenset())


def _source_of(verb: Token) -> Bounds | None:
    agent = _agent_of(verb)
    if agent is not None:
        return _phrase(agent)
    if _is_second_cue(verb) and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return _source_of(verb.head.head)  # the speaker of the claim it was joined to
    subject = _subject_of(verb)
    if subject is None and verb.dep_ == "acl":
        return _bounds(verb.head.left_edge, verb.head)  # "emails showing that ...", "calls saying"
    if subject is None:
        return _speaker_after(verb)
    if subject.dep_ == "nsubjpass":
        return None
    return _phrase(subject)


def _speaker_after(verb: Token) -> Bounds | None:
    """The speaker named right after the verb: "“...,” said Ana Ruiz, a farmer." or "Said Ruiz:"."""
    doc = verb.doc
    if not (verb.is_sent_start or (verb.i > 0 and _is_punctuation(doc[verb.i - 1]))):
        return None
    name = list(itertools.takewhile(_in_name, doc[verb.i + 1 : verb.sent.end]))
    after = verb.i + 1 + len(name)
    if not name or (after < len(doc) and not _is_punctuation(doc[after])):
        return None
    if any(token.head == verb and token.dep_ in ("dobj", "ccomp") for token in name):
        return None  # "..., denied the charges.": the object, not a speaker
    last = max((c.right_edge for t in name for c in t.children if c.dep_ == "appos"), default=None)
    return _bounds(name[0], last if last is not None and last.i > name[-1].i else name[-1])


def _in_name(token: Token) -> bool:
    return token.pos_ in NAME_POS and token.ent_type_ not in NOT_SPEAKERS


def _subject_of(verb: Token, depth: int = 3) -> Token | None:
    # The nearest subject: a parse that runs over a heading can hang a second one on the verb.
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if subjects:
        return min(subjects, key=lambda child: abs(child.i - verb.i))
    controller = _controlling_object(verb)
    if controller is not None:
        return controller
    if depth and verb.dep_ in INHERITS_SUBJECT and verb.head is not verb:
        return _subject_of(verb.head, depth - 1)
    return None


def _controlling_object(verb: Token) -> Token | None:
    """The object that does the verb in "forced the minister to admit" or "left voters feeling"."""
    if verb.dep_ != "xcomp":
        return None
    objects = (c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i)
    return next((c for c in objects if c.pos_ in CONTROLLER_POS), None)


def _agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _via_of(verb: Token) -> list[Bounds]:
    """Who relays the claim: the listener of 'told', when the speaker told it to the press."""
    if cue_verbs()[verb.lower_].lemma not in LISTENING_VERBS:
        return []
    if _agent_of(verb) is not None:
        listener = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    else:
        listener = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    return [_phrase(listener)] if listener is not None else []


def _cue_bounds(verb: Token) -> Bounds:
    particles = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return _bounds(verb, particles[-1] if particles else verb)


# --- verbs of seeming ---------------------------------------------------------------------------


def _seeming_claim(verb: Token) -> Claim | None:
    """ "The talks appear to have stalled": the whole clause is the writer's impression, the verb
    its cue, and no one is named as its source."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lower_ not in seeming_verbs():
        return None
    if verb.dep_ not in ("ROOT", "conj"):
        return None  # "... because they appeared to ...": part of a wider claim
    complements = (c for c in verb.children if c.dep_ in SEEMING_COMPLEMENTS and c.i > verb.i)
    complement = next(complements, None)
    if complement is None:
        return None  # "appeared on television", "appeared in court"
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    first = subject.left_edge if subject is not None and subject.i < verb.i else verb
    clause = _trim(list(verb.doc[first.i : complement.right_edge.i + 1]))
    return Claim(_cue_bounds(verb), _bounds(clause[0], clause[-1]), None)


# --- according to, cue nouns --------------------------------------------------------------------


def _according_claim(token: Token) -> Claim | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.nbor(1)
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if to.lower_ != "to" or source is None:
        return None
    phrase = _bounds(token, source.right_edge)
    content = _rest_of_sentence(token.sent, phrase)
    if content is None:
        return None
    return Claim(_bounds(token, to), content, _phrase(source))


def _rest_of_sentence(sent: Span, phrase: Bounds) -> Bounds | None:
    """The longer part of ``sent`` on either side of ``phrase``, without edge punctuation."""
    before = _trim([t for t in sent if t.idx + len(t) <= phrase[0]])
    after = _trim([t for t in sent if t.idx >= phrase[1]])
    sides = [_bounds(side[0], side[-1]) for side in (before, after) if side]
    return max(sides, key=lambda b: b[1] - b[0], default=None)


def _noun_claim(noun: Token) -> Claim | None:
    if noun.pos_ != "NOUN" or noun.lower_ not in cue_nouns():
        return None
    clause = next(
        (c for c in noun.children if c.dep_ in ("acl", "ccomp") and _starts_with_that(c)), None
    )
    if clause is not None:
        return Claim(_bounds(noun, noun), _phrase(clause), _noun_source(noun))
    for preposition in noun.children:  # "criticism of the deal": the cue takes the preposition
        topic = _topic_of(preposition) if preposition.i == noun.i + 1 else None
        if topic is not None:
            return Claim(_bounds(noun, preposition), _phrase(topic), _noun_source(noun))
    return None


def _topic_of(preposition: Token) -> Token | None:
    if preposition.dep_ != "prep" or preposition.lower_ not in NOUN_TOPIC_PREPOSITIONS:
        return None
    return next((c for c in preposition.children if c.dep_ in ("pobj", "pcomp")), None)


def _noun_source(noun: Token) -> Bounds | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return _phrase(child)
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _phrase(pobj)
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.pos_ == "VERB":
        return _source_of(noun.head.head)  # "X said in a statement that ..."
    return None


# --- spans --------------------------------------------------------------------------------------


def _starts_with_that(token: Token) -> bool:
    return token.left_edge.lower_ == "that"


def _is_punctuation(token: Token) -> bool:
    return token.is_quote or token.is_punct


def _phrase(token: Token) -> Bounds:
    """The character bounds of ``token``'s subtree, without punctuation at its edges."""
    tokens = _trim(list(token.subtree)) or [token]
    return _bounds(tokens[0], tokens[-1])


def _trim(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and (tokens[start].is_punct or tokens[start].is_space):
        start += 1
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space):
        end -= 1
    return tokens[start:end]


def _bounds(first: Token, last: Token) -> Bounds:
    return first.idx, last.idx + len(last)


def _before(text: str, source: Bounds, content: Bounds) -> Bounds | None:
    """The part of ``source`` before ``content`` when a parse put the claim inside the source."""
    if not _overlaps(source, content):
        return source
    if source[0] >= content[0]:
        return None
    return _strip(text, source[0], content[0])


def _strip(text: str, start: int, end: int) -> Bounds | None:
    """``start, end`` without spaces and clause punctuation at its edges; None if empty."""
    while start < end and (text[start].isspace() or text[start] in EDGE_PUNCTUATION):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCTUATION):
        end -= 1
    return (start, end) if start < end else None


def _within(inner: Bounds, outer: Bounds) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlaps(a: Bounds, b: Bounds) -> bool:
    return a[0] < b[1] and b[0] < a[1]
