"""The permission matrix, route by route: no session → 401; each role → allowed or 403 exactly as listed.

The routes come from the app's own OpenAPI schema, so a new route without an entry in
``fazhi.api.permissions.ROUTES`` fails here (and ``create_app`` refuses to start).
"""

from __future__ import annotations

from fazhi.api.permissions import API, PUBLIC, ROLES, ROUTES, allowed, doc_path, render_markdown
from tests.api.conftest import Api

SAMPLE_PARAMS = {"law": "刑法", "article": "1", "job_id": "999999", "case_id": "999999", "doc_id": "1",
                 "card_id": "no-such-card", "capability": "predict", "username": "nobody"}


def app_routes(api: Api) -> list[tuple[str, str]]:
    """(method, path) of every route under /api/v1 that the app serves."""
    paths = api.app.openapi()["paths"]
    return sorted((m.upper(), p) for p, ops in paths.items() for m in ops if p.startswith(API))


def concrete(path: str) -> str:
    return path.format(**SAMPLE_PARAMS)


def call(api: Api, method: str, path: str, headers: dict[str, str]) -> int:
    kwargs = {"json": {}} if method in ("POST", "PUT") else {}
    return api.client.request(method, concrete(path), headers=headers, **kwargs).status_code


def test_every_route_has_an_entry_and_every_entry_a_route(api: Api) -> None:
    served = set(app_routes(api))
    listed = set(ROUTES)
    assert served - listed == set(), "routes without a permission entry"
    assert listed - served == set(), "permission entries without a route"


def test_the_permissions_doc_is_generated_from_the_code() -> None:
    assert doc_path().read_text(encoding="utf-8") == render_markdown(), \
        "docs/permissions.md is stale: run python -m fazhi.api.permissions"


def test_every_route_without_a_session_is_401(any_api: Api) -> None:
    for method, path in app_routes(any_api):
        if ROUTES[(method, path)] is PUBLIC:
            continue
        assert call(any_api, method, path, {}) == 401, (method, path)
        assert call(any_api, method, path, {"Authorization": "Bearer not-a-real-token"}) == 401, (method, path)
        assert call(any_api, method, path, {"Authorization": "Basic dXNlcjpwYXNz"}) == 401, (method, path)


def test_every_role_against_every_route(any_api: Api) -> None:
    wrong = []
    for role in ROLES:
        for method, path in app_routes(any_api):
            permission = ROUTES[(method, path)]
            # a fresh session for each call: POST /auth/logout ends the one it is called with
            status = call(any_api, method, path, {"Authorization": f"Bearer {any_api.new_token(role)}"})
            if permission is PUBLIC or allowed(role, permission):
                if status in (401, 403) or status >= 500:
                    wrong.append((role, method, path, status, "should be allowed"))
            elif status != 403:
                wrong.append((role, method, path, status, "should be 403"))
    assert wrong == []
