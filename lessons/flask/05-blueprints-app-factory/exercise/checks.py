"""Checks for the factory-and-blueprint exercise.

HTTP shows what the app built by `app = create_app()` answers. It cannot show that create_app()
builds a new app on every call, that test_config reaches only that app, or that the product routes
live in a blueprint: those are read from the submitted source (never run here), next to the HTTP checks.
"""

import ast

from crossroads_checks import dotted_name, expect, expect_json, expect_status, syntax_tree

PRODUCTS = {"store": "Corner Shop", "products": ["Teapot", "Kettle"]}
MUTATING_METHODS = {"update", "setdefault", "append", "extend", "insert", "pop", "popitem", "clear", "remove", "__setitem__"}
ROUTE_METHODS = {"route", "get", "post", "put", "patch", "delete"}


# ---- Reading the source ------------------------------------------------------------------------


def imports():
    """Local name -> what it stands for: `from flask import Flask as F` gives {'F': 'flask.Flask'}."""
    names = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def resolved(node):
    """The dotted name of node with its first part replaced by what the import made it stand for."""
    name = dotted_name(node)
    first, _, rest = name.partition(".")
    origin = imports().get(first)
    if origin:
        return origin + ("." + rest if rest else "")
    return name


def calls_of(target, tree):
    """Calls in tree whose callee is target (e.g. 'flask.Flask'), however it was imported."""
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and resolved(node.func) == target]


def module_function(name):
    tree = syntax_tree()
    return next((node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name), None)


def own_nodes(function):
    """The nodes of a function's body, without those of the functions defined inside it."""
    pending = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            pending.extend(ast.iter_child_nodes(node))


def create_app_definition():
    definition = module_function("create_app")
    expect(definition is not None, "Define a function create_app(test_config=None) at the top level of your file", expected="def create_app(test_config=None): ...", actual="no create_app function")
    return definition


def bound_names(function):
    """Names a function binds (parameters, assignments, loops, with, imports, nested defs): lenient,
    it counts names bound in nested functions too."""
    names = {arg.arg for arg in ast.walk(function.args) if isinstance(arg, ast.arg)}
    declared_global = set()
    for node in ast.walk(function):
        if node is function:
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Global):
            declared_global.update(node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names - declared_global


def module_names():
    names = set()
    for node in syntax_tree().body:
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                names.add(child.id)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def functions_with_scopes():
    """(function, names bound by it or by a function around it) for every function in the file."""
    found = []

    def visit(node, outer):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                if isinstance(child, ast.Lambda):
                    scope = outer | {arg.arg for arg in ast.walk(child.args) if isinstance(arg, ast.arg)}
                else:
                    scope = outer | bound_names(child)
                found.append((child, scope))
                visit(child, scope)
            else:
                visit(child, outer)

    visit(syntax_tree(), set())
    return found


# ---- HTTP: what the app built by `app = create_app()` answers --------------------------------


def check_products_under_prefix(client):
    """GET /api/products/ lists the products with the store name"""
    response = client.get("/api/products/")
    expect_status(response, 200)
    expect_json(response, PRODUCTS)


def check_health(client):
    """GET /health answers ok"""
    response = client.get("/health")
    expect_status(response, 200)
    expect_json(response, {"status": "ok"})


# ---- The source: how the factory and the blueprint are written ----------------------------------


def check_new_app_each_call(client):
    """create_app() builds a new app every time it is called"""
    definition = create_app_definition()
    built = calls_of("flask.Flask", definition)
    expect(
        built,
        "create_app() must create the Flask object itself: move `app = Flask(__name__)` inside the function, "
        "so each call (each test) gets an app of its own",
        expected="Flask(__name__) called inside create_app()",
        actual="no Flask(...) call inside create_app()",
    )
    globals_declared = [name for node in ast.walk(definition) if isinstance(node, ast.Global) for name in node.names]
    expect(not globals_declared, "create_app() must not use `global`: build a local app and return it", expected="no global statement", actual=f"global {', '.join(globals_declared)}")
    made = {target.id for node in ast.walk(definition) if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value in built for target in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(target, ast.Name)}
    returns = [node.value for node in own_nodes(definition) if isinstance(node, ast.Return) and node.value is not None]
    expect(
        returns and all(value in built or (isinstance(value, ast.Name) and value.id in made) for value in returns),
        "create_app() must return the app it just created (for example `app = Flask(__name__)` ... `return app`), not an app made elsewhere",
        expected="return the new app",
        actual=[ast.unparse(value) for value in returns] or "create_app() returns nothing",
    )


def check_products_blueprint(client):
    """The product routes live in a blueprint named 'products', registered by create_app()"""
    blueprints = [call for call in calls_of("flask.Blueprint", syntax_tree())]
    named = [call for call in blueprints if (call.args and isinstance(call.args[0], ast.Constant) and call.args[0].value == "products") or any(k.arg == "name" and isinstance(k.value, ast.Constant) and k.value.value == "products" for k in call.keywords)]
    expect(named, "Create a blueprint named 'products': Blueprint(\"products\", __name__)", expected='Blueprint("products", __name__)', actual=[ast.unparse(call) for call in blueprints] or "no Blueprint(...) in your file")
    variables = {
        target.id
        for node in ast.walk(syntax_tree())
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value in named
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    on_blueprint = [
        node
        for node in ast.walk(syntax_tree())
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in variables
        and (node.func.attr in ROUTE_METHODS or node.func.attr == "add_url_rule")
    ]
    expect(on_blueprint, "Add the products view to the blueprint (@bp.get(\"/\") on the view), not to the app", expected='@bp.get("/") above the products view', actual="no route registered on the 'products' blueprint")
    expect(
        calls_of_suffix("register_blueprint", create_app_definition()),
        "create_app() must register the blueprint on the app it builds: app.register_blueprint(bp, url_prefix=\"/api/products\")",
        expected="app.register_blueprint(...) inside create_app()",
        actual="no register_blueprint call inside create_app()",
    )
    direct = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (node.func.attr in ROUTE_METHODS or node.func.attr == "add_url_rule"):
            owner = node.func.value
            rule = node.args[0] if node.args else None
            if isinstance(owner, ast.Name) and owner.id not in variables and isinstance(rule, ast.Constant) and str(rule.value).startswith("/api/products"):
                direct.append(ast.unparse(node))
    expect(not direct, "The /api/products routes must be on the blueprint, not on the app: the blueprint's url_prefix adds /api/products", expected='@bp.get("/") with url_prefix="/api/products"', actual=direct)


def calls_of_suffix(suffix, tree):
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and dotted_name(node.func).split(".")[-1] == suffix]


def check_test_config_applies(client):
    """create_app(test_config) puts test_config into the new app's config"""
    definition = create_app_definition()
    params = [arg.arg for arg in definition.args.posonlyargs + definition.args.args]
    expect(params, "create_app must take the test configuration as a parameter: def create_app(test_config=None)", expected="def create_app(test_config=None)", actual=f"def create_app({ast.unparse(definition.args)})")
    param = params[0]

    def mentions(node):
        return any(isinstance(child, ast.Name) and child.id == param for child in ast.walk(node))

    used = False
    for node in ast.walk(definition):
        if isinstance(node, ast.Call) and dotted_name(node.func).split(".")[-2:-1] == ["config"] and node.func.attr in {"update", "from_mapping", "from_object"}:
            used = used or any(mentions(arg) for arg in [*node.args, *(k.value for k in node.keywords)])
        elif isinstance(node, ast.AugAssign) and dotted_name(node.target).endswith("config"):
            used = used or mentions(node.value)
        elif isinstance(node, (ast.For, ast.comprehension)) and mentions(node.iter):
            used = True
    expect(
        used,
        f"create_app() must copy every key of {param} into the new app's config: `if {param}: app.config.update({param})` (or app.config.from_mapping)",
        expected=f"app.config.update({param})",
        actual=f"{param} never reaches app.config",
    )


def check_config_does_not_leak(client):
    """A test config changes only the app it was given to, not later ones"""
    definition = create_app_definition()
    outside = module_names() - bound_names(definition)
    changed = []
    for node in ast.walk(definition):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATING_METHODS and isinstance(node.func.value, ast.Name) and node.func.value.id in outside:
            changed.append(ast.unparse(node))
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        for target in targets:
            if isinstance(target, (ast.Subscript, ast.Attribute)):
                base = target.value
                while isinstance(base, (ast.Subscript, ast.Attribute)):
                    base = base.value
                if isinstance(base, ast.Name) and base.id in outside:
                    changed.append(ast.unparse(target))
    expect(
        not changed,
        "create_app() changes an object defined outside it, so one test's config leaks into every app built afterwards: "
        "start each app from its defaults and apply test_config to app.config only",
        expected="only the new app's config is changed",
        actual=changed,
    )


def check_views_read_current_app(client):
    """The views read settings from current_app, not from a module-level app"""
    if "app" not in module_names():
        return
    readers = sorted(
        {
            function.name if not isinstance(function, ast.Lambda) else "a lambda"
            for function, scope in functions_with_scopes()
            if "app" not in scope and any(isinstance(node, ast.Name) and node.id == "app" and isinstance(node.ctx, ast.Load) for node in ast.walk(function))
        }
    )
    expect(
        not readers,
        f"{', '.join(readers)} reads the module-level `app`, so an app built by create_app(test_config) shows the other app's settings: "
        "read them with current_app.config[...]",
        expected='current_app.config["STORE_NAME"]',
        actual=f"`app` used inside {', '.join(readers)}",
    )

