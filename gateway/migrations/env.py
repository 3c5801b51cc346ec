"""Alembic environment: the engine comes from the gateway (config.attributes['engine'])."""
from alembic import context

from gateway.store import console_models, privacy_models, sandbox_models
from gateway.store.models import Base

# Their tables join Base.metadata when the modules are imported.
MODEL_MODULES = (console_models, privacy_models, sandbox_models)

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    context.run_migrations()
