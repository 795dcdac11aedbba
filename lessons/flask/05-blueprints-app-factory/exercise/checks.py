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
    factory = create_app_definition()
    expect(
        any(calls_of_suffix("register_blueprint", function) for function in [factory, *called_functions(factory)]),
        "create_app() must register the blueprint on the app it builds (itself, or in a function it calls): "
        "app.register_blueprint(bp, url_prefix=\"/api/products\")",
        expected="app.register_blueprint(...) run by create_app()",
        actual="no register_blueprint call in create_app() or in the functions it calls",
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


def names_in(node):
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def target_names(target):
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}


def root_name(node):
    """'settings' for settings, settings["a"], settings.a.b (the object an expression reaches into), else None."""
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def is_config(node):
    """app.config (or any x.config): the config of the app being built."""
    return isinstance(node, ast.Attribute) and node.attr == "config"


def carriers(definition, param):
    """Names inside create_app that hold test_config's values: the parameter, names assigned from an expression
    that uses one (merged = {**DEFAULTS, **test_config}), loop variables over one, and dicts it is copied into
    (settings.update(test_config), settings[key] = value)."""
    tainted = {param}
    while True:
        before = len(tainted)
        for node in ast.walk(definition):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and node.value is not None and names_in(node.value) & tainted:
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    tainted |= target_names(target) if isinstance(target, (ast.Name, ast.Tuple, ast.List)) else {root_name(target)} - {None}
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) and names_in(node.iter) & tainted:
                tainted |= target_names(node.target)
            elif isinstance(node, ast.AugAssign) and names_in(node.value) & tainted and root_name(node.target):
                tainted.add(root_name(node.target))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update" and isinstance(node.func.value, ast.Name):
                if any(names_in(arg) & tainted for arg in [*node.args, *(k.value for k in node.keywords)]):
                    tainted.add(node.func.value.id)
        if len(tainted) == before:
            return tainted


def passed_parameters(call, tainted):
    """For a call of a module-level function by name: (that function, the names of its parameters that receive
    an argument carrying one of the tainted names), matching positional arguments and keywords."""
    function = module_function(call.func.id) if isinstance(call.func, ast.Name) else None
    if function is None:
        return None, set()
    positional = [arg.arg for arg in function.args.posonlyargs + function.args.args]
    keyword_names = {arg.arg for arg in function.args.args + function.args.kwonlyargs}
    received = set()
    for index, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred):
            break
        if index < len(positional) and names_in(argument) & tainted:
            received.add(positional[index])
    for keyword in call.keywords:
        if keyword.arg in keyword_names and names_in(keyword.value) & tainted:
            received.add(keyword.arg)
    return function, received


def config_applications(function, params, seen=()):
    """(applied, near): the statements that copy the values of params (test_config) into an app's config, in
    function and in the module-level functions it hands those values to as arguments (configure(app, test_config)),
    and the ones that come near (one named key, setdefault, from_object)."""
    tainted = set()
    for param in params:
        tainted |= carriers(function, param)

    def carries(node):
        return bool(names_in(node) & tainted)

    applied, near = [], []
    for node in own_nodes(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            callee, received = passed_parameters(node, tainted)
            if callee is not None and received and callee.name not in seen and callee is not function:
                more_applied, more_near = config_applications(callee, received, (*seen, function.name))
                applied += more_applied
                near += more_near
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and is_config(node.func.value):
            # app.config.update(test_config), app.config.from_mapping(merged), app.config.update(**test_config)
            if any(carries(arg) for arg in [*node.args, *(k.value for k in node.keywords)]):
                (applied if node.func.attr in {"update", "from_mapping"} else near).append(node)
        elif isinstance(node, ast.AugAssign) and is_config(node.target) and carries(node.value):
            applied.append(node)  # app.config |= test_config
        elif isinstance(node, ast.Assign) and carries(node.value):
            # app.config[key] = value in a loop over test_config (every key, not one named key)
            for target in node.targets:
                if isinstance(target, ast.Subscript) and is_config(target.value):
                    (near if isinstance(target.slice, ast.Constant) else applied).append(node)
    return applied, near


def check_test_config_applies(client):
    """create_app(test_config) puts test_config into the new app's config"""
    definition = create_app_definition()
    params = [arg.arg for arg in definition.args.posonlyargs + definition.args.args]
    expect(params, "create_app must take the test configuration as a parameter: def create_app(test_config=None)", expected="def create_app(test_config=None)", actual=f"def create_app({ast.unparse(definition.args)})")
    param = params[0]
    applied, near = config_applications(definition, [param])
    near_text = [ast.unparse(node) for node in near]
    if any(isinstance(node, ast.Call) and node.func.attr == "setdefault" for node in near):
        why = ". setdefault never replaces a key that is already set, so a test's STORE_NAME would be ignored"
    elif any(isinstance(node, ast.Call) and node.func.attr == "from_object" for node in near):
        why = ". from_object reads the upper-case attributes of an object, and a dict's keys are not attributes, so nothing is copied"
    elif near:
        why = ", not one named key, so any setting a test passes reaches the app"
    else:
        why = ""
    expect(
        applied,
        f"create_app() must copy every key of {param} into the new app's config, replacing the defaults: "
        f"`if {param}: app.config.update({param})` (or app.config.from_mapping({param}))" + why,
        expected=f"app.config.update({param})",
        actual=near_text or f"{param} never reaches app.config",
    )


def called_functions(definition, seen=()):
    """The module-level functions create_app calls by name, and the ones those call, in turn."""
    found = []
    for node in ast.walk(definition):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            function = module_function(node.func.id)
            if function is not None and function is not definition and function.name not in seen and function not in found:
                seen = (*seen, function.name)
                found.append(function)
                found.extend(f for f in called_functions(function, seen) if f not in found)
    return found


def shared_changes(function):
    """What function changes in objects that outlive it: module-level names, and local names that are only
    other names for them (settings = DEFAULTS, settings = DEFAULTS or {}, section = CONFIG["store"])."""
    outside = module_names() - bound_names(function)
    defaults = shared_defaults(function)
    shared = set(outside) | defaults

    def reaches_shared(value):
        if isinstance(value, (ast.Name, ast.Attribute, ast.Subscript)):
            return root_name(value) in shared
        if isinstance(value, ast.BoolOp):
            return any(reaches_shared(operand) for operand in value.values)
        if isinstance(value, ast.IfExp):
            return reaches_shared(value.body) or reaches_shared(value.orelse)
        if isinstance(value, ast.NamedExpr):
            return reaches_shared(value.value)
        return False

    # A parameter whose default is rebound to a fresh object (settings = dict(settings)) no longer is the default.
    for node in ast.walk(function):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr, ast.AugAssign)) and getattr(node, "value", None) is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in defaults and not isinstance(node, ast.AugAssign) and not reaches_shared(node.value):
                    defaults.discard(target.id)
                    shared.discard(target.id)
    while True:
        before = len(shared)
        for node in ast.walk(function):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and reaches_shared(node.value):
                        shared.add(target.id)
                    elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(node.value, (ast.Tuple, ast.List)):
                        shared.update(t.id for t, v in zip(target.elts, node.value.elts) if isinstance(t, ast.Name) and reaches_shared(v))
        if len(shared) == before:
            break
    def how(name):
        return "outside" if name in outside else "default" if name in defaults else "alias"

    changed = []  # (what is changed, how it is reached: "outside", "alias" (another name for it), "default")
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr in MUTATING_METHODS and root_name(node.func.value) in shared:
                changed.append((ast.unparse(node), how(root_name(node.func.value))))
            elif isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr") and node.args and root_name(node.args[0]) in shared:
                changed.append((ast.unparse(node), how(root_name(node.args[0]))))
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) and getattr(node, "value", None) is not None else []
        for target in targets:
            if isinstance(target, (ast.Subscript, ast.Attribute)) and root_name(target) in shared:
                changed.append((ast.unparse(target), how(root_name(target))))
            elif isinstance(node, ast.AugAssign) and isinstance(target, ast.Name) and target.id in shared - outside:
                changed.append((ast.unparse(node).strip(), how(target.id)))  # settings |= test_config changes DEFAULTS in place
    return changed


def shared_defaults(function):
    """Parameters whose default value is an object that may be changed (settings={...}, items=[], cfg=DEFAULTS):
    Python evaluates a default once, when `def` runs, so every call that does not pass it gets that same object."""
    args = function.args
    positional = args.posonlyargs + args.args
    pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    pairs += [(arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults) if default is not None]

    def immutable(node):
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Tuple):
            return all(immutable(element) for element in node.elts)
        return isinstance(node, ast.Lambda)

    return {arg.arg for arg, default in pairs if not immutable(default)}


def check_config_does_not_leak(client):
    """A test config changes only the app it was given to, not later ones"""
    definition = create_app_definition()
    changed = shared_changes(definition)
    for function in called_functions(definition):
        changed.extend((f"{change} (in {function.name}, called by create_app)", kind) for change, kind in shared_changes(function))
    kinds = {kind for _, kind in changed}
    if kinds == {"default"}:
        message = (
            "create_app() changes a parameter's default value. Python builds a default once, when `def` runs, and every "
            "call that does not pass that parameter shares the same object, so one test's config leaks into every app "
            "built afterwards: use None as the default (settings=None) and build a new dict inside the function"
        )
    else:
        message = (
            "create_app() changes an object defined outside it"
            + (" (a local name such as `settings = DEFAULTS` is the same dict, not a copy: copy it with dict(DEFAULTS))" if "alias" in kinds else "")
            + (" (a parameter's default such as settings={...} is built once and shared by every call: use None as the default)" if "default" in kinds else "")
            + ", so one test's config leaks into every app built afterwards: start each app from its defaults and apply "
            "test_config to app.config only"
        )
    expect(
        not changed,
        message,
        expected="only the new app's config is changed",
        actual=[change for change, _ in changed],
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

