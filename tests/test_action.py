"""The GitHub Action: its YAML is a valid composite action, and its command line works on a sample."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_composite_action_with_documented_inputs() -> None:
    assert ACTION["name"] == "normcheck"
    assert ACTION["description"]
    assert ACTION["runs"]["using"] == "composite"
    for name, spec in ACTION["inputs"].items():
        assert spec["description"], name
        assert "default" in spec, name
    assert set(ACTION["inputs"]) >= {"paths", "fail-on", "args", "version"}
    for step in ACTION["runs"]["steps"]:
        assert "uses" in step or step.get("shell") == "bash", step
        if "run" in step:
            assert "${{" not in step["run"], "inputs must reach scripts through env, not by splicing"


def _check_step() -> dict[str, object]:
    return next(step for step in ACTION["runs"]["steps"] if step.get("name") == "Check articles")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is needed to run the action's script")
def test_check_step_annotates_and_fails_on_the_sample(tmp_path: Path) -> None:
    step = _check_step()
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env["PATH"]
    env.update(
        NORMCHECK_PATHS=str(REPO / "seeds" / "naka-ceasefire.md"),
        NORMCHECK_FAIL_ON="warning",
        NORMCHECK_ARGS="--select NC101 --no-cache",
    )
    proc = subprocess.run(["bash", "-c", str(step["run"])], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 16
    assert lines[0].startswith("::warning file=")
    assert "title=NC101 (name-variant)::" in lines[0]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is needed to run the action's script")
def test_check_step_passes_on_a_clean_article(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env["PATH"]
    env.update(NORMCHECK_PATHS=str(REPO / "seeds" / "clean-brief.md"), NORMCHECK_FAIL_ON="warning", NORMCHECK_ARGS="")
    proc = subprocess.run(
        ["bash", "-c", str(_check_step()["run"])], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
