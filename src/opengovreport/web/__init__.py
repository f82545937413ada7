"""A web validator for publishers (optional: ``pip install "opengovreport[web]"``)."""

from __future__ import annotations


def create_app(max_upload: int | None = None):  # type: ignore[no-untyped-def]
    from .app import DEFAULT_MAX_UPLOAD
    from .app import create_app as _create

    return _create(max_upload or DEFAULT_MAX_UPLOAD)
