"""Finding fingerprints that do not move: no offsets or line numbers, so lines added above and edits elsewhere
in the file leave them as they were. Used by the baseline, GitLab and SARIF reports."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from normcheck.document import Document
from normcheck.finding import Finding

# Where the sentence around a finding ends: a full stop (and closing quotes) before space, or a blank line.
_BOUNDARY = re.compile(r"[.!?…][\"'”’»)\]]*\s|\n[ \t]*\r?\n")
_WINDOW = 400  # characters searched either side; a sentence longer than this is cut, which is stable too


def sentence_context(text: str, start: int, end: int) -> str:
    """The whitespace-normalised sentence around [start, end), as the finding's neighbourhood."""
    left = text[max(0, start - _WINDOW) : start]
    boundaries = list(_BOUNDARY.finditer(left))
    context_start = start - len(left) + (boundaries[-1].end() if boundaries else 0)
    right = text[end : end + _WINDOW]
    boundary = _BOUNDARY.search(right)
    context_end = end + (boundary.start() + 1 if boundary else len(right))
    return " ".join(text[context_start:context_end].split())


def fingerprints(doc: Document, findings: Sequence[Finding]) -> tuple[str, ...]:
    """One fingerprint per finding: its code, matched text and sentence, and which of identical ones it is."""
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        matched = doc.text[finding.start : finding.end]
        key = "\0".join((finding.code, matched, sentence_context(doc.checkable, finding.start, finding.end)))
        out.append(hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32])
        seen[key] += 1
    return tuple(out)
