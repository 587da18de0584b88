"""The court workbench: server-rendered Chinese pages over the same core functions as the CLI and API.

Every page lives in :mod:`fazhi.web.pages` (``router``); templates are Jinja2 files in
``templates/`` and the only CSS and JavaScript are ``static/fazhi.css`` and ``static/fazhi.js``,
served by fazhi itself under ``/static`` (no CDN, no web fonts: usable on a court intranet).
The contract of paths, form fields and test hooks is ``docs/web_contract.md``.
"""

from pathlib import Path

#: Where the templates and static files are (served by the API app under ``/static``).
TEMPLATES_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")

__all__ = ["STATIC_DIR", "TEMPLATES_DIR"]
