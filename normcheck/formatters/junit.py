"""JUnit XML, for CI systems that show test reports: a test suite per file, a failing test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from normcheck.formatters.common import OutputOptions, located, report_path
from normcheck.runner import FileResult


def render(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
    root = ET.Element("testsuites", name="normcheck")
    total = failures = errors = 0
    for result in results:
        path = report_path(result.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        items = located(result)
        if result.error is not None:
            case = ET.SubElement(suite, "testcase", name="read", classname=path)
            ET.SubElement(case, "error", message=result.error.message, type="InputError")
            suite_counts = (1, 0, 1)
        elif not items:
            ET.SubElement(suite, "testcase", name="normcheck", classname=path)
            suite_counts = (1, 0, 0)
        else:
            for item in items:
                finding = item.finding
                case = ET.SubElement(
                    suite, "testcase", name=f"{finding.code} at {item.line}:{item.column}", classname=path
                )
                failure = ET.SubElement(case, "failure", message=finding.message, type=finding.code)
                failure.text = f"{path}:{item.line}:{item.column}: {finding.code} ({finding.rule}) {finding.message}"
            suite_counts = (len(items), len(items), 0)
        suite.set("tests", str(suite_counts[0]))
        suite.set("failures", str(suite_counts[1]))
        suite.set("errors", str(suite_counts[2]))
        total, failures, errors = total + suite_counts[0], failures + suite_counts[1], errors + suite_counts[2]
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
