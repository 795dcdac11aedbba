"""Probes for the model-serving exercise: how often LinearModel.load() ran, and when.

The app is served with its lifespan start-up already run, so the first probe shows what start-up
loaded. probe_restart runs start-up and shut-down once more, as a new worker would, with the counter
at zero, to tell loading in the lifespan from loading at import time; then it puts the running app's
state back.
"""

import warnings

import main


def model_class():
    return getattr(main, "LinearModel", None)


def probe_loads():
    return {"loads": getattr(model_class(), "loads", None)}


def probe_restart():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    cls = model_class()
    models = getattr(main, "models", None)
    saved_models = dict(models) if isinstance(models, dict) else None
    saved_state = dict(main.app.state._state)
    saved_loads = cls.loads
    cls.loads = 0
    try:
        with TestClient(main.app):
            during_startup = cls.loads
        return {"loads_during_startup": during_startup}
    finally:
        cls.loads = saved_loads
        if saved_models is not None:
            models.clear()
            models.update(saved_models)
        main.app.state._state.clear()
        main.app.state._state.update(saved_state)
