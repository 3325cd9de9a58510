"""The pre-commit hooks, end to end: the real `pre-commit` in a temporary git repository of articles.

Slow (pre-commit builds a virtualenv with normcheck in it, from the package index), and skipped with the
reason when pre-commit or git is missing or the hook environment cannot be installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "Talks on Naka resumed, Kiev said.\n"
FIXED = "Talks on Nagorno-Karabakh resumed, Kyiv said.\n"


def _pre_commit() -> str | None:
    beside = Path(sys.executable).parent / "pre-commit"
    return str(beside) if beside.exists() else shutil.which("pre-commit")


PRE_COMMIT = _pre_commit()
pytestmark = [
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (it is in the test extra)"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason="the normcheck sources are not a git checkout"),
]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_AUTHOR_NAME="Desk",
        GIT_AUTHOR_EMAIL="desk@example.com",
        GIT_COMMITTER_NAME="Desk",
        GIT_COMMITTER_EMAIL="desk@example.com",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(tmp_path),
    )
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = _run(["git", "-c", "commit.gpgsign=false", *args], cwd, env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def _snapshot(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """The hooks repository as it is now (uncommitted edits included), as try-repo would see it."""
    listed = _git(REPO, env, "ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    snapshot = tmp_path / "normcheck-hooks"
    for name in listed:
        source = REPO / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git(snapshot, env, "init", "-q")
    _git(snapshot, env, "add", "-A")
    _git(snapshot, env, "commit", "-q", "-m", "snapshot")
    return snapshot, _git(snapshot, env, "rev-parse", "HEAD")


def _skip_if_no_environment(proc: subprocess.CompletedProcess[str]) -> None:
    output = proc.stdout + proc.stderr
    if "An unexpected error has occurred" in output and "Installing environment" in output:
        pytest.skip("pre-commit could not install the hook environment (no package index?): " + output[-300:])


def test_check_hook_fails_fix_hook_rewrites_and_fails_next_commit_passes(tmp_path: Path) -> None:
    assert PRE_COMMIT is not None
    env = _env(tmp_path)
    hooks, rev = _snapshot(tmp_path, env)
    news = tmp_path / "news"
    news.mkdir()
    _git(news, env, "init", "-q")
    article = news / "story.md"
    article.write_text(ARTICLE, encoding="utf-8")
    _git(news, env, "add", "story.md")

    # The checking hook, through try-repo: it fails on the variant and changes nothing.
    proc = _run([PRE_COMMIT, "try-repo", str(hooks), "normcheck", "--ref", rev, "--files", "story.md"], news, env)
    _skip_if_no_environment(proc)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert 'story.md\n  1:10  NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]\n' in proc.stdout
    assert article.read_text(encoding="utf-8") == ARTICLE

    # The fixing hook on a real commit: it rewrites the article and the commit fails, so the fix is reviewed.
    (news / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: normcheck-fix\n      - id: normcheck\n",
        encoding="utf-8",
    )
    _git(news, env, "add", ".pre-commit-config.yaml")
    proc = _run([PRE_COMMIT, "install"], news, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = _run(["git", "-c", "commit.gpgsign=false", "commit", "-m", "Naka story"], news, env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "files were modified by this hook" in proc.stdout + proc.stderr
    assert article.read_text(encoding="utf-8") == FIXED
    assert _run(["git", "rev-parse", "--verify", "HEAD"], news, env).returncode != 0  # nothing committed

    # The next commit, with the fix staged, passes both hooks.
    _git(news, env, "add", "story.md")
    proc = _run(["git", "-c", "commit.gpgsign=false", "commit", "-m", "Naka story"], news, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _git(news, env, "show", "HEAD:story.md") + "\n" == FIXED
