"""Alembic environment: the engine comes from the gateway (config.attributes['engine'])."""
from alembic import context

from gateway.store.models import Base
import gateway.store.privacy_models  # noqa: F401  (tables of their own module)
import gateway.store.sandbox_models  # noqa: F401

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    context.run_migrations()
