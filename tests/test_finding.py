"""The fast Finding and Fix constructors build the same objects as the dataclass constructors."""

from __future__ import annotations

import dataclasses
import pickle

from normcheck.finding import Applicability, Edit, Finding, Fix, Severity, edit_fix, new_finding


def _pair() -> tuple[Finding, Finding]:
    slow = Finding(
        "NC201",
        "day-without-month",
        Severity.WARNING,
        3,
        11,
        "message",
        Fix((Edit(3, 11, "Nov. 18"),), Applicability.UNSAFE),
        {"resolved": "2020-11-18"},
    )
    fast = new_finding(
        "NC201",
        "day-without-month",
        Severity.WARNING,
        3,
        11,
        "message",
        edit_fix(3, 11, "Nov. 18", Applicability.UNSAFE),
        {"resolved": "2020-11-18"},
    )
    return slow, fast


def test_fast_constructors_build_equal_objects_with_every_field() -> None:
    slow, fast = _pair()
    assert type(fast) is Finding
    assert type(fast.fix) is Fix
    assert type(fast.fix.edits[0]) is Edit
    for cls, left, right in (
        (Finding, slow, fast),
        (Fix, slow.fix, fast.fix),
        (Edit, slow.fix.edits[0], fast.fix.edits[0]),
    ):
        names = [field.name for field in dataclasses.fields(cls)]
        assert list(vars(right)) == names
        assert vars(left) == vars(right)
    assert slow == fast
    assert repr(slow) == repr(fast)
    assert hash(slow.fix) == hash(fast.fix)
    assert slow.fix.edits[0] <= fast.fix.edits[0]


def test_fast_finding_is_frozen_and_pickles() -> None:
    _, fast = _pair()
    try:
        fast.start = 4  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a fast-built finding must stay frozen")
    assert pickle.loads(pickle.dumps(fast)) == fast
    assert dataclasses.replace(fast, start=4).start == 4
