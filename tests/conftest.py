"""Shared test set-up: every test gets its own result cache folder, so no test sees another's results."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("normcheck-cache")
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(folder))
    return folder
