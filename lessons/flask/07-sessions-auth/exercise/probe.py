"""Runs beside the learner's app. HTTP shows that /account is protected, not how: these probes add
the checks' own users, and apply main.login_required to two new views to see that it is a reusable
decorator (it refuses, lets through, passes arguments, keeps each view's name)."""

import flask

import main


def probe_add_user(username, password):
    users = getattr(main, "USERS", None)
    if not isinstance(users, dict):
        raise RuntimeError("keep the accounts in the dict named USERS, as the starter does")
    users[username] = password
    return True


def answer(response):
    return {"status": response.status_code, "json": response.get_json(silent=True), "location": response.headers.get("Location")}


def probe_decorator(token):
    """Protects two new views with main.login_required, adds them to main.app (under a private
    prefix, so the app's own error handlers and before_request hooks apply) and calls them."""
    decorator = getattr(main, "login_required", None)
    if not callable(decorator):
        return {"defined": False}
    app = main.app

    def report(number):
        return {"token": token, "number": number}

    def archive():
        return {"archive": token}

    report.__name__ = report.__qualname__ = f"report_{token}"
    archive.__name__ = archive.__qualname__ = f"archive_{token}"
    facts = {"defined": True}
    protected = decorator(report)
    facts["name"] = getattr(protected, "__name__", None)
    facts["wraps_original"] = getattr(protected, "__wrapped__", None) is report
    # Flask refuses new routes once an app has served a request; the probe adds its own anyway.
    served = app._got_first_request
    app._got_first_request = False
    try:
        app.add_url_rule(f"/__probe__/{token}/report/<int:number>", view_func=protected)
        app.add_url_rule(f"/__probe__/{token}/archive", view_func=decorator(archive))
        facts["two_views"] = None
    except AssertionError as error:  # two views with one endpoint name
        facts["two_views"] = str(error)
        return facts
    finally:
        app._got_first_request = served
    client = app.test_client()
    facts["anonymous"] = answer(client.get(f"/__probe__/{token}/report/7"))
    with client.session_transaction() as session:
        session["user"] = f"user_{token}"
    facts["signed_in"] = answer(client.get(f"/__probe__/{token}/report/7"))
    facts["signed_in_other"] = answer(client.get(f"/__probe__/{token}/archive"))
    return facts


def probe_account_view():
    """Whether the view Flask calls for /account is a wrapper around another function."""
    app = getattr(main, "app", None)
    adapter = app.url_map.bind("localhost")
    endpoint, _ = adapter.match("/account", method="GET")
    view = app.view_functions[endpoint]
    return {"endpoint": endpoint, "wrapped": hasattr(view, "__wrapped__")}
