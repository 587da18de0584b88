"""fazhi.api: the REST API and the workbench server (FastAPI), a thin edge over the core.

``create_app()`` builds the application; one router per capability in ``routers/`` calls the
same core functions as the CLI through :mod:`fazhi.api.services`. Roles and the permission
matrix are in :mod:`fazhi.api.permissions` (``docs/permissions.md``); the contract with the web
pages is ``docs/web_contract.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(database_url: str | None = None) -> FastAPI:
    """Build the workbench app (see :func:`fazhi.api.app.create_app`)."""
    from fazhi.api.app import create_app as build

    return build(database_url)
