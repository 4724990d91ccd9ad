"""The pipeline stages, one package each. Importing this package registers them all."""

from . import (  # noqa: F401
    actors,
    attribution,
    clean,
    dates,
    events,
    integrity,
    nlp,
    places,
)
