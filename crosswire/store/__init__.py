"""The store; open one with `Store(path)` for an SQLite file, or for a server with a URL or a libpq string.

`Store("postgresql://me@dbhost/news")` and `Store("host=dbhost dbname=news")` open the same database.
"""

from crosswire.store.dialect import StoreUnavailable
from crosswire.store.migrations import SchemaError
from crosswire.store.store import AddResult, Store

__all__ = ["AddResult", "SchemaError", "Store", "StoreUnavailable"]
