"""Probes for the dependencies exercise: run beside the learner's app, asked by checks.py over HTTP.

dependency_overrides cannot be set over HTTP, so this probe sets one in the learner's process, asks
both endpoints without any token, and reports what came back.
"""

import warnings

import main


def probe_with_fake_user(username):
    """Overrides main.get_current_user with a user named username and GETs /me and /notes with no token."""
    dependency = getattr(main, "get_current_user", None)
    if not callable(dependency):
        return {"defined": False}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    app = main.app
    saved = dict(app.dependency_overrides)
    app.dependency_overrides[dependency] = lambda: {"username": username}
    answers = {}
    try:
        client = TestClient(app, raise_server_exceptions=False)
        for path in ("/me", "/notes"):
            response = client.get(path)
            try:
                body = response.json()
            except ValueError:
                body = response.text[:500]
            answers[path] = {"status": response.status_code, "body": body}
    finally:
        app.dependency_overrides.clear()
        app.dependency_overrides.update(saved)
    return {"defined": True, "answers": answers}
