"""Gongyun: a linked-data knowledge graph of the Chinese workers' movement, 1937-1945."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gongyun")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
