"""`dyad serve`: the HTTP API (app.py) and the dashboard (static/), served
from the store, offline, with no third-party server or CDN; handoff.py lets
`dyad ingest` write through a running server."""
