from fastapi.testclient import TestClient

import main

HOUSE = {"rooms": 3, "area_m2": 80, "distance_km": 2.5}
EXPECTED = 50_000 + 3 * 15_000 + 80 * 2_500 - 2.5 * 4_000


def check_prediction():
    """POST /predict returns the rounded price and model version"""
    with TestClient(main.app, raise_server_exceptions=False) as client:
        response = client.post("/predict", json=HOUSE)
    assert response.status_code == 200, f"Expected 200, got {response.status_code}: {response.text}"
    assert response.json() == {"price": round(EXPECTED, 2), "model_version": "1.0"}, f"Got {response.json()!r}"


def check_loaded_once():
    """The model is loaded once at start-up, not per request"""
    main.LinearModel.loads = 0
    with TestClient(main.app, raise_server_exceptions=False) as client:
        for _ in range(3):
            client.post("/predict", json=HOUSE)
    assert main.LinearModel.loads != 0, (
        "Starting the app did not load the model: call LinearModel.load() in the lifespan function, "
        "not at import time"
    )
    assert main.LinearModel.loads == 1, (
        f"Expected the model to load once for three requests, it loaded {main.LinearModel.loads} times"
    )


def check_rejects_bad_features():
    """Invalid features get a 422"""
    with TestClient(main.app, raise_server_exceptions=False) as client:
        for bad in ({**HOUSE, "rooms": 0}, {**HOUSE, "area_m2": -5}, {**HOUSE, "distance_km": -1}, {"rooms": 2}):
            response = client.post("/predict", json=bad)
            assert response.status_code == 422, f"Expected 422 for {bad!r}, got {response.status_code}"


def check_batch():
    """POST /predict/batch predicts each item in order, with limits"""
    with TestClient(main.app, raise_server_exceptions=False) as client:
        response = client.post("/predict/batch", json={"items": [HOUSE, {**HOUSE, "rooms": 4}]})
        assert response.status_code == 200, f"Expected 200, got {response.status_code}: {response.text}"
        prices = [item["price"] for item in response.json()]
        assert prices == [round(EXPECTED, 2), round(EXPECTED + 15_000, 2)], f"Got {prices!r}"
        assert client.post("/predict/batch", json={"items": []}).status_code == 422, "An empty batch should be a 422"
        assert client.post("/predict/batch", json={"items": [HOUSE] * 101}).status_code == 422, "More than 100 items should be a 422"
