"""crosswire: many outlets' news articles in, one sourced account of each story out.

For notebooks and scripts:

    import crosswire
    result = crosswire.process(["<html>…</html>", {"title": …, "text": …}, Path("page.html")])
    for story in result.stories: ...           # crosswire.Story records, not dicts
    store = crosswire.Store("crosswire.db")   # a store on disk, read as records

Attributes load on first use (PEP 562), so `import crosswire` costs next to nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crosswire.api import Processed, Store, StoryListing, process
    from crosswire.config import Settings
    from crosswire.records import Article, Rejection, Story

__version__ = "0.1.0"  # pyproject.toml reads it from here
_LAZY = {
    "process": "crosswire.api",
    "Processed": "crosswire.api",
    "Store": "crosswire.api",
    "StoryListing": "crosswire.api",
    "Settings": "crosswire.config",
    "Article": "crosswire.records",
    "Rejection": "crosswire.records",
    "Story": "crosswire.records",
}
__all__ = ["Article", "Processed", "Rejection", "Settings", "Store", "Story", "StoryListing", "__version__", "process"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'crosswire' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
