"""Reports what kind of form EventForm is: HTTP shows what it does, not how it is built."""

from django import forms

import main


def probe_event_form():
    form_class = getattr(main, "EventForm", None)
    if not isinstance(form_class, type):
        return {"exists": False}
    is_model_form = issubclass(form_class, forms.ModelForm)
    model = getattr(getattr(form_class, "_meta", None), "model", None) if is_model_form else None
    return {
        "exists": True,
        "model_form": is_model_form,
        "model": getattr(model, "__name__", None),
        "fields": sorted(getattr(form_class, "base_fields", {})),
    }
