"""The model's attribute ruler, matched through an index instead of spaCy's ``Matcher``.

The English models map fine-grained tags to parts of speech and morphology with an
``attribute_ruler`` of about 180 token patterns. spaCy's ``Matcher`` tries every pattern at every
token, a fifth of the whole pipeline's time on news articles. The patterns only test a token's
TAG, LOWER, DEP and IS_SPACE, so which of them hold depends on those four values alone: the
answer is worked out once per distinct combination and looked up after that. The patterns, their
order and the attributes they set are the ruler's own; the result is the same token by token
(``tests/stages/test_nlp.py`` checks that against spaCy's ruler). A ruler with any other kind of
pattern is kept as it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
# Per token: (tag, lower, dep, is_space), as strings and a bool.
Values = tuple[str, str, str, bool]
Test = Callable[[Values], bool]
# Stands for every lower-case form that no pattern names and no pattern's regex finds: such
# words all pass and fail the same tests, so they can share the answers worked out once.
OTHER_WORD = "\x00"


class Unsupported(ValueError):
    """A pattern tests something other than the four attributes, or with another operator."""


def compile_token(spec: dict[str, Any]) -> Test:
    """A test for one token of a pattern: every attribute's condition must hold."""
    tests = [_condition(ATTRIBUTES.index(_known(name)), cond) for name, cond in spec.items()]
    return lambda values: all(test(values) for test in tests)


def lower_forms(specs: list[dict[str, Any]]) -> tuple[frozenset[str], list[re.Pattern]]:
    """The lower-case forms the token specs name, and the regexes they test them with."""
    named: set[str] = set()
    regexes = []
    for spec in specs:
        cond = spec.get("LOWER")
        if isinstance(cond, str):
            named.add(cond)
        elif isinstance(cond, dict):
            for operator, argument in cond.items():
                if operator == "REGEX":
                    regexes.append(re.compile(argument))
                else:
                    named.update(argument)
    if OTHER_WORD in named or any(regex.search(OTHER_WORD) for regex in regexes):
        raise Unsupported("a pattern tests the placeholder for other words")
    return frozenset(named), regexes


def _known(name: str) -> str:
    if name not in ATTRIBUTES:
        raise Unsupported(f"pattern tests {name}")
    return name


def _condition(position: int, cond: Any) -> Test:
    if not isinstance(cond, dict):
        return lambda values: values[position] == cond
    if len(cond) != 1:
        raise Unsupported(f"several operators in {cond}")
    ((operator, argument),) = cond.items()
    if operator == "IN":
        members = frozenset(argument)
        return lambda values: values[position] in members
    if operator == "NOT_IN":
        members = frozenset(argument)
        return lambda values: values[position] not in members
    if operator == "REGEX":
        search = re.compile(argument).search
        return lambda values: bool(search(values[position]))
    raise Unsupported(f"operator {operator}")


class IndexedAttributeRuler:
    """Sets what ``ruler`` would set, finding the matching patterns by lookup."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        # (attribute id, the tests of its tokens, which token gets the attributes)
        self.patterns: list[tuple[int, tuple[Test, ...], int]] = []
        specs = []
        for attr_id in range(len(ruler.attrs)):
            for sequence in ruler.matcher.get(str(attr_id))[1]:
                tests = tuple(compile_token(spec) for spec in sequence)
                self.patterns.append((attr_id, tests, ruler.indices[attr_id]))
                specs.extend(sequence)
        self._named, self._regexes = lower_forms(specs)
        self._lower: dict[int, str] = {}
        self._starting: dict[Values, tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}

    def __call__(self, doc: Doc) -> Doc:
        values = self._values(doc)
        found: dict[int, list[int]] = defaultdict(list)
        for start in range(len(values)):
            for number in self._patterns_starting(values[start]):
                attr_id, tests, index = self.patterns[number]
                end = start + len(tests)
                if end <= len(values) and all(
                    test(values[start + k]) for k, test in enumerate(tests[1:], 1)
                ):
                    found[start + index if index >= 0 else end + index].append(attr_id)
        for position, attr_ids in found.items():
            set_token_attrs(doc[position], self._attrs(tuple(sorted(attr_ids))))
        return doc

    def _values(self, doc: Doc) -> list[Values]:
        strings = self.vocab.strings
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        return [
            (strings[tag], self._lower_form(low), strings[dep], bool(space))
            for tag, low, dep, space in rows
        ]

    def _lower_form(self, key: int) -> str:
        """The token's lower-case form, or ``OTHER_WORD`` when no pattern tells it apart."""
        form = self._lower.get(key)
        if form is None:
            form = self.vocab.strings[key]
            if form not in self._named and not any(r.search(form) for r in self._regexes):
                form = OTHER_WORD
            self._lower[key] = form
        return form

    def _patterns_starting(self, values: Values) -> tuple[int, ...]:
        """The patterns whose first token matches a token with ``values`` (worked out once)."""
        found = self._starting.get(values)
        if found is None:
            found = tuple(n for n, (_, tests, _) in enumerate(self.patterns) if tests[0](values))
            self._starting[values] = found
        return found

    def _attrs(self, attr_ids: tuple[int, ...]) -> dict:
        """The attributes that ``attr_ids`` set, applied in order: a later pattern wins."""
        merged = self._merged.get(attr_ids)
        if merged is None:
            merged = {}
            for attr_id in attr_ids:
                merged.update(self.ruler.attrs[attr_id])
            self._merged[attr_ids] = merged
        return merged


@Language.factory("indexed_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """The indexed twin of the pipeline's ``attribute_ruler`` (which must be in it)."""
    return IndexedAttributeRuler(nlp.get_pipe("attribute_ruler"))


def index_attribute_ruler(nlp: Language) -> None:
    """Swap the model's ``attribute_ruler`` for its indexed twin, where its patterns allow."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    try:
        nlp.add_pipe("indexed_attribute_ruler", after="attribute_ruler")
    except Unsupported:
        return
    nlp.remove_pipe("attribute_ruler")
