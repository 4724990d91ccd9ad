"""The integrity stage: flags for what looks wrong in an article.

Each check reads the layers of earlier stages (and the text) and returns ``Flag`` objects whose
message says what is wrong and why, with the evidence span in ``Document.text``. Precision matters
far more than recall: a check only fires on a clear, general symptom. See each module for its rule.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ...document import Document, Flag
from ...pipeline import Stage, register_stage
from ...settings import Settings
from .contradictions import check_contradictions
from .counts import check_counts
from .geography import check_location_outliers
from .injected import check_injected
from .quotes import check_quotes
from .sourcing import check_anonymous_sources, check_unattributed_claims
from .timeline import check_dates

logger = logging.getLogger(__name__)

Check = Callable[[Document], list[Flag]]

CHECKS: tuple[Check, ...] = (
    check_location_outliers,
    check_contradictions,
    check_counts,
    check_quotes,
    check_injected,
    check_anonymous_sources,
    check_unattributed_claims,
    check_dates,
)


class IntegrityStage(Stage):
    name = "integrity"

    def __init__(self, checks: tuple[Check, ...] = CHECKS) -> None:
        self.checks = checks

    def __call__(self, doc: Document) -> Document:
        flags = [found for check in self.checks for found in check(doc)]
        doc.flags = sorted(flags, key=lambda f: (f.evidence.start, f.kind))
        logger.debug("%s: %d flags", doc.source, len(doc.flags))
        return doc


@register_stage("integrity", requires=("events", "places", "attributions"), assigns=("flags",))
def make_integrity(settings: Settings) -> IntegrityStage:
    return IntegrityStage()
