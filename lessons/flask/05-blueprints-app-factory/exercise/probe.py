"""Runs beside the learner's app: calls main.create_app() the way a test suite would and reports
what the apps it built look like. HTTP alone cannot show that each call builds a new app."""

import flask

import main


def answer(app, path):
    response = app.test_client().get(path)
    return {"status": response.status_code, "json": response.get_json(silent=True)}


def probe_factory(store):
    create_app = getattr(main, "create_app", None)
    if not callable(create_app):
        raise RuntimeError("define a function create_app(test_config=None) that returns the app")
    first, second = create_app(), create_app()
    custom = create_app({"STORE_NAME": store, "TESTING": True})
    later = create_app()
    apps = (first, second, custom, later)
    if not all(isinstance(app, flask.Flask) for app in apps):
        raise RuntimeError("create_app() must return a Flask app")
    return {
        "all_different": len({id(app) for app in apps}) == len(apps),
        "module_app_is_returned": any(app is getattr(main, "app", None) for app in apps),
        "blueprints": sorted(first.blueprints),
        "product_endpoints": sorted(r.endpoint for r in first.url_map.iter_rules() if r.rule.startswith("/api/products")),
        "default": answer(first, "/api/products/"),
        "custom": answer(custom, "/api/products/"),
        "custom_testing": custom.config.get("TESTING"),
        "later": answer(later, "/api/products/"),
        "health": answer(custom, "/health"),
    }
