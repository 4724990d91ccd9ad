"""HTML to article text and metadata, with trafilatura."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from trafilatura import bare_extraction

# Look for the publication date only in the page's metadata (meta tags, JSON-LD, the URL), not in
# the body, where the first date found is often the date of the events, not of the article.
DATE_PARAMS = {"original_date": True, "extensive_search": False}

# A page holds an article when at least one line reads like prose: several words, ending as a
# sentence ends. Navigation and link lists ("Home", "World | Sport") never do.
_PROSE_LINE = re.compile(r"^(?=(?:\S+[ \t]+){2,}\S)[^\n]*[.!?\"”’)][ \t]*$", re.MULTILINE)


_DOCUMENT_TAG = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None
    url: str | None
    date: dt.date | None


def extract_article(html: str, url: str | None = None) -> Article | None:
    """The main text of ``html`` and its metadata, or None when the page holds no article."""
    result = bare_extraction(
        _as_page(html),
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=DATE_PARAMS,
    )
    if result is None or not result.text or not _PROSE_LINE.search(result.text):
        return None
    title = (result.title or "").strip() or None
    return Article(
        text=_without_title(result.text, title),
        title=title,
        url=result.url,
        date=_metadata_date(result.date),
    )


def _as_page(html: str) -> str:
    # A fragment ("<p>...</p>", as JSON Lines records often hold) is not parsed as a page
    # unless it sits in a body.
    if _DOCUMENT_TAG.search(html[:4096]):
        return html
    return f"<html><body>{html}</body></html>"


def _without_title(text: str, title: str | None) -> str:
    """The text without a first line that repeats the title (the page's <h1>)."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and first.strip().casefold() == title.casefold():
        return rest
    return text


def _metadata_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
