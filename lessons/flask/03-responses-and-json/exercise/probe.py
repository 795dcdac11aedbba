"""Runs beside the learner's app: adds the checks' own items to main.ITEMS, so the expected answers
change on every run and cannot be written into the solution."""

import main


def probe_add_items(items):
    """Adds the items (dicts with an id) to ITEMS, in the order given, and returns every item."""
    store = getattr(main, "ITEMS", None)
    if not isinstance(store, dict):
        raise RuntimeError("keep the items in a dict named ITEMS, as the starter does")
    for item in items:
        store[item["id"]] = dict(item)
    return list(store.values())
