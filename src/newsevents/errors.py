"""The errors newsevents raises, each with a code, in one place."""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(NewsEventsError):
    """An input that cannot be analysed. ``str()`` is one line naming the input and the cause."""

    def __init__(self, source: str, cause: str, input_id: str | None = None) -> None:
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause
        self.input_id = input_id  # the JSON Lines record's id, when the input was one


class PipelineError(NewsEventsError):
    """A pipeline that cannot be built: an unknown stage, or a layer no earlier stage assigns."""


class StoreError(NewsEventsError):
    """The store cannot be opened or written."""


# Causes of InputError, kept together so messages stay consistent.
E_EMPTY = "the input is empty"
E_EMPTY_AFTER_CLEAN = "no article text is left after cleaning (page debris only?)"
E_BINARY = "looks like a binary file, not text or HTML"
E_ENCODING = "is not UTF-8 and could not be decoded as text"
E_TOO_BIG = "is {size:,} bytes, over the limit of {limit:,} (setting max_input_bytes)"
E_STREAM_TOO_BIG = "is over the limit of {limit:,} bytes (setting max_input_bytes)"
E_TOO_LONG = (
    "article text is {size:,} characters, over the limit of {limit:,} (setting max_article_chars)"
)
E_NO_ARTICLE = "the HTML holds no article text"
E_UNREADABLE = "cannot be read: {reason}"
E_BAD_JSONL = "line {line} is not a valid input object: {reason}"
E_BAD_DATE = "published date {value!r} is not YYYY-MM-DD"
