"""Build problems, each pointing at the file and line a curator must fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path | None
    line: int | None
    message: str
    severity: str = "error"  # "error" fails the build; "warning" is reported

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{_display(self.file)}:{self.line or 0}: "
        return f"{where}{self.severity}: {self.message}"


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass
class Problems:
    """Collects problems so a build reports all of them at once, not only the first."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: Path | None, line: int | None, message: str) -> None:
        self.items.append(Problem(file, line, message))

    def warning(self, file: Path | None, line: int | None, message: str) -> None:
        self.items.append(Problem(file, line, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]


class BuildError(Exception):
    """The build cannot produce a valid graph; `problems` says where and why. `report` is what
    the build had found when it gave up (its coverage), for tools that show both (the
    workbench), or None."""

    def __init__(self, problems: list[Problem], report: object = None):
        self.problems = problems
        self.report = report
        super().__init__(f"{len(problems)} problem(s)")
