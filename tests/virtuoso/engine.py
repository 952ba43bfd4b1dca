"""The tests' private Virtuoso: the runner lives in the package (bench.virtuoso) so the
backend benchmark uses the same one; the tests keep its small defaults (80 MB of buffers)."""

from __future__ import annotations

from bench.virtuoso import Virtuoso, available

__all__ = ["Virtuoso", "available"]
