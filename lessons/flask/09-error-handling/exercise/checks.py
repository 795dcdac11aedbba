"""Checks for the error-handling exercise.

Every answer is checked over HTTP. What the app logs cannot be seen from here, so the rule "log the
unexpected exception with app.logger, traceback included" is read from the submitted source (never
run here): a handler for Exception must call app.logger.exception(...) (or log with exc_info), while
a handler for 500 alone is enough, since Flask logs the exception itself before calling it.
"""

import ast

from crossroads_checks import dotted_name, expect, expect_json, expect_status, fresh_word, syntax_tree

GENERIC_500 = {"error": "Internal Server Error", "message": "Something went wrong on our side."}
# The starter's STOCK: the kettle has 3, the teapot none.
IN_STOCK, SOLD_OUT = "kettle", "teapot"
CATCH_ALL = {"Exception", "BaseException"}
SERVER_ERROR = {"500", "InternalServerError"}
LOG_LEVELS = {"error", "critical", "exception", "warning", "log", "fatal"}


# ---- Reading the source ------------------------------------------------------------------------


def functions_by_name():
    return {node.name: node for node in ast.walk(syntax_tree()) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def handled_kind(node):
    """'500', 'Exception', ... for the class or code an error handler is registered for."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    return dotted_name(node).split(".")[-1]


def error_handlers():
    """(what it handles, the handler's function node or None) for @x.errorhandler(...) and x.register_error_handler(...)."""
    found = []
    functions = functions_by_name()
    for node in ast.walk(syntax_tree()):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and dotted_name(decorator.func).split(".")[-1] == "errorhandler" and decorator.args:
                    found.append((handled_kind(decorator.args[0]), node))
        elif isinstance(node, ast.Call) and dotted_name(node.func).split(".")[-1] == "register_error_handler" and len(node.args) >= 2:
            handler = node.args[1]
            found.append((handled_kind(node.args[0]), functions.get(handler.id) if isinstance(handler, ast.Name) else handler))
    return found


def logger_names():
    """Names given to the app's logger (log = current_app.logger)."""
    return {
        target.id
        for node in ast.walk(syntax_tree())
        if isinstance(node, ast.Assign) and dotted_name(node.value).split(".")[-1] == "logger" and isinstance(node.value, ast.Attribute)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def logs_with_traceback(call):
    """app.logger.exception(...), or app.logger.error(..., exc_info=...) with a true exc_info, or app.log_exception(...)."""
    if not isinstance(call.func, ast.Attribute):
        return False
    method, owner = call.func.attr, dotted_name(call.func.value)
    if method == "log_exception":
        return True
    if method not in LOG_LEVELS or not (owner.split(".")[-1] == "logger" or owner in logger_names()):
        return False
    if method == "exception":
        info = next((k.value for k in call.keywords if k.arg == "exc_info"), None)
        return not (isinstance(info, ast.Constant) and not info.value)
    info = next((k.value for k in call.keywords if k.arg == "exc_info"), None)
    return info is not None and not (isinstance(info, ast.Constant) and not info.value)


def reaches_logging(function, seen=None):
    """Whether function (or a function of this file that it calls) logs with a traceback."""
    seen = seen if seen is not None else set()
    if function is None or id(function) in seen:
        return False
    seen.add(id(function))
    functions = functions_by_name()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if logs_with_traceback(node):
                return True
            if isinstance(node.func, ast.Name) and node.func.id in functions and reaches_logging(functions[node.func.id], seen):
                return True
    return False


# ---- HTTP --------------------------------------------------------------------------------------


def expect_error_json(response, status, name):
    expect_status(response, status)
    is_json = "json" in response.headers.get("Content-Type", "")
    expect(is_json, f"The {status} must be JSON, not Flask's HTML error page", expected={"error": name, "message": "..."}, response=response)
    body = expect_json(response)
    expect(
        body.get("error") == name and isinstance(body.get("message"), str) and body["message"] and set(body) == {"error", "message"},
        "Every HTTP error has the shape {'error': <name>, 'message': <description>}",
        expected={"error": name, "message": "<the error's description>"},
        response=response,
    )
    return body


def check_404_json(client):
    """abort(404) for an unknown product is a JSON 404 with its description"""
    product = fresh_word()
    response = client.post(f"/orders/{product}")
    body = expect_error_json(response, 404, "Not Found")
    wanted = f"No product called {product}"
    expect(body["message"] == wanted, "The message is the description given to abort()", expected={"error": "Not Found", "message": wanted}, response=response)


def check_unknown_url_json(client):
    """A URL with no route is a JSON 404 too"""
    expect_error_json(client.get(f"/{fresh_word()}/{fresh_word()}"), 404, "Not Found")


def check_405_json(client):
    """A wrong method is a JSON 405"""
    expect_error_json(client.get(f"/orders/{fresh_word()}"), 405, "Method Not Allowed")


def check_orders_still_work(client):
    """A normal order still succeeds"""
    response = client.post(f"/orders/{IN_STOCK}")
    expect_status(response, 201)
    expect_json(response, {"ordered": IN_STOCK})


def check_out_of_stock(client):
    """OutOfStock becomes a 409 that names the product"""
    response = client.post(f"/orders/{SOLD_OUT}")
    expect_status(response, 409)
    expect_json(response, {"error": "Out of stock", "message": f"{SOLD_OUT} is sold out"})
    # Order the kettles until they run out: the message must name that product too.
    for _ in range(10):
        response = client.post(f"/orders/{IN_STOCK}")
        if response.status != 201:
            break
    expect_status(response, 409)
    expect_json(response, {"error": "Out of stock", "message": f"{IN_STOCK} is sold out"})


def check_500_hides_details(client):
    """An unexpected error is a generic JSON 500 that leaks nothing"""
    response = client.get("/crash")
    expect_status(response, 500)
    expect("database-password" not in response.text, "The 500 leaks the exception's text: send a generic message and log the details", expected=GENERIC_500, response=response)
    is_json = "json" in response.headers.get("Content-Type", "")
    expect(is_json, "The 500 must be JSON, not Flask's HTML error page", expected=GENERIC_500, response=response)
    expect_json(response, GENERIC_500)


# ---- The source: the unexpected error is logged ------------------------------------------------


def check_500_is_logged(client):
    """An unexpected error is logged with app.logger, traceback included"""
    handlers = error_handlers()
    catch_all = [function for kind, function in handlers if kind in CATCH_ALL]
    if not catch_all:
        expect(
            any(kind in SERVER_ERROR for kind, _ in handlers),
            "Add an error handler for unexpected exceptions: @app.errorhandler(Exception), or @app.errorhandler(500)",
            expected="@app.errorhandler(Exception) or @app.errorhandler(500)",
            actual=[kind for kind, _ in handlers] or "no error handlers",
        )
        return  # Flask logs the exception with app.logger before it calls a 500 handler.
    for function in catch_all:
        expect(
            reaches_logging(function),
            "A handler for Exception stops Flask from logging the error, so log it yourself, traceback included: "
            "app.logger.exception(\"Unhandled error\") inside the handler (logger.error(...) alone loses the traceback)",
            expected='app.logger.exception("...") in the Exception handler',
            actual=f"{getattr(function, 'name', 'the handler')} does not log with a traceback",
        )
