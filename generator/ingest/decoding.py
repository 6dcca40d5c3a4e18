"""Bytes to text for the ingest stage: byte-order marks, UTF-8 (strict or with a few
broken bytes), UTF-16 without a mark, and a Cyrillic vs Western guess for 8-bit files."""

from __future__ import annotations

import codecs
import re
from collections import Counter

from generator.errors import UndecodableError

__all__ = ["decode_bytes"]


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CYRILLIC_WORD_RE = re.compile(r"\b[а-яёА-ЯЁ]{2,}\b")
_MIXED_SCRIPT_RE = re.compile(r"[a-zA-Z][а-яёА-ЯЁ]|[а-яёА-ЯЁ][a-zA-Z]")
_CYRILLIC_LOWER_RE = re.compile(r"[а-яё]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _decode_8bit(data: bytes) -> str:
    """Windows-1251/KOI8-R when the bytes read as Cyrillic words, else Windows-1252/Latin-1.
    Western text read as cp1251 gives Cyrillic letters inside Latin words; Russian gives
    whole Cyrillic words. KOI8-R read as cp1251 is mostly capitals, so case decides."""
    sample = data[:65536]
    as_1251 = sample.decode("cp1251", errors="replace")
    words = len(_CYRILLIC_WORD_RE.findall(as_1251))
    if words and words > 2 * len(_MIXED_SCRIPT_RE.findall(as_1251)):
        as_koi8 = sample.decode("koi8_r", errors="replace")
        koi8_lower = len(_CYRILLIC_LOWER_RE.findall(as_koi8)) / max(1, len(as_koi8))
        cp1251_lower = len(_CYRILLIC_LOWER_RE.findall(as_1251)) / max(1, len(as_1251))
        return data.decode("koi8_r" if koi8_lower > cp1251_lower else "cp1251", errors="replace")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: in text of one script the high bytes take two
    values, NUL (spaces, digits, punctuation) and the script's block (0x04 for Cyrillic)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    for encoding, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        common = Counter(high).most_common(2)
        if (
            0 in dict(common)
            and sum(n for _, n in common) >= 0.95 * len(high)
            and low.count(0) < 0.05 * len(low)
        ):
            return encoding
    return None


def _decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise UndecodableError(f"not valid {encoding} after its byte-order mark") from None
    if b"\x00" in data:
        utf16 = _sniff_utf16(data)
        try:
            if utf16:
                return data.decode(utf16)
        except UnicodeDecodeError:
            pass
        raise UndecodableError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        lenient = data.decode("utf-8", errors="replace")
    # UTF-8 with a few broken bytes (a truncated download) stays UTF-8.
    bad = lenient.count("\ufffd")
    return lenient if len(_NON_ASCII_RE.findall(lenient)) >= 11 * bad else _decode_8bit(data)


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes to text: byte-order mark, else strict UTF-8, else UTF-8 with
    a few bad bytes, else a Cyrillic (cp1251/KOI8-R) vs Western (cp1252/Latin-1) guess.

    Newlines are normalized (CRLF and CR -> LF) and a BOM is dropped, so offsets into the
    returned text are offsets into this normalized text, not into the bytes.
    Raises UndecodableError (an ArticleError and a ValueError) for binary data (NUL or
    control bytes) or text that contradicts its byte-order mark.
    """
    text = _decode_text(data)
    sample = text[:65536]
    if sample and len(_CONTROL_RE.findall(sample)) > 0.01 * len(sample):
        raise UndecodableError("binary file (control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
