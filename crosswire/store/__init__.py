"""The embedded SQLite store; open one with `Store(path)`."""

from crosswire.store.migrations import SchemaError
from crosswire.store.store import AddResult, Store

__all__ = ["AddResult", "SchemaError", "Store"]
