"""The newsroom view: server-rendered pages and a JSON API over a crosswire store."""

from crosswire.interfaces.web.app import create_app

__all__ = ["create_app"]
