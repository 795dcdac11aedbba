"""Runs beside the learner's app: sets the guestbook's entries (main.ENTRIES) to the checks' own."""

import main


def probe_set_entries(entries):
    """Replaces the contents of ENTRIES (the same list object) with entries."""
    store = getattr(main, "ENTRIES", None)
    if not isinstance(store, list):
        raise RuntimeError("keep the entries in a list named ENTRIES, as the starter does")
    store[:] = entries
    return len(store)
