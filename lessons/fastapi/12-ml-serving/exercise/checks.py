import random

from crossroads_checks import expect, expect_json, expect_status, fresh_int

WEIGHTS, BIAS = (15_000.0, 2_500.0, -4_000.0), 50_000.0  # the starter's LinearModel


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


def loads(client):
    report = client.probe("loads")
    expect(report.get("loads") is not None, "Keep the LinearModel class from the starter (it counts its loads)", expected="main.LinearModel.loads")
    return report["loads"]


def check_loaded_at_startup(client):
    """The model is loaded once when the app starts, before any request"""
    count = loads(client)
    expect(
        count == 1,
        "When the app had started and no request had come in yet, LinearModel.load() had run "
        f"{count} time(s): load it exactly once in the lifespan function, before its yield",
        expected="1 load at start-up",
        actual=f"{count} load(s)",
    )


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


def check_not_reloaded(client):
    """Requests reuse the loaded model: still one load after many predictions"""
    for _ in range(3):
        client.post("/predict", json=house())
    client.post("/predict/batch", json={"items": [house(), house()]})
    count = loads(client)
    expect(
        count == 1,
        f"After the app served many predictions, LinearModel.load() had run {count} times: load it once at "
        "start-up and reuse it from models['price'] in the endpoints",
        expected="1 load in all",
        actual=f"{count} loads",
    )


def check_loaded_in_lifespan(client):
    """The lifespan start-up is what loads the model (not the import of main.py)"""
    report = client.probe("restart")
    count = report["loads_during_startup"]
    expect(
        count == 1,
        f"Starting the app again (as a new worker would) ran LinearModel.load() {count} time(s): load it in the "
        "lifespan function, not at import time, so each worker loads it when it starts",
        expected="1 load during start-up",
        actual=f"{count} load(s)",
    )
