"""Checks for the error-handling exercise.

Every answer is checked over HTTP. What the app logs cannot be seen from here, so the rule "log the
unexpected exception with app.logger, traceback included" is read from the submitted source (never
run here). Every handler that can catch the unexpected exception (one registered for Exception, or for
a built-in exception such as KeyError, however it is registered: @app.errorhandler, app.errorhandler(...)(f),
app.register_error_handler, a blueprint's app_errorhandler) must itself log with the Flask app's
logger (app.logger, current_app.logger or a name bound to one), traceback included: logger.exception(...),
exc_info=..., or the text of traceback.format_exc(). A handler for 500 alone is enough, since Flask
logs the exception itself before calling it.
"""

import ast
import builtins

from crossroads_checks import dotted_name, expect, expect_json, expect_status, fresh_word, import_origins, syntax_tree

GENERIC_500 = {"error": "Internal Server Error", "message": "Something went wrong on our side."}
# The starter's STOCK: the kettle has 3, the teapot none.
IN_STOCK, SOLD_OUT = "kettle", "teapot"
SERVER_ERROR = {"500", "InternalServerError"}
LOG_LEVELS = {"error", "critical", "exception", "warning", "warn", "log", "fatal", "info", "debug"}
REGISTRARS = {"errorhandler", "app_errorhandler"}
# Calls that turn the exception being handled into text, traceback included.
TRACEBACK_TEXT = ("traceback.format_exc", "traceback.format_exception", "traceback.format_tb", "traceback.TracebackException")


# ---- Reading the source ------------------------------------------------------------------------


def resolved(node):
    """node's dotted name with its first part replaced by what the imports made it stand for."""
    name = dotted_name(node)
    first, _, rest = name.partition(".")
    origin = import_origins().get(first)
    return origin + ("." + rest if rest else "") if origin else name


def assignments():
    """(target name, value) for every simple assignment in the file (x = ..., x: T = ..., x := ...)."""
    found = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Assign):
            found.extend((target.id, node.value) for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and isinstance(node.target, ast.Name) and node.value is not None:
            found.append((node.target.id, node.value))
    return found


def bound_to(test):
    """Names every assignment of which passes test (a name also bound to something else does not count)."""
    names = {}
    for name, value in assignments():
        names[name] = names.get(name, True) and test(value)
    return {name for name, always in names.items() if always}


def functions_by_name():
    found = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, []).append(node)
    return found


def registrations():
    """(what it handles, the handler expression) for every way of registering an error handler:
    @x.errorhandler(k) / @bp.app_errorhandler(k) on a def, x.errorhandler(k)(f), x.register_error_handler(k, f)."""
    found = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) and decorator.func.attr in REGISTRARS:
                    found.append((decorator.func.value, handled(decorator), node))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Call):
            inner = node.func
            if isinstance(inner.func, ast.Attribute) and inner.func.attr in REGISTRARS and node.args:
                found.append((inner.func.value, handled(inner), node.args[0]))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "register_error_handler":
            handler = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "f"), None)
            found.append((node.func.value, handled(node), handler))
    return found


def handled(call):
    """The class or code node an errorhandler(...) / register_error_handler(...) call names."""
    return call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "code_or_exception"), None)


def kind_name(node):
    if isinstance(node, ast.Constant):
        return str(node.value)
    return resolved(node).split(".")[-1] if node is not None else ""


def catches_the_unexpected(node):
    """Whether a handler for node catches an unexpected exception: Exception, or a built-in class such as KeyError."""
    if node is None or isinstance(node, ast.Constant) or resolved(node).startswith("werkzeug."):
        return False
    name = dotted_name(node)
    if name in import_origins() and not import_origins()[name].startswith("builtins."):
        return False
    if any(target == name for target, _ in assignments()) or name in functions_by_name() or any(isinstance(n, ast.ClassDef) and n.name == name for n in ast.walk(syntax_tree())):
        return False
    candidate = getattr(builtins, name.removeprefix("builtins."), None)
    return isinstance(candidate, type) and issubclass(candidate, BaseException)


def handler_functions(expression):
    """The function nodes a handler expression stands for (a def's node, every def of a name, a lambda)."""
    if isinstance(expression, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        return [expression]
    if isinstance(expression, ast.Name):
        return functions_by_name().get(expression.id, [])
    return []


def app_names():
    """Names that hold the Flask app: bound to Flask(...) or to what a factory of this file returns
    (app = create_app()), or an object whose errorhandler/register_error_handler is called, blueprints aside."""
    factories = {name for name, functions in functions_by_name().items() if any(isinstance(n, ast.Call) and resolved(n.func) == "flask.Flask" for f in functions for n in ast.walk(f))}
    made = {
        name
        for name, value in assignments()
        if isinstance(value, ast.Call) and (resolved(value.func) == "flask.Flask" or (isinstance(value.func, ast.Name) and value.func.id in factories))
    }
    blueprints = bound_to(lambda value: isinstance(value, ast.Call) and resolved(value.func) == "flask.Blueprint")
    owners = {owner.id for owner, _, _ in registrations() if isinstance(owner, ast.Name)}
    return (made | owners) - blueprints


def is_app(node):
    return resolved(node) == "flask.current_app" or (isinstance(node, ast.Name) and node.id in app_names())


def is_app_logger(node):
    """app.logger, current_app.logger, or a name bound to one of them (log = current_app.logger)."""
    if isinstance(node, ast.Attribute) and node.attr == "logger":
        return is_app(node.value)
    loggers = bound_to(lambda value: isinstance(value, ast.Attribute) and value.attr == "logger" and is_app(value.value))
    return isinstance(node, ast.Name) and node.id in loggers


def traceback_text(expression, function):
    """Whether expression holds traceback.format_exc() (or similar), directly or through a name the function binds to it."""
    texts = {
        target.id
        for node in ast.walk(function)
        if isinstance(node, ast.Assign) and any(isinstance(n, ast.Call) and resolved(n.func).startswith(TRACEBACK_TEXT) for n in ast.walk(node.value))
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return any(
        (isinstance(node, ast.Call) and resolved(node.func).startswith(TRACEBACK_TEXT)) or (isinstance(node, ast.Name) and node.id in texts)
        for node in ast.walk(expression)
    )


def is_true(node):
    return node is not None and not (isinstance(node, ast.Constant) and not node.value)


def logs_with_traceback(call, function):
    """'yes' for app.logger.exception(...), app.logger.<level>(..., exc_info=<true>), app.logger.<level>(traceback text)
    or app.log_exception(...); 'other logger' for the same with a logger that is not the app's; '' otherwise."""
    if not isinstance(call.func, ast.Attribute):
        return ""
    method, owner = call.func.attr, call.func.value
    if method == "log_exception":
        return "yes" if is_app(owner) else ""
    if method not in LOG_LEVELS:
        return ""
    info = next((k.value for k in call.keywords if k.arg == "exc_info"), None)
    if method == "exception":
        with_traceback = info is None or is_true(info)
    else:
        with_traceback = is_true(info) or any(traceback_text(arg, function) for arg in call.args)
    if not with_traceback:
        return ""
    return "yes" if is_app_logger(owner) else "other logger"


def narrows_to_expected(test):
    """Whether an if's test holds only for an expected error: isinstance(error, C) where no C is a class an
    unexpected exception can be (HTTPException, a class of this file such as OutOfStock), alone or joined by `and`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(narrows_to_expected(value) for value in test.values)
    if not (isinstance(test, ast.Call) and dotted_name(test.func) == "isinstance" and len(test.args) == 2):
        return False
    classes = test.args[1].elts if isinstance(test.args[1], ast.Tuple) else [test.args[1]]
    return all(isinstance(c, (ast.Name, ast.Attribute)) and not catches_the_unexpected(c) and dotted_name(c) not in ("Exception", "BaseException") for c in classes)


def expected_only_nodes(function):
    """The nodes of function that run only for an expected error (HTTPException, OutOfStock): the body of
    `if isinstance(error, HTTPException):`, the else of `if not isinstance(...)`. An unexpected error never gets there."""
    skipped = set()
    for node in ast.walk(function):
        if isinstance(node, ast.If):
            if narrows_to_expected(node.test):
                branch = node.body
            elif isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not) and narrows_to_expected(node.test.operand):
                branch = node.orelse
            else:
                continue
            for statement in branch:
                skipped.update(ast.walk(statement))
    return skipped


def logging_calls(function, seen=None, skipped=None):
    """(verdict, call) for the calls that log with a traceback in function or the functions of this file it calls.
    skipped: nodes of function to leave out (the branches an unexpected error never enters)."""
    seen = seen if seen is not None else set()
    if id(function) in seen:
        return []
    seen.add(id(function))
    found = []
    functions = functions_by_name()
    for node in ast.walk(function):
        if skipped and node in skipped:
            continue
        if isinstance(node, ast.Call):
            verdict = logs_with_traceback(node, function)
            if verdict:
                found.append((verdict, node))
            if isinstance(node.func, ast.Name):
                for called in functions.get(node.func.id, []):
                    found.extend(logging_calls(called, seen))
    return found


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
    handlers = registrations()
    catch_all = [(kind, handler) for _, kind, handler in handlers if catches_the_unexpected(kind)]
    if not catch_all:
        expect(
            any(kind_name(kind) in SERVER_ERROR for _, kind, _ in handlers),
            "Add an error handler for unexpected exceptions: @app.errorhandler(Exception), or @app.errorhandler(500)",
            expected="@app.errorhandler(Exception) or @app.errorhandler(500)",
            actual=[kind_name(kind) for _, kind, _ in handlers] or "no error handlers",
        )
        return  # Flask logs the exception with app.logger before it calls a 500 handler.
    for kind, handler in catch_all:
        what = kind_name(kind)
        functions = handler_functions(handler)
        label = getattr(handler, "name", None) or (ast.unparse(handler) if handler is not None else "the handler")
        expect(
            functions,
            f"The handler for {what} must be a function defined in your file (def ...), so the checks can see that it logs the error",
            expected=f"def a_handler(error): ... registered for {what}",
            actual=label,
        )
        for function in functions:
            branches = expected_only_nodes(function)
            found = logging_calls(function, skipped=branches)
            if branches and not any(verdict == "yes" for verdict, _ in found):
                elsewhere = [call for verdict, call in logging_calls(function) if verdict == "yes"]
                expect(
                    not elsewhere,
                    f"The handler for {what} logs only in a branch for expected errors ({ast.unparse(elsewhere[0]) if elsewhere else ''} "
                    "sits under `if isinstance(error, HTTPException)` or similar), which an unexpected exception never enters, so "
                    "the error that most needs logging is not logged: call app.logger.exception(\"Unhandled error\") on the path "
                    "the other exceptions take, just before the 500 is returned",
                    expected=f'app.logger.exception("...") where the {what} handler returns the 500',
                    actual=[ast.unparse(call) for call in elsewhere],
                )
            others = [call for verdict, call in found if verdict == "other logger"]
            expect(
                any(verdict == "yes" for verdict, _ in found) or not others,
                f"The handler for {what} logs with {ast.unparse(others[0].func) if others else ''}(...), which is not the Flask app's logger: "
                "use app.logger.exception(\"Unhandled error\") (current_app.logger in a blueprint), so the error reaches the handlers set up on app.logger",
                expected=f'app.logger.exception("...") in the {what} handler',
                actual=ast.unparse(others[0]) if others else None,
            )
            expect(
                any(verdict == "yes" for verdict, _ in found),
                f"A handler for {what} stops Flask from logging the error, so log it yourself, traceback included: "
                "app.logger.exception(\"Unhandled error\") inside the handler (logger.error(...) alone loses the traceback; "
                "add exc_info=True or traceback.format_exc() if you use it)",
                expected=f'app.logger.exception("...") in the {what} handler',
                actual=f"{label} does not log the error with app.logger and its traceback",
            )
