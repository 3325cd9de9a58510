"""Language identification, script runs, language data, per-language gazetteer forms and the CLI options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.cli import main
from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.errors import ConfigError, GazetteerError
from normcheck.gazetteer import Gazetteer, default_gazetteer_dir, load_gazetteer, validate_paths
from normcheck.language_id import LanguageIdentifier, article_language
from normcheck.language_profiles import load_languages, normalize_language_tag, parse_languages
from normcheck.rules import RuleSelection
from normcheck.runner import run_checks
from normcheck.scripts import foreign_runs, letter_counts, script_of

REPO = Path(__file__).resolve().parent.parent
LANGUAGES_GAZETTEER = Path(__file__).parent / "data" / "gazetteer-languages.yaml"
FRENCH = (
    "Les deux parties sont convenues de poursuivre les consultations au niveau technique dans les semaines à venir."
)
ENGLISH = "The relevant parties expressed their views on the situation and called for restraint, officials said."
NAMES_ONLY = "Martuni, Hadrut, Shusha, Askeran, Lachin, Kalbajar, Stepanakert, Goris, Kapan, Meghri, Sisian."


# -- scripts ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("a", "Latin"),
        ("é", "Latin"),
        ("ş", "Latin"),
        ("ж", "Cyrillic"),
        ("纳", "Han"),
        ("の", "Hiragana"),
        ("カ", "Katakana"),
        ("한", "Hangul"),
        ("ر", "Arabic"),
        ("ש", "Hebrew"),
        ("λ", "Greek"),
        ("Ղ", "Armenian"),
        ("ქ", "Georgian"),
        ("क", "Devanagari"),
        ("ก", "Thai"),
        ("5", None),
        ("«", None),
        ("—", None),
    ],
)
def test_script_of_each_script(char: str, script: str | None) -> None:
    assert script_of(char) == script


def test_runs_split_by_script_and_span_spaces_and_punctuation() -> None:
    text = "the 纳卡 region; «Мы не отступим», – сказал он. Nagorno-Karabakh (纳卡), 5 μg, 東京では"
    runs = [(run.text, run.scripts) for run in foreign_runs(text)]
    assert runs == [
        ("纳卡", ("Han",)),
        ("Мы не отступим», – сказал он", ("Cyrillic",)),
        ("纳卡", ("Han",)),
        ("μ", ("Greek",)),
        ("東京では", ("Han", "Hiragana")),
    ]


def test_letter_counts() -> None:
    assert letter_counts("Pаshinyan 2020") == {"Latin": 8, "Cyrillic": 1}
    assert letter_counts("plain ascii, 12") == {"Latin": 10}


# -- language data ---------------------------------------------------------------------------------
def test_shipped_language_table() -> None:
    table = load_languages()
    assert [language.code for language in table.profiled] == ["en", "fr", "de", "es", "it", "pt", "nl", "ru"]
    english = table.get("en")
    assert english is not None
    assert {"no", "on", "off"} <= english.stopwords  # read as words, not YAML booleans
    assert table.name("no") == "Norwegian"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("  xx:\n    name: X\n    scripts: [Latin]\n    colour: red\n", 6, "unknown key 'colour'"),
        ("  xx:\n    name: X\n    scripts: [Klingon]\n", 5, "unknown script 'Klingon'"),
        ("  xx:\n    name: X\n    scripts: [Latin]\n    stopwords: [The]\n", 6, 'entry "The" must be lower case'),
        ("  xx:\n    name: X\n    scripts: [Latin]\n    stopwords: [a, b, a]\n", 6, '"a" is listed twice'),
        ("  xx:\n    name: X\n    scripts: [Latin]\n    stopwords: [a]\n    markers: [b]\n", 7, 'marker "b"'),
        ("  English:\n    name: X\n    scripts: [Latin]\n", 3, "must be two or three lower-case letters"),
        ("  xx:\n    scripts: [Latin]\n", 4, "is missing 'name'"),
    ],
)
def test_language_file_errors_name_file_and_line(body: str, line: int, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_languages("version: 1\nlanguages:\n" + body, "extra.yaml")
    assert (info.value.path, info.value.line) == ("extra.yaml", line)
    assert message in info.value.message


def test_extra_language_file_replaces_by_code(tmp_path: Path) -> None:
    extra = tmp_path / "languages.yaml"
    extra.write_text("version: 1\nlanguages:\n  fr: {name: Français, scripts: [Latin]}\n", encoding="utf-8")
    table = load_languages([extra])
    french = table.get("fr")
    assert french is not None
    assert (french.name, french.profiled) == ("Français", False)


@pytest.mark.parametrize(
    ("tag", "code"), [("en", "en"), ("en-GB", "en"), ("FR_ca", "fr"), ("zh-cn", "zh"), ("e", None)]
)
def test_language_tags(tag: str, code: str | None) -> None:
    assert normalize_language_tag(tag) == code


# -- identification ----------------------------------------------------------------------------------
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier(load_languages())


def test_ordinary_english_is_cleared_without_langdetect() -> None:
    identifier = _identifier()
    english = identifier.table.get("en")
    assert english is not None
    verdict = identifier.judge(ENGLISH, english)
    assert (verdict.foreign, verdict.evidence) == (False, "stopwords")
    assert identifier.langdetect_calls == 0
    assert identifier._factory is None  # langdetect's profiles are loaded only when a text needs them


def test_foreign_needs_langdetect_and_stop_words_to_agree() -> None:
    identifier = _identifier()
    english = identifier.table.get("en")
    assert english is not None
    verdict = identifier.judge(FRENCH, english)
    assert (verdict.foreign, verdict.language, verdict.evidence) == (True, "fr", "langdetect")
    names = identifier.judge(NAMES_ONLY, english)
    assert not names.foreign  # langdetect may guess anything for a list of names: not prose, not reported


def test_script_decides_without_langdetect() -> None:
    identifier = _identifier()
    english = identifier.table.get("en")
    assert english is not None
    verdict = identifier.judge("Мы не отступим ни на шаг, заявил министр обороны в понедельник.", english)
    assert (verdict.foreign, verdict.language, verdict.evidence, verdict.script) == (True, "ru", "script", "Cyrillic")
    assert identifier.langdetect_calls == 0


def test_langdetect_is_deterministic_across_runs_and_calls() -> None:
    text = "Questo è un paragrafo breve, scritto in una lingua che non è quella dell'articolo."
    first = [_identifier().langdetect(text)]  # a fresh factory, as in another run
    identifier = _identifier()
    again = [identifier.langdetect(text) for _ in range(3)]
    assert first[0][0][0] == "it"
    assert all(result == first[0] for result in first + again)


def test_langdetect_global_factory_is_never_touched() -> None:
    import langdetect.detector_factory as factory_module

    _identifier().langdetect(FRENCH)
    assert factory_module._factory is None
    assert factory_module.DetectorFactory.seed is None


def test_importing_normcheck_does_not_load_langdetect() -> None:
    code = "import sys, normcheck.cli, normcheck.checks; print('langdetect' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_whole_article_detection() -> None:
    identifier = _identifier()
    assert identifier.detect(" ".join([ENGLISH] * 4)).language == "en"
    assert identifier.detect(" ".join([FRENCH] * 3)).language == "fr"
    assert identifier.detect("纳卡地区的局势仍然紧张，双方互相指责对方违反停火协议。").language == "zh"
    assert identifier.detect("Short.").language is None


# -- article language: precedence ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "front", "text", "expected"),
    [
        ({"lang": "de"}, "fr", ENGLISH, ("de", "--lang")),
        ({}, "fr", ENGLISH, ("fr", "front matter")),
        ({"default_lang": "es"}, "fr", ENGLISH, ("fr", "front matter")),
        ({"default_lang": "es"}, None, ENGLISH, ("es", "config")),
        ({}, None, " ".join([FRENCH] * 3), ("fr", "detected")),
        ({}, "klingon", " ".join([ENGLISH] * 3), ("en", "detected")),
        ({}, None, "Short.", (None, "undetermined")),
    ],
)
def test_article_language_precedence(
    options: dict[str, object], front: str | None, text: str, expected: tuple[str | None, str]
) -> None:
    source = f"---\nlang: {front}\n---\n{text}\n" if front else text + "\n"
    result = article_language(parse_document(source, "a.md"), CheckContext(Gazetteer(()), options=options))
    assert (result.code, result.source) == expected


# -- per-language gazetteer forms ----------------------------------------------------------------
HEADER = "version: 1\nentities:\n"
KARABAKH = "  - id: nk\n    canonical: Nagorno-Karabakh\n    type: region\n    variants: [Naka]\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (KARABAKH + "    languages: [fr]\n", 7, "'languages' must map language codes"),
        (KARABAKH + "    languages:\n      French: {canonical: Haut-Karabakh}\n", 8, "language code 'French'"),
        (
            KARABAKH + "    languages:\n      fr: {variants: [Haut Karabakh]}\n",
            8,
            "language 'fr' is missing 'canonical'",
        ),
        (
            KARABAKH + "    languages:\n      fr:\n        canonical: Haut-Karabakh\n        varients: [X]\n",
            10,
            "unknown key 'varients'",
        ),
        (
            KARABAKH + "    languages:\n      fr: {canonical: Haut-Karabakh, variants: [Haut-Karabakh]}\n",
            8,
            "listed twice",
        ),
        (
            KARABAKH + "  - id: other\n    canonical: Haut-Karabakh Region\n    type: region\n"
            "    languages:\n      fr: {canonical: Karabakh, variants: [Haut-Karabakh]}\n"
            "  - id: nk2\n    canonical: Shusha\n    type: city\n    languages:\n      fr: {canonical: Haut-Karabakh}\n",
            16,
            "in the 'fr' forms: \"Haut-Karabakh\" is a variant form of 'other' and a canonical form of 'nk2'",
        ),
    ],
)
def test_language_forms_errors_name_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer([path])
    assert (info.value.path, info.value.line) == (str(path), line)
    assert message in info.value.message
    problems, _ = validate_paths([path])
    assert [(problem.path, problem.line) for problem in problems][:1] == [(str(path), line)]


def test_language_view_of_an_entity() -> None:
    gazetteer = load_gazetteer([LANGUAGES_GAZETTEER])
    putin = gazetteer.by_id("vladimir-putin")
    assert putin is not None
    french = putin.in_language("fr")
    assert (french.canonical, french.short) == ("Vladimir Poutine", "Poutine")
    assert french.accepted == ("Vladimir Putin", "Putin")  # the English forms are left alone, never the target
    german = putin.in_language("de")
    assert (german.canonical, german.short, german.accepted) == ("Wladimir Putin", "Putin", ("Vladimir Putin",))
    assert putin.in_language("es") is putin  # no Spanish forms: the default forms
    karabakh = gazetteer.by_id("nagorno-karabakh")
    assert karabakh is not None
    assert karabakh.in_language("fr").variants == ("Nagorno-Karabakh", "Naka", "Naqqa")
    assert gazetteer.for_language("es") is gazetteer
    assert gazetteer.languages == frozenset({"fr", "de"})


def test_default_gazetteer_ships_french_german_spanish_forms() -> None:
    gazetteer = load_gazetteer([default_gazetteer_dir()])
    counts = dict.fromkeys(("fr", "de", "es"), 0)
    for entity in gazetteer.entities:
        for forms in entity.languages:
            counts[forms.language] += 1
    assert all(count >= 100 for count in counts.values()), counts
    by_id = {entity.id: entity for entity in gazetteer.entities}
    assert by_id["nagorno-karabakh"].in_language("fr").canonical == "Haut-Karabakh"
    assert by_id["nagorno-karabakh"].in_language("de").canonical == "Bergkarabach"
    assert by_id["germany"].in_language("es").canonical == "Alemania"
    assert by_id["vladimir-putin"].in_language("fr").short == "Poutine"


def test_french_sample_article_is_clean_and_its_english_twin_is_not() -> None:
    context = CheckContext(load_gazetteer([default_gazetteer_dir()]))
    seed = (REPO / "seeds" / "haut-karabakh-cessez-le-feu.md").read_text(encoding="utf-8")
    assert run_checks(parse_document(seed, "seed.md"), context, RuleSelection()) == ()
    broken = seed.replace("Haut-Karabakh", "Naka")
    findings = run_checks(parse_document(broken, "seed.md"), context, RuleSelection())
    assert {(f.code, f.fix.edits[0].replacement if f.fix else None) for f in findings} == {("NC101", "Haut-Karabakh")}


# -- command line ------------------------------------------------------------------------------
def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_lang_option(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\nlang: fr\n---\nLe président a parlé à Kiev mardi.\n", encoding="utf-8")
    isolated = ["--no-default-gazetteer", "--gazetteer", str(LANGUAGES_GAZETTEER)]
    assert _run("check", str(article), *isolated)[0] == 0
    code, out, _ = _run("check", str(article), *isolated, "--lang", "en-US")
    assert code == 1
    assert 'NC101 "Kiev" is a variant of "Kyiv"' in out
    code, _, err = _run("check", str(article), "--lang", "klingon")
    assert code == 2
    assert "--lang: unknown language 'klingon'" in err


def test_cli_source_glosses_option(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Residents of Nagorno-Karabakh (纳卡) fled overnight.\n", encoding="utf-8")
    isolated = ["--no-default-gazetteer", "--gazetteer", str(LANGUAGES_GAZETTEER), "--lang", "en"]
    assert _run("check", str(article), *isolated)[0] == 0
    code, out, _ = _run("check", str(article), *isolated, "--no-source-glosses")
    assert code == 1
    assert 'NC403 "纳卡" glosses "Nagorno-Karabakh"' in out


def test_cli_gazetteer_lookup_in_a_language() -> None:
    code, out, _ = _run("gazetteer", "lookup", "Kiev", "--lang", "de")
    assert code == 0
    assert 'canonical "Kiew"' in out
    assert 'fixed to "Kiew"' in out


def test_cli_explain_language_rules() -> None:
    for code in ("NC401", "NC402", "NC403", "NC404"):
        exit_code, out, _ = _run("explain", code)
        assert exit_code == 0
        assert out.startswith(code)
        assert "Fix safety" in out


def test_language_findings_are_the_same_in_every_run() -> None:
    """Two runs (fresh contexts, fresh langdetect factories) over the evaluation corpus agree exactly."""
    sys.path.insert(0, str(REPO / "bench"))
    from labels import strip_labels

    texts = [
        strip_labels(path.read_text(encoding="utf-8"))[0]
        for path in sorted((REPO / "bench" / "language" / "articles").iterdir())
    ]
    runs = []
    for _ in range(2):
        context = CheckContext(Gazetteer(()))
        runs.append(
            [
                [
                    (f.code, f.start, f.end, f.message)
                    for f in run_checks(parse_document(text, "a.md"), context, RuleSelection(("NC4",)))
                ]
                for text in texts
            ]
        )
        assert context.language_identifier.langdetect_calls > 0  # the comparison covers langdetect's answers
    assert runs[0] == runs[1]
