"""The store; open one with `Store(path)` for an SQLite file or `Store("postgresql://...")` for a server."""

from crosswire.store.dialect import StoreUnavailable
from crosswire.store.migrations import SchemaError
from crosswire.store.store import AddResult, Store

__all__ = ["AddResult", "SchemaError", "Store", "StoreUnavailable"]
