"""Bytes to text: size and binary checks, then UTF-8 with a careful single-byte fallback."""

from __future__ import annotations

import codecs

from ...errors import E_BINARY, E_EMPTY, E_ENCODING, InputError

# Control bytes that never occur in text (tab, newlines, form feed and escape are allowed).
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
# More control bytes than this share of the input means binary, not text.
MAX_CONTROL_SHARE = 0.01
# A single-byte encoding is accepted only when few characters are non-ASCII: in text written in
# English (even with names in French or Spanish) they are rare, in binary data they are half.
MAX_NON_ASCII_SHARE = 0.2

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
HIGH_BYTES = bytes(range(0x80, 0x100))


def decode_bytes(data: bytes, source: str, input_id: str | None = None) -> str:
    """The text of ``data``, or an ``InputError`` saying why it is not text."""
    if data.startswith(UTF16_BOMS):
        return _checked_text(_decode_utf16(data, source, input_id), source, input_id)
    if not data.strip():
        raise InputError(source, E_EMPTY, input_id)
    if _looks_binary(data):
        raise InputError(source, E_BINARY, input_id)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_single_byte(data, source, input_id)
    return _checked_text(text, source, input_id)


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    return controls > MAX_CONTROL_SHARE * len(data)


def _decode_utf16(data: bytes, source: str, input_id: str | None) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputError(source, E_ENCODING, input_id) from None


def _decode_single_byte(data: bytes, source: str, input_id: str | None) -> str:
    """cp1252 (what "latin-1" web text usually is), else latin-1, when the result reads as text."""
    non_ascii = len(data) - len(data.translate(None, HIGH_BYTES))
    if non_ascii > MAX_NON_ASCII_SHARE * len(data):
        raise InputError(source, E_ENCODING, input_id)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if not all(_readable(char) for char in text if ord(char) >= 0x80):
        raise InputError(source, E_ENCODING, input_id)
    return text


def _readable(char: str) -> bool:
    # C1 controls (U+0080..U+009F) only appear when the guess of encoding was wrong.
    return not 0x80 <= ord(char) <= 0x9F


def _checked_text(text: str, source: str, input_id: str | None) -> str:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(source, E_EMPTY, input_id)
    return text
