"""Checks for the model-serving exercise.

HTTP shows the predictions, their rounding and the input limits. It cannot show when or how often
LinearModel.load() runs: that is read from the submitted source (never run here). The app is built
with FastAPI(lifespan=...), the lifespan function loads the model before its yield, and nothing else
in the file (module level, endpoints, dependencies) calls LinearModel.load(). A call is told from a
reference: `fresh = LinearModel.load` kept to be called later is refused wherever it is, while
`await asyncio.to_thread(LinearModel.load)` or `loop.run_in_executor(None, LinearModel.load)` in the
lifespan is a load there, and so is a helper the lifespan hands to them (asyncio.to_thread(load_models)).
The endpoints build no LinearModel() of their own and read the model where the lifespan kept it (a
module-level dict, app.state, or a yielded state dict), themselves or through the functions and
dependencies they use. (LinearModel lives in the learner's file, so a load count it kept could be
faked: the source is the only honest witness.)
"""

import ast
import random

from crossroads_checks import dependencies_of, dotted_name, endpoints, expect, expect_json, expect_status, fresh_int, parameters, syntax_tree

WEIGHTS, BIAS = (15_000.0, 2_500.0, -4_000.0), 50_000.0  # the starter's LinearModel


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


# ---- Reading the source ------------------------------------------------------------------------


def module_functions():
    return {node.name: node for node in syntax_tree().body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def lifespan_definition():
    """The function given to FastAPI(lifespan=...)."""
    given = [
        keyword.value
        for node in ast.walk(syntax_tree())
        if isinstance(node, ast.Call) and dotted_name(node.func).split(".")[-1] == "FastAPI"
        for keyword in node.keywords
        if keyword.arg == "lifespan"
    ]
    expect(
        given,
        "Create the app with a lifespan function, FastAPI(lifespan=lifespan), and load the model in it",
        expected="app = FastAPI(lifespan=lifespan)",
        actual="FastAPI() is created without lifespan=",
    )
    name = dotted_name(given[0])
    definition = module_functions().get(name)
    expect(definition is not None, f"Define the lifespan function {name}(app) at the top level of main.py", expected=f"async def {name}(app): ...", actual=f"no function named {name!r}")
    return definition


# Calls that run the function they are given (in a worker thread): the loader passed to them is called.
OFFLOADERS = ("to_thread", "run_in_executor", "run_sync", "run_in_threadpool")


def model_classes():
    """LinearModel and the names bound to it (M = LinearModel)."""
    names = {"LinearModel"}
    assigns = [node for node in ast.walk(syntax_tree()) if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name)]
    changed = True
    while changed:
        changed = False
        for node in assigns:
            if node.value.id in names:
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id not in names:
                        names.add(target.id)
                        changed = True
    return names


def is_loader(node, classes):
    """LinearModel.load (called or not), LinearModel().load, or getattr(LinearModel, "load")."""
    if isinstance(node, ast.Attribute) and node.attr == "load":
        return dotted_name(node.value).split(".")[-1] in classes
    if isinstance(node, ast.Call) and dotted_name(node.func) == "getattr" and len(node.args) >= 2:
        name = node.args[1]
        return dotted_name(node.args[0]).split(".")[-1] in classes and isinstance(name, ast.Constant) and name.value == "load"
    return False


def runs(parent, node):
    """Whether parent calls node: node(...) or asyncio.to_thread(node) / loop.run_in_executor(None, node)."""
    if not isinstance(parent, ast.Call):
        return False
    return parent.func is node or (dotted_name(parent.func).split(".")[-1] in OFFLOADERS and node in parent.args)


def load_sites():
    """(loads, references): each place LinearModel.load runs, as (the call, the functions around it, outermost
    first), and each place it is only referred to (kept or handed on to be called later), in the same form.

    A local name for the loader inside a function (load = LinearModel.load) counts where that name is called."""
    classes = model_classes()
    loads, references = [], []

    def visit(node, parent, around):
        for child in ast.iter_child_nodes(node):
            if is_loader(child, classes) and not (isinstance(child, ast.Call) and is_loader(child.func, classes)):
                if runs(node, child):
                    loads.append((node, around))
                elif around and isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    local_alias(node.targets[0].id, around)
                else:
                    references.append((child, around))
            visit(child, node, [*around, child] if isinstance(child, FUNCTIONS) else around)

    def local_alias(name, around):
        function = around[-1]
        parents = {child: parent for parent in ast.walk(function) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
                if runs(parents.get(node), node):
                    loads.append((parents[node], around))
                else:
                    references.append((node, around))

    visit(syntax_tree(), None, [])
    return loads, references


def where(around):
    if not around:
        return "at the top level of the file (it runs when main.py is imported)"
    return "in a lambda" if isinstance(around[-1], ast.Lambda) else f"in {around[-1].name}()"


def calls_by_name(tree):
    """Names of the functions tree calls: f(...), and f handed to a call that runs it in a worker thread
    (await asyncio.to_thread(f), loop.run_in_executor(None, f), run_in_threadpool(f))."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            if dotted_name(node.func).split(".")[-1] in OFFLOADERS:
                names.update(arg.id for arg in node.args if isinstance(arg, ast.Name))
    return names


def lifespan_functions():
    """The lifespan and the names of the functions that count as it: the lifespan itself, and the helpers it
    calls (or runs in a thread) that nothing else calls."""
    lifespan = lifespan_definition()
    functions = module_functions()
    helpers = {name for name in calls_by_name(lifespan) if name in functions}
    others = set()
    for definition in functions.values():
        if definition is not lifespan:
            others |= calls_by_name(definition) & helpers
    for statement in syntax_tree().body:
        if not isinstance(statement, (*FUNCTIONS, ast.ClassDef)):
            others |= calls_by_name(statement) & helpers
    return lifespan, {lifespan.name} | (helpers - others)


def model_constructions():
    """Each LinearModel(...) call outside the class itself, with the functions around it (outermost first)."""
    classes = model_classes()
    found = []

    def visit(node, around):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef) and child.name in classes:
                continue
            if isinstance(child, ast.Call) and dotted_name(child.func).split(".")[-1] in classes:
                found.append((child, around))
            visit(child, [*around, child] if isinstance(child, FUNCTIONS) else around)

    visit(syntax_tree(), [])
    return found


def model_stores(functions):
    """Where the lifespan (and its helpers) keep the model: module-level names they write into
    (models["price"] = ..., models.update(...), a `global` name) and state attributes (app.state.model = ...,
    or the keys of a dict the lifespan yields, read as request.state.<key>)."""
    top = {target.id for node in syntax_tree().body if isinstance(node, (ast.Assign, ast.AnnAssign))
           for target in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(target, ast.Name)}
    names, state = set(), set()
    for function in functions:
        declared = {name for node in ast.walk(function) if isinstance(node, ast.Global) for name in node.names}
        for node in ast.walk(function):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id in declared:
                    names.add(target.id)
                elif isinstance(target, ast.Subscript) and dotted_name(target.value).split(".")[0] in top | declared:
                    names.add(dotted_name(target.value).split(".")[0])
                elif isinstance(target, ast.Attribute) and "state" in dotted_name(target).split(".")[:-1]:
                    state.add(target.attr)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("update", "setdefault", "__setitem__"):
                if dotted_name(node.func.value) in top | declared:
                    names.add(dotted_name(node.func.value))
            if isinstance(node, ast.Call) and dotted_name(node.func) == "setattr" and len(node.args) == 3:
                if dotted_name(node.args[0]).split(".")[-1] == "state" and isinstance(node.args[1], ast.Constant):
                    state.add(node.args[1].value)
            if isinstance(node, ast.Yield) and isinstance(node.value, ast.Dict):
                state.update(key.value for key in node.value.keys if isinstance(key, ast.Constant) and isinstance(key.value, str))
    return names, state


def reached_from(function):
    """The function and the module functions it calls or depends on (Depends(...)), through each other."""
    functions = module_functions()
    found, pending = [], [function]
    while pending:
        current = pending.pop()
        if any(current is seen for seen in found):
            continue
        found.append(current)
        called = calls_by_name(current) | set(dependencies_of([e for _, expressions in parameters(current) for e in expressions]))
        pending.extend(functions[name] for name in called if name in functions)
    return found


def reads_store(function, names, state):
    """Whether function reads one of the names or state attributes the lifespan keeps the model in."""
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, ast.Attribute) and node.attr in state and isinstance(node.ctx, ast.Load) and dotted_name(node.value).split(".")[-1] == "state":
            return True
        if isinstance(node, ast.Call) and dotted_name(node.func) == "getattr" and len(node.args) >= 2:
            if dotted_name(node.args[0]).split(".")[-1] == "state" and isinstance(node.args[1], ast.Constant) and node.args[1].value in state:
                return True
    return False


# ---- HTTP --------------------------------------------------------------------------------------


def house():
    # Six decimals of area give prices with fractions of a cent, so the rounding shows.
    return {"rooms": fresh_int(1, 20), "area_m2": round(random.uniform(20, 400), 6), "distance_km": round(random.uniform(0, 40), 3)}


def price_of(features):
    row = (features["rooms"], features["area_m2"], features["distance_km"])
    return round(BIAS + sum(w * x for w, x in zip(WEIGHTS, row)), 2)


def expect_prediction(answer, features, response):
    wanted = {"price": price_of(features), "model_version": "1.0"}
    ok = (
        isinstance(answer, dict)
        and set(answer) == {"price", "model_version"}
        and answer["model_version"] == "1.0"
        and isinstance(answer["price"], (int, float))
        and abs(answer["price"] - wanted["price"]) < 0.0001
    )
    expect(ok, f"The prediction for {features} is the model's price rounded to 2 places, with model_version '1.0'", expected=wanted, response=response)


def check_prediction(client):
    """POST /predict returns the rounded price and the model version"""
    for features in (house(), house(), {"rooms": 3, "area_m2": 80, "distance_km": 2.5}):
        response = client.post("/predict", json=features)
        expect_status(response, 200)
        expect_prediction(expect_json(response), features, response)


def check_limits_accepted(client):
    """The edges are allowed: 1 and 20 rooms, a distance of 0"""
    for changes in ({"rooms": 1}, {"rooms": 20}, {"distance_km": 0}):
        features = {**house(), **changes}
        response = client.post("/predict", json=features)
        expect_status(response, 200)
        expect_prediction(expect_json(response), features, response)


def check_rejects_bad_features(client):
    """Invalid features get a 422"""
    base = house()
    bad = [
        {**base, "rooms": 0}, {**base, "rooms": 21}, {**base, "area_m2": 0}, {**base, "area_m2": -fresh_int(1, 99)},
        {**base, "distance_km": -1}, {"rooms": base["rooms"]}, {**base, "rooms": "many"},
    ]
    for features in bad:
        response = client.post("/predict", json=features)
        expect(response.status == 422, f"The features {features} must be rejected with 422, got {response.status}", expected="status 422", response=response)


def check_batch(client):
    """POST /predict/batch predicts every item, in order"""
    items = [house() for _ in range(fresh_int(2, 6))]
    response = client.post("/predict/batch", json={"items": items})
    expect_status(response, 200)
    answers = expect_json(response, kind=list)
    expect(len(answers) == len(items), f"{len(items)} items give {len(items)} predictions", expected=len(items), actual=len(answers), response=response)
    for answer, features in zip(answers, items):
        expect_prediction(answer, features, response)


def check_batch_limits(client):
    """A batch holds 1 to 100 items, each valid"""
    full = client.post("/predict/batch", json={"items": [house() for _ in range(100)]})
    expect_status(full, 200)
    expect(len(expect_json(full, kind=list)) == 100, "A batch of 100 items gives 100 predictions", expected=100, response=full)
    for items, what in (([], "An empty batch"), ([house() for _ in range(101)], "A batch of 101 items"), ([house(), {**house(), "rooms": 0}], "A batch with one invalid item")):
        response = client.post("/predict/batch", json={"items": items})
        expect(response.status == 422, f"{what} must be rejected with 422, got {response.status}", expected="status 422", response=response)


# ---- The source: the model loads once, in the lifespan ------------------------------------------


def check_loaded_in_lifespan(client):
    """The model is loaded once, at start-up, in the lifespan function"""
    # Functions the lifespan calls or runs in a thread (a load_models() helper) count as the lifespan, unless
    # something else calls them too.
    lifespan, allowed = lifespan_functions()
    loads, references = load_sites()
    for node, around in references:
        expect(
            False,
            f"LinearModel.load without parentheses is a reference to the loader, not a loaded model: whatever calls it "
            f"later loads the model again, each time. Call it once in {lifespan.name}() and keep the model it returns: "
            'models["price"] = LinearModel.load() (or await asyncio.to_thread(LinearModel.load) for a slow load)',
            expected=f'models["price"] = LinearModel.load() in {lifespan.name}()',
            actual=f"line {node.lineno}: {ast.unparse(node)} {where(around) if around else 'at the top level of the file'}",
        )
    inside = [call for call, around in loads if around and getattr(around[0], 'name', None) in allowed]
    elsewhere = [(call, around) for call, around in loads if not (around and getattr(around[0], 'name', None) in allowed)]
    expect(
        inside,
        f"Load the model in the lifespan function, before its yield: models[\"price\"] = LinearModel.load() inside {lifespan.name}()",
        expected=f'models["price"] = LinearModel.load() in {lifespan.name}()',
        actual=f"{lifespan.name}() does not call LinearModel.load()",
    )
    for call, around in elsewhere:
        expect(
            False,
            f"LinearModel.load() is also called {where(around)}: load the model only in the lifespan function, once per "
            "start-up, and let the endpoints reuse it (models[\"price\"] or app.state)",
            expected=f"LinearModel.load() only in {lifespan.name}()",
            actual=f"line {call.lineno}: {ast.unparse(call)} {where(around)}",
        )
    if len(inside) > 1:
        expect(False, "Load the model once: call LinearModel.load() a single time at start-up", expected="1 call", actual=[f"line {call.lineno}: {ast.unparse(call)}" for call in inside])
    yields = [node for node in ast.walk(lifespan) if isinstance(node, (ast.Yield, ast.YieldFrom))]
    first_yield = min((node.lineno for node in yields), default=None)
    direct = [call for call, around in loads if around and around[0] is lifespan]
    expect(
        first_yield is None or all(call.lineno <= first_yield for call in direct),
        "Load the model before the lifespan's yield: what comes after it runs at shut-down",
        expected="models[...] = LinearModel.load() above the yield",
        actual=f"the load is on line {direct[0].lineno if direct else '?'}, after the yield on line {first_yield}",
    )
    sites = {id(call) for call, _ in loads}
    loops = [node for node in ast.walk(lifespan) if isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and any(id(child) in sites for child in ast.walk(node))]
    expect(not loops, "Load the model once, not in a loop", expected="1 load", actual=ast.unparse(loops[0]) if loops else "")


ROUTES = {"/predict": "POST /predict", "/predict/batch": "POST /predict/batch"}


def check_endpoints_use_loaded_model(client):
    """The endpoints predict with the model the lifespan loaded, and build no model of their own"""
    for call, around in model_constructions():
        expect(
            False,
            f"{ast.unparse(call)} builds a new model {where(around)}: a fresh model per request skips the one loaded at "
            'start-up (a real one would be read from disk each time). Predict with the loaded model, models["price"] '
            "(or request.app.state.model if you keep it there)",
            expected='models["price"].predict(rows) in the endpoints',
            actual=f"line {call.lineno}: {ast.unparse(call)} {where(around)}",
        )
    lifespan, allowed = lifespan_functions()
    functions = module_functions()
    names, state = model_stores([functions[name] for name in allowed if name in functions])
    kept = sorted(names) + [f"state.{attr}" for attr in sorted(state)]
    expect(
        kept,
        f"{lifespan.name}() loads the model but keeps it nowhere the endpoints can reach: store it, "
        'models["price"] = LinearModel.load() (a module-level dict) or app.state.model = LinearModel.load()',
        expected='models["price"] = LinearModel.load()',
        actual=f"nothing stored in {lifespan.name}()",
    )
    for path, label in ROUTES.items():
        found = endpoints(path)
        expect(found, f"Keep the endpoint for {label}", expected=f'@app.post("{path}")', actual=f"no endpoint for {path}")
        for function in found:
            expect(
                any(reads_store(part, names, state) for part in reached_from(function)),
                f"{label} does not use the model {lifespan.name}() loaded (kept in {', '.join(kept)}): predict with it, "
                f'for example models["price"].predict(rows), directly or through a dependency that returns it',
                expected=f"{function.name}() reads {' or '.join(kept)}",
                actual=f"{function.name}() and the functions it uses never read {' or '.join(kept)}",
            )
