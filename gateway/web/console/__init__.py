"""The web console: server-rendered pages (Jinja2, htmx) over the gateway's use cases, through
the same door as GraphQL (docs/console.md)."""
