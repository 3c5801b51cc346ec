"""The gateway's own store: catalog, principals, grants, audit (SQLAlchemy 2 ORM)."""
