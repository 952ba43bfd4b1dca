"""How well the matcher does on a table of names (tests/data/reconcile/names.tsv): how many are
matched right (match=true, the expected entity), matched wrong (match=true, another entity or a
name the graph does not hold), left for a person (no match=true), and of those left, how many
have the expected entity first among the candidates.

    .venv/bin/python -m gongyun.api.reconcile.evaluate [--nquads build/dumps/gongyun.nq]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from gongyun.api.reconcile.index import ReconIndex, build_index


@dataclass
class Outcome:
    right: int = 0
    wrong: int = 0
    left: int = 0
    left_top_right: int = 0
    wrong_rows: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        matched = self.right + self.wrong
        return self.right / matched if matched else 1.0

    def table(self) -> str:
        total = self.right + self.wrong + self.left
        return "\n".join([
            f"names: {total}",
            f"matched right (match=true, expected entity): {self.right}",
            f"matched wrong (match=true, other entity or not in the graph): {self.wrong}",
            f"left for a person (no match=true): {self.left}"
            f" (expected entity ranked first: {self.left_top_right})",
            f"match=true precision: {self.precision:.3f}",
            *(f"  wrong: {row}" for row in self.wrong_rows),
        ])


def read_table(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]


def evaluate(index: ReconIndex, rows: list[dict[str, str]]) -> Outcome:
    out = Outcome()
    for row in rows:
        cands = index.candidates(row["name"], [row["type"]] if row["type"] else None)
        top = cands[0] if cands else None
        if top is not None and top.match:
            if top.entity.local == row["expected"]:
                out.right += 1
            else:
                out.wrong += 1
                out.wrong_rows.append(f"{row['name']} -> {top.entity.local}"
                                      f" (expected {row['expected']})")
        else:
            out.left += 1
            out.left_top_right += top is not None and top.entity.local == row["expected"]
    return out


def main(argv: list[str] | None = None) -> int:
    import tempfile

    import pyoxigraph as ox

    from gongyun.api import search
    from gongyun.api.store import term_of

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nquads", type=Path, default=Path("build/dumps/gongyun.nq"))
    parser.add_argument("--table", type=Path,
                        default=Path("tests/data/reconcile/names.tsv"))
    args = parser.parse_args(argv)
    store = ox.Store()
    store.bulk_load(path=str(args.nquads), format=ox.RdfFormat.N_QUADS)

    class Select:
        def select(self, sparql: str):
            rows = store.query(sparql, use_default_graph_as_union=True)
            names = [v.value for v in rows.variables]
            return [{n: term_of(r[n]) for n in names if r[n] is not None} for r in rows]

    with tempfile.TemporaryDirectory() as tmp:
        labels = search.LabelIndex(Path(tmp) / "labels.sqlite")
        search.build_index(store, labels.path)  # as a store directory holds it
        index = build_index(labels, Select())
    print(evaluate(index, read_table(args.table)).table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
