"""JSON Lines archives: one article per line, read as a stream, fixed into a new file line for line.

A record's findings point at the record (its id, or its line number) and at character offsets inside its
text field. Fixing rewrites only the text field's JSON string inside the line: every other field, its
formatting and the order of the lines stay byte for byte as they were. A line that is not a JSON object
with a string text field is reported with its line number and copied through unchanged.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normcheck.errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


@dataclass(frozen=True)
class RecordFields:
    """Which fields of a record hold the article text, its publication date and its id."""

    text: str = "text"
    date: str = "date"
    id: str = "id"


@dataclass(frozen=True)
class RecordLine:
    """One line of an archive, as read: decoded and checked in a worker."""

    archive: str
    number: int  # 1-based line number in the archive
    raw: bytes
    fields: RecordFields


@dataclass(frozen=True)
class Record:
    """A decoded record: its text and what locates and dates it."""

    text: str
    id: str | None
    date: str | None
    line: int
    display_path: str  # "archive.jsonl#<id>", or "archive.jsonl#line-<n>" for a record without an id

    @property
    def metadata(self) -> dict[str, Any]:
        data: dict[str, Any] = {"line": self.line}
        if self.id is not None:
            data["id"] = self.id
        if self.date is not None:
            data["date"] = self.date
        return data


@dataclass(frozen=True)
class ArchiveStart:
    path: str


@dataclass(frozen=True)
class ArchiveEnd:
    path: str
    error: InputError | None = None  # the archive could not be read (to the end)


def is_archive(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def archive_items(path: str, fields: RecordFields) -> Iterator[RecordLine | ArchiveStart | ArchiveEnd]:
    """ArchiveStart, then each line of the archive as it is read, then ArchiveEnd (with an error if unreadable)."""
    yield ArchiveStart(path)
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                yield RecordLine(path, number, raw, fields)
    except FileNotFoundError:
        yield ArchiveEnd(path, InputError("no such file", path))
        return
    except OSError as exc:
        yield ArchiveEnd(path, InputError(f"cannot read: {exc.strerror or exc}", path))
        return
    yield ArchiveEnd(path)


def count_lines(path: str) -> int:
    """Lines in an archive, counted in large blocks (for the progress bar)."""
    total = 0
    last = b"\n"
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                total += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 0
    return total + (last != b"\n")


def _split_terminator(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body) :]


def decode_record(line: RecordLine) -> Record | None:
    """The record of a line; None for a blank line; InputError (with the line number) for anything malformed."""
    raw = line.raw
    if line.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"malformed record: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); copied unchanged",
            line.archive,
            line.number,
        ) from None
    body, _ = _split_terminator(decoded)
    if not body.strip():
        return None
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed record: {exc.msg} (column {exc.colno}); copied unchanged", line.archive, line.number
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            f"malformed record: a {type(data).__name__}, not a JSON object; copied unchanged", line.archive, line.number
        )
    fields = line.fields
    text = data.get(fields.text)
    if not isinstance(text, str):
        what = "no" if text is None else f"a non-string ({type(text).__name__})"
        raise InputError(
            f"record has {what} '{fields.text}' field (choose the field with --text-field); copied unchanged",
            line.archive,
            line.number,
        )
    record_id = data.get(fields.id)
    record_id = None if record_id is None or isinstance(record_id, (dict, list)) else str(record_id)
    date = data.get(fields.date)
    date = None if date is None or isinstance(date, (dict, list)) else str(date)
    display = f"{line.archive}#{record_id}" if record_id is not None else f"{line.archive}#line-{line.number}"
    return Record(text, record_id, date, line.number, display)


def _top_level_value_spans(body: str) -> dict[str, tuple[int, int]]:
    """Where each top-level value of a JSON object line stands (the last one wins for a repeated key)."""
    spans: dict[str, tuple[int, int]] = {}
    position = _skip_whitespace(body, 0)
    if body[position : position + 1] != "{":
        raise ValueError("not a JSON object")
    position = _skip_whitespace(body, position + 1)
    if body[position : position + 1] == "}":
        return spans
    while True:
        if body[position : position + 1] != '"':
            raise ValueError("expected a key")
        key, position = json.decoder.scanstring(body, position + 1)  # type: ignore[attr-defined]
        position = _skip_whitespace(body, position)
        if body[position : position + 1] != ":":
            raise ValueError("expected ':'")
        start = _skip_whitespace(body, position + 1)
        _, end = _DECODER.raw_decode(body, start)
        spans[key] = (start, end)
        position = _skip_whitespace(body, end)
        separator = body[position : position + 1]
        if separator == "}":
            return spans
        if separator != ",":
            raise ValueError("expected ',' or '}'")
        position = _skip_whitespace(body, position + 1)


def _skip_whitespace(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def replace_text_field(raw: bytes, field: str, new_text: str, first_line: bool = False) -> bytes:
    """The line with only the JSON string of `field` replaced; everything else kept byte for byte.

    Non-ASCII characters are written as they were: escaped (\\u00e9) if the old value escaped them,
    as UTF-8 otherwise.
    """
    bom = b""
    if first_line and raw.startswith(b"\xef\xbb\xbf"):
        bom, raw = raw[:3], raw[3:]
    body, terminator = _split_terminator(raw.decode("utf-8"))
    start, end = _top_level_value_spans(body)[field]
    old_token = body[start:end]
    old_value = json.loads(old_token)
    escaped_non_ascii = "\\u" in old_token and any(ord(char) > 127 for char in old_value)
    token = json.dumps(new_text, ensure_ascii=escaped_non_ascii)
    return bom + (body[:start] + token + body[end:] + terminator).encode("utf-8")


def fixed_archive_path(path: str, in_place: bool) -> Path:
    """Where a fixed archive goes: over the original with --in-place, else NAME.fixed.jsonl beside it."""
    source = Path(path)
    if in_place:
        return source
    return source.with_name(f"{source.stem}.fixed{source.suffix}")


class ArchiveWriter:
    """Writes a fixed archive to a temporary file beside the target; `commit` renames it into place."""

    def __init__(self, source: str, target: Path) -> None:
        self.source = Path(source)
        self.target = target
        self.changed = 0
        fd, self._tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".normcheck-tmp", dir=target.parent or Path(".")
        )
        self._handle = os.fdopen(fd, "wb")

    def write(self, data: bytes, changed: bool) -> None:
        self._handle.write(data)
        self.changed += changed

    def commit(self) -> bool:
        """Replace the target; for --in-place with nothing changed, leave the original untouched. True if written."""
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        if self.target == self.source and not self.changed:
            self.abort()
            return False
        with contextlib.suppress(OSError):
            os.chmod(self._tmp_name, stat.S_IMODE(self.source.stat().st_mode))
        os.replace(self._tmp_name, self.target)
        return True

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp_name)


def expand_archives(
    paths: Iterable[str], fields: RecordFields
) -> Iterator[str | RecordLine | ArchiveStart | ArchiveEnd]:
    """Article paths as they are; each JSON Lines archive as its start, its lines and its end."""
    for path in paths:
        if is_archive(path):
            yield from archive_items(path, fields)
        else:
            yield path
