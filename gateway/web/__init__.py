"""The gateway's doors: the Starlette app, GraphQL over HTTP, GraphiQL, the sandbox and open-data routes."""
