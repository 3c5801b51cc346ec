"""The web console's routes (registered in gateway/web/app.py): the public portal, signing
in and out, the steward's inbox, a citizen's own access log, the auditor's trail, and the
console's files."""
from __future__ import annotations

from pathlib import Path

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from gateway.web.console import auditor, citizen, oidc, portal, signin, steward, workbench
from gateway.web.console import authority, consents, requests, signout, steward_disputes
from gateway.web.console import steward_applications

ASSETS_DIR = Path(__file__).parent.parent / "static" / "console"


def console_routes() -> list[BaseRoute]:
    return [
        Route("/", portal.datasets_page, methods=["GET"]),
        Route("/datasets", portal.datasets_page, methods=["GET"]),
        Route("/datasets/{code}", portal.dataset_page, methods=["GET"]),
        Route("/notices", portal.notices_page, methods=["GET"]),
        Route("/signin", signin.signin_page, methods=["GET"]),
        Route("/signin", signin.signin, methods=["POST"]),
        Route("/signin/oidc", oidc.oidc_start, methods=["GET"]),
        Route("/signin/oidc/callback", oidc.oidc_callback, methods=["GET"]),
        Route("/signout", signout.signout, methods=["POST"]),
        Route("/steward/inbox", steward.inbox_page, methods=["GET"]),
        Route("/steward/requests/{id}/approve", steward.approve, methods=["POST"]),
        Route("/steward/requests/{id}/reject", steward.reject, methods=["POST"]),
        Route("/steward/disputes/{id}/resolve", steward_disputes.resolve, methods=["POST"]),
        Route("/steward/applications/{id}/decision", steward_applications.decide, methods=["POST"]),
        Route("/me/accesses", citizen.my_accesses_page, methods=["GET"]),
        Route("/me/consents", citizen.my_consents_page, methods=["GET"]),
        Route("/requests", requests.requests_page, methods=["GET"]),
        Route("/requests", requests.file_request, methods=["POST"]),
        Route("/applications", requests.applications_page, methods=["GET"]),
        Route("/applications", requests.apply, methods=["POST"]),
        Route("/me/consents", consents.give_consent, methods=["POST"]),
        Route("/me/consents/{id}/withdraw", citizen.withdraw_consent, methods=["POST"]),
        *authority.routes(),
        Route("/audit", auditor.trail_page, methods=["GET"]),
        Route("/audit", auditor.trail_search, methods=["POST"]),
        Route("/audit.csv", auditor.trail_csv, methods=["GET"]),
        Route("/audit/verify", auditor.verify, methods=["POST"]),
        Route("/workbench", workbench.workbench_page, methods=["GET"]),
        Route("/workbench/sessions", workbench.open_session, methods=["POST"]),
        Route("/workbench/sessions/{id}", workbench.session_page, methods=["GET"]),
        Route("/workbench/sessions/{id}/query", workbench.run_query, methods=["POST"]),
        Route("/workbench/sessions/{id}/releases", workbench.ask_release, methods=["POST"]),
        Route("/workbench/sessions/{id}/close", workbench.close_session, methods=["POST"]),
        Route("/workbench/releases/{id}", workbench.release_page, methods=["GET"]),
        Route("/workbench/applications/{id}/reports", workbench.file_report, methods=["POST"]),
        Route("/steward/releases/{id}/decision", workbench.decide_release, methods=["POST"]),
        Mount("/console-assets", app=StaticFiles(directory=ASSETS_DIR), name="console-assets"),
    ]
