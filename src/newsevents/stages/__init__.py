"""The pipeline stages, one package each.

Each stage package registers itself when imported; the pipeline imports them (``BUILTIN``) only
when a pipeline is built, so commands that never analyse (``events``, ``show``) skip loading spaCy.
"""

BUILTIN = ("clean", "nlp", "dates", "places", "actors", "attribution", "events", "integrity")
