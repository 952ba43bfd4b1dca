"""The matcher on the frozen table of names (tests/data/reconcile/names.tsv), through the index
the running service uses. The floors are the figures measured when the matcher was written
(docs/integration.md): a change that makes it worse fails here."""

from __future__ import annotations

from pathlib import Path

from gongyun.api.reconcile.evaluate import evaluate, read_table

NAMES = Path(__file__).resolve().parents[1] / "data" / "reconcile" / "names.tsv"


def test_names_as_historians_write_them(recon):
    recon.get("/reconcile")  # builds the index
    index = recon.app.state.reconcile.get()
    outcome = evaluate(index, read_table(NAMES))
    print(outcome.table())
    assert outcome.right >= 78
    assert outcome.wrong <= 3
    assert outcome.precision >= 0.96
    assert outcome.right + outcome.wrong + outcome.left == 99
