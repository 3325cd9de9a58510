"""Configuration files: discovery per file, precedence, validation errors, `normcheck config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.cli import main
from normcheck.config import ConfigResolver, Glob, overrides_from_cli, read_config_file
from normcheck.errors import ConfigError
from normcheck.finding import Severity

TEST_GAZETTEER = str(Path(__file__).parent / "data" / "gazetteer.yaml")
ARTICLE = "Putin spoke about Naka.\n"  # NC104 (short first mention) and NC101 (variant)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _codes(out: str) -> list[str]:
    return [line.split()[1] for line in out.splitlines() if ": NC" in line]


def test_nearest_config_wins_per_file(tmp_path: Path) -> None:
    _write(tmp_path / ".normcheck.yaml", "select: [NC101]\n")
    _write(tmp_path / "desk" / ".normcheck.yaml", "select: [NC104]\n")
    top = _write(tmp_path / "a.txt", ARTICLE)
    inner = _write(tmp_path / "desk" / "deep" / "b.txt", ARTICLE)
    resolver = ConfigResolver()
    assert resolver.settings_for(top)["select"] == ("NC101",)
    assert resolver.settings_for(inner)["select"] == ("NC104",)
    assert resolver.settings_for(inner).sources["select"] == str((tmp_path / "desk" / ".normcheck.yaml").resolve())
    code, out, _ = _run("check", str(tmp_path), "--format", "concise")
    assert code == 1
    assert _codes(out) == ["NC101", "NC104"]


def test_pyproject_table_and_which_file_wins(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.normcheck]\nselect = ["NC104"]\nfail-on = "warning"\n')
    _write(tmp_path / "plain" / "pyproject.toml", '[project]\nname = "site"\n')  # no table: not a config
    _write(tmp_path / "both" / "pyproject.toml", '[tool.normcheck]\nselect = ["NC104"]\n')
    _write(tmp_path / "both" / ".normcheck.yaml", "select: [NC101]\n")
    resolver = ConfigResolver()
    plain = resolver.settings_for(tmp_path / "plain" / "a.md")
    assert (plain["select"], plain["fail-on"]) == (("NC104",), Severity.WARNING)
    assert plain.config_file == (tmp_path / "pyproject.toml").resolve()
    assert resolver.settings_for(tmp_path / "both" / "a.md")["select"] == ("NC101",)


def test_command_line_overrides_file_then_config_flag_then_isolated(tmp_path: Path) -> None:
    _write(tmp_path / ".normcheck.yaml", "select: [NC101]\n")
    other = _write(tmp_path / "elsewhere" / "strict.yaml", "select: [NC104]\n")
    article = _write(tmp_path / "a.txt", ARTICLE)
    assert _codes(_run("check", str(article), "--format", "concise")[1]) == ["NC101"]
    assert _codes(_run("check", str(article), "--format", "concise", "--select", "NC104")[1]) == ["NC104"]
    assert _codes(_run("check", str(article), "--format", "concise", "--config", str(other))[1]) == ["NC104"]
    assert _codes(_run("check", str(article), "--format", "concise", "--isolated")[1]) == ["NC104", "NC101"]
    code, _, err = _run("check", str(article), "--format", "concise", "--isolated", "--config", str(other))
    assert code == 2
    assert "--config and --isolated exclude each other" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("select: [NC101]\nselct: [NC1]\n", ":2: `selct`: unknown key; did you mean `select`?"),
        ("fail-on: fatal\n", ':1: `fail-on`: expected one of error, warning, info, got str "fatal"'),
        ("ignore: [NC999]\n", ":1: `ignore`: 'NC999' matches no rule code"),
        ("lang: [en]\n", ":1: `lang`: expected a non-empty string, got list"),
        ("date-style: 12\n", ":1: `date-style`: expected a non-empty string, got int 12"),
        ("per-file-ignores: {'wire/*': [NC10X]}\n", ":1: `per-file-ignores.wire/*`: 'NC10X' matches no rule code"),
        ("severity: {NC101: loud}\n", ":1: `severity.NC101`: expected one of error, warning, info"),
        ("exclude: 3\n", ":1: `exclude`: expected a list of glob patterns, got int 3"),
        ("- select\n", ":1: a config file must be a mapping"),
        ("select: [NC101\n", ": not valid YAML"),
    ],
)
def test_bad_config_is_an_error_naming_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    config = _write(tmp_path / ".normcheck.yaml", text)
    article = _write(tmp_path / "a.txt", ARTICLE)
    code, out, err = _run("check", str(article))
    assert code == 2
    assert out == ""
    assert err.startswith(f"normcheck: error: {config.resolve()}")
    assert message in err


def test_bad_pyproject_key_names_the_table(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.normcheck]\nselect = 5\n")
    code, _, err = _run("check", str(_write(tmp_path / "a.txt", ARTICLE)))
    assert code == 2
    assert "pyproject.toml: `tool.normcheck.select`: expected a list of rule codes, got int 5" in err


def test_per_file_ignores_exclude_and_gazetteer_relative_to_config(tmp_path: Path) -> None:
    gazetteer = _write(tmp_path / "names" / "ours.yaml", Path(TEST_GAZETTEER).read_text(encoding="utf-8"))
    _write(
        tmp_path / ".normcheck.yaml",
        "default-gazetteer: false\ngazetteer: [names/ours.yaml]\n"
        "per-file-ignores:\n  'wire/**': [NC104]\nexclude: [drafts, 'archive/*.txt']\n",
    )
    _write(tmp_path / "wire" / "x" / "a.txt", ARTICLE)
    _write(tmp_path / "desk" / "b.txt", ARTICLE)
    _write(tmp_path / "desk" / "drafts" / "c.txt", ARTICLE)
    _write(tmp_path / "archive" / "d.txt", ARTICLE)
    _write(tmp_path / "archive" / "keep" / "e.txt", ARTICLE)
    settings = ConfigResolver().settings_for(tmp_path / "a.txt")
    assert settings["gazetteer"] == (gazetteer.resolve(),)
    _, out, _ = _run("check", str(tmp_path), "--format", "concise")
    found = [(line.split(":")[0].removeprefix(str(tmp_path) + "/"), line.split()[1]) for line in out.splitlines()[:-1]]
    assert found == [
        ("archive/keep/e.txt", "NC104"),
        ("archive/keep/e.txt", "NC101"),
        ("desk/b.txt", "NC104"),
        ("desk/b.txt", "NC101"),
        ("wire/x/a.txt", "NC101"),
    ]


def test_severity_overrides_and_fail_on(tmp_path: Path) -> None:
    _write(tmp_path / ".normcheck.yaml", "select: [NC104]\nseverity: {NC1: info, NC104: error}\n")
    article = _write(tmp_path / "a.txt", ARTICLE)
    code, out, _ = _run("check", str(article), "--format", "json")
    assert code == 1
    assert [f["severity"] for f in json.loads(out)["findings"]] == ["error"]
    _write(tmp_path / ".normcheck.yaml", "select: [NC104]\nseverity: {NC104: info}\nfail-on: warning\n")
    code, out, _ = _run("check", str(article), "--format", "concise")
    assert code == 0  # reported, but below the failing severity
    assert _codes(out) == ["NC104"]
    assert _run("check", str(article), "--format", "concise", "--fail-on", "info")[0] == 1
    assert _run("check", str(article), "--format", "concise", "--fail-on", "info", "--exit-zero")[0] == 0


def test_check_options_reach_the_context(tmp_path: Path) -> None:
    _write(tmp_path / ".normcheck.yaml", "date-style: AP\nlang: en\n")
    settings = ConfigResolver().settings_for(tmp_path / "a.md")
    # The config's language ranks below an article's front matter, so it reaches checks as `default_lang`;
    # --lang, which beats front matter, is a run option and no override of this key.
    assert settings.check_options() == {"date-style": "AP", "default_lang": "en"}
    assert "lang" not in overrides_from_cli({"lang": "ru", "date_style": "iso"})
    assert overrides_from_cli({"date_style": "iso"}) == {"date-style": "iso"}


def test_config_command_shows_values_and_sources(tmp_path: Path) -> None:
    config = _write(tmp_path / ".normcheck.yaml", "ignore: [NC104]\nlang: en\n")
    code, out, _ = _run("config", str(tmp_path / "a.md"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"config file: {config.resolve()}"
    rows = {line.split()[0]: line for line in lines[1:]}
    assert rows["ignore"].split() == ["ignore", "[NC104]", f"({config.resolve()})"]
    assert rows["select"].split() == ["select", "[NC]", "(default)"]
    assert rows["lang"].split() == ["lang", "en", f"({config.resolve()})"]
    code, out, _ = _run("config", str(tmp_path), "--format", "json")
    data = json.loads(out)["settings"]
    assert data["fail-on"] == {"value": "info", "source": "default"}
    assert _run("config", str(tmp_path), "--isolated")[1].splitlines()[0] == "config file: none (--isolated)"


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("drafts", "desk/drafts/a.md", True),
        ("*.txt", "desk/a.txt", True),
        ("*.txt", "desk/a.md", False),
        ("archive/*.md", "archive/a.md", True),
        ("archive/*.md", "archive/2019/a.md", False),
        ("archive/**/*.md", "archive/2019/05/a.md", True),
        ("archive/**", "archive/2019/a.md", True),
        ("archive", "news/archive.md", False),
        ("wire/2019", "wire/2019/a.md", True),
    ],
)
def test_globs(tmp_path: Path, pattern: str, path: str, expected: bool) -> None:
    assert Glob(pattern, tmp_path).matches(tmp_path / path) is expected


def test_missing_config_flag_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        read_config_file(tmp_path / "nope.yaml")
