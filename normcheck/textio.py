"""Reading articles as text and writing them back byte-faithfully and atomically."""

from __future__ import annotations

import codecs
import contextlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from normcheck.errors import InputError

# Articles above this size are refused rather than read into memory whole; an archive of that size
# belongs in the JSON Lines path, not in one file.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class SourceText:
    """An article's text plus what is needed to write it back exactly as it came."""

    text: str
    encoding: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode_article(data: bytes, display_path: str, encoding: str | None = None) -> SourceText:
    """Decode bytes; raise InputError with a reason a user can act on."""
    if encoding is not None:
        try:
            return SourceText(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}", display_path) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return SourceText(data[len(bom) :].decode(name), name, bom)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"invalid {name} after its byte-order mark at byte {exc.start + len(bom)}", display_path
                ) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), skipped", display_path)
    try:
        return SourceText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8 or pass --encoding (e.g. --encoding cp1252)",
            display_path,
            line,
        ) from None


def read_article(path: Path, encoding: str | None = None) -> SourceText:
    display = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(
                f"file is {size // (1024 * 1024)} MiB, over the {MAX_ARTICLE_BYTES // (1024 * 1024)} MiB limit for one article; split it",
                display,
            )
        data = path.read_bytes()
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError("is a directory", display) from None
    except PermissionError:
        raise InputError("permission denied", display) from None
    except FileNotFoundError:
        raise InputError("no such file", display) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from None
    return decode_article(data, display, encoding)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see either the old or the new file, never a mix."""
    directory = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = None
    # The temporary file is created inside the try, not by mkstemp before it: a worker stopped by SIGTERM
    # raises as soon as the (slow) create returns, and must then remove what it just created.
    while True:
        tmp_name = os.path.join(directory, f".{path.name}.{secrets.token_hex(4)}.normcheck-tmp")
        try:
            fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            continue  # another file's name: never ours to remove
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
