"""Pass counts of the W3C tests per directory: a pytest plugin (loaded by tests/w3c/conftest.py,
printed at the end of any run that includes tests/w3c) and a command that runs the suite and
prints the table: `python -m tests.w3c.report`."""

from __future__ import annotations

import re
import sys
from collections import defaultdict

import pytest

KINDS = {"test_query_evaluation": "evaluation", "test_syntax": "syntax",
         "test_protocol": "protocol"}
COLUMNS = ("passed", "xfailed", "failed")


class Tally:
    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(COLUMNS, 0))
        # Evaluation tests approved by the SPARQL Working Group (dawgt:Approved); the others were
        # added to the suite later (many in 2023) or are only proposed.
        self.approved = dict.fromkeys(COLUMNS, 0)
        self._approval: dict[str, str] | None = None

    def approval(self, case_id: str) -> str:
        if self._approval is None:
            from tests.w3c.manifest import QUERY_DIRS, all_cases

            self._approval = {c.id: c.approval for c in all_cases(QUERY_DIRS)}
        return self._approval.get(case_id, "")

    def add(self, report: pytest.TestReport) -> None:
        m = re.search(r"::(test_\w+)\[([^\]]*)\]", report.nodeid)
        if m is None or m.group(1) not in KINDS:
            return
        kind = KINDS[m.group(1)]
        directory = "protocol" if kind == "protocol" else m.group(2).split("/", 1)[0]
        outcome = ("xfailed" if hasattr(report, "wasxfail") and report.skipped
                   else "failed" if report.failed else "passed" if report.passed else None)
        counted = report.when == "call" or (report.when == "setup" and not report.passed)
        if counted and outcome is not None:
            self.counts[(directory, kind)][outcome] += 1
            if kind == "evaluation" and self.approval(m.group(2)) == "Approved":
                self.approved[outcome] += 1

    def table(self) -> str:
        lines = ["| directory | tests | passed | expected failures | failed |",
                 "| --- | --- | --- | --- | --- |"]
        total = dict.fromkeys(COLUMNS, 0)
        for (directory, kind), c in sorted(self.counts.items(), key=lambda i: (i[0][1], i[0][0])):
            n = sum(c.values())
            lines.append(f"| {directory} ({kind}) | {n} | {c['passed']} | {c['xfailed']} | "
                         f"{c['failed']} |")
            for k in COLUMNS:
                total[k] += c[k]
        lines.append(f"| all | {sum(total.values())} | {total['passed']} | {total['xfailed']} | "
                     f"{total['failed']} |")
        evaluation = [c for (_, kind), c in self.counts.items() if kind == "evaluation"]
        for label, c in (("query evaluation", {k: sum(e[k] for e in evaluation) for k in COLUMNS}),
                         ("query evaluation, WG-approved", self.approved)):
            n = sum(c.values())
            if n:
                lines.append(f"{label}: {c['passed']}/{n} pass ({100 * c['passed'] / n:.1f} %)")
        return "\n".join(lines)


class ReportPlugin:
    def __init__(self) -> None:
        self.tally = Tally()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.tally.add(report)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.tally.counts:
            terminalreporter.section("W3C SPARQL 1.1 tests per directory")
            terminalreporter.write_line(self.tally.table())


if __name__ == "__main__":
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests/w3c", *sys.argv[1:]]))
