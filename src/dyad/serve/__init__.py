"""`dyad serve`: the HTTP API (app.py) and the dashboard (static/), served
from the store, offline, with no third-party server or CDN."""

from dyad.serve.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
