"""GraphiQL from Citizen's own files: the IDE page `GET /graphql` shows in a browser.

strawberry's page loads React and GraphiQL from a CDN, so offline (or behind a strict proxy) it
stays a blank "Loading...". This page loads the same libraries from `web/static/graphiql/`
(vendored from npm, see its README), served under `/static/`.
"""

from __future__ import annotations

from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
ASSETS = "/static/graphiql"

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Citizen GraphiQL</title>
<link rel="stylesheet" href="{ASSETS}/graphiql.min.css">
<style>body {{ margin: 0; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
<div id="graphiql">Loading…</div>
<script src="{ASSETS}/react.production.min.js"></script>
<script src="{ASSETS}/react-dom.production.min.js"></script>
<script src="{ASSETS}/graphiql.min.js"></script>
<script src="{ASSETS}/init.js"></script>
</body>
</html>
"""


def graphiql_html() -> str:
    return PAGE


def static_mount() -> Mount:
    """`/static/`: the web adapter's own assets (GraphiQL's scripts and styles)."""
    return Mount("/static", StaticFiles(directory=STATIC), name="static")
