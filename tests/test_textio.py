"""Reading and writing articles byte-faithfully."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from normcheck.errors import InputError
from normcheck.textio import decode_article, read_article, write_atomically


def test_utf8_bom_is_kept() -> None:
    source = decode_article(codecs.BOM_UTF8 + b"Naka\r\n", "a.txt")
    assert source.text == "Naka\r\n"
    assert source.bom == codecs.BOM_UTF8
    assert source.encode("Nagorno-Karabakh\r\n") == codecs.BOM_UTF8 + b"Nagorno-Karabakh\r\n"


def test_utf16_with_bom() -> None:
    data = codecs.BOM_UTF16_LE + "Kiev".encode("utf-16-le")
    source = decode_article(data, "a.txt")
    assert source.text == "Kiev"
    assert source.encode("Kyiv") == codecs.BOM_UTF16_LE + "Kyiv".encode("utf-16-le")


def test_invalid_utf8_names_offset_and_line() -> None:
    with pytest.raises(InputError) as info:
        decode_article(b"ok\nbad \xff here\n", "a.txt")
    assert info.value.line == 2
    assert "not valid UTF-8 (byte 0xff at offset 7)" in str(info.value)
    assert str(info.value).startswith("a.txt:2: ")


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "a.png")


def test_explicit_encoding() -> None:
    assert decode_article("Côte".encode("cp1252"), "a.txt", "cp1252").text == "Côte"
    with pytest.raises(InputError, match="cannot decode as nosuch"):
        decode_article(b"x", "a.txt", "nosuch")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "missing.md")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def test_atomic_write_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("normcheck.textio.os.replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_stop_signal_right_after_the_temporary_file_is_created_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker stopped by SIGTERM raises SystemExit as soon as the slow file creation returns: the file it
    has just created must still be removed, and the article left as it was."""
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    real_open = os.open

    def open_then_stopped(name: str, flags: int, mode: int = 0o777) -> int:
        os.close(real_open(name, flags, mode))
        raise SystemExit(143)

    monkeypatch.setattr("normcheck.textio.os.open", open_then_stopped)
    with pytest.raises(SystemExit):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_an_existing_file_with_the_temporary_name_is_never_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    names = iter(["taken", "free"])
    monkeypatch.setattr("normcheck.textio.secrets.token_hex", lambda _: next(names))
    (tmp_path / ".a.md.taken.normcheck-tmp").write_bytes(b"someone else's")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert (tmp_path / ".a.md.taken.normcheck-tmp").read_bytes() == b"someone else's"
