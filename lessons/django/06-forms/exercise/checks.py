import main  # your file configures Django

from django import forms
from django.test import Client

from main import Event, EventForm

client = Client()
VALID = {"name": "PyCon meetup", "starts_on": "2026-05-14", "seats": "40"}


def check_is_model_form():
    """EventForm is a ModelForm for Event with name, starts_on and seats"""
    assert issubclass(EventForm, forms.ModelForm), "Expected EventForm to be a forms.ModelForm"
    assert EventForm._meta.model is Event, f"Expected EventForm.Meta.model to be Event, got {EventForm._meta.model!r}"
    fields = list(EventForm.base_fields)
    assert sorted(fields) == ["name", "seats", "starts_on"], f"Expected the fields name, starts_on and seats, got {fields}"


def check_seats_range():
    """The form rejects 0 and 501 seats with the right message, and accepts 500"""
    for seats in ["0", "501"]:
        form = EventForm({**VALID, "seats": seats})
        assert not form.is_valid(), f"Expected {seats} seats to be invalid, but the form was valid"
        errors = form.errors.get("seats", [])
        assert "Seats must be between 1 and 500." in errors, f"Expected the seats error 'Seats must be between 1 and 500.', got {list(errors)}"
    form = EventForm({**VALID, "seats": "500"})
    assert form.is_valid(), f"Expected 500 seats to be valid, got errors {form.errors.as_data()}"


def check_get_shows_form_with_csrf():
    """GET /events/new/ shows the form with a CSRF token"""
    response = client.get("/events/new/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html, "Expected a hidden csrfmiddlewaretoken input in the form"
    for field in ["name", "starts_on", "seats"]:
        assert f'name="{field}"' in html, f"Expected an input called {field!r} in the form"


def check_valid_post_saves_and_redirects():
    """A valid POST saves the event and redirects to /events/"""
    before = Event.objects.count()
    response = client.post("/events/new/", VALID)
    assert response.status_code in (302, 303), f"Expected a redirect (302), got status {response.status_code}"
    assert response["Location"] == "/events/", f"Expected a redirect to /events/, got {response['Location']!r}"
    assert Event.objects.count() == before + 1, "Expected one new Event in the database"
    event = Event.objects.latest("pk")
    assert event.name == "PyCon meetup" and event.seats == 40, f"Expected the saved event to be 'PyCon meetup' with 40 seats, got {event.name!r} with {event.seats!r}"


def check_invalid_post_shows_errors():
    """An invalid POST saves nothing and shows the form again with errors"""
    before = Event.objects.count()
    response = client.post("/events/new/", {**VALID, "seats": "9000"})
    assert response.status_code == 200, f"Expected the form to be shown again with status 200, got {response.status_code}"
    assert Event.objects.count() == before, "Expected nothing to be saved for an invalid form"
    html = response.content.decode()
    assert "Seats must be between 1 and 500." in html, "Expected the page to show 'Seats must be between 1 and 500.'"
    assert 'value="PyCon meetup"' in html, "Expected the form to keep what the user typed (render the same bound form)"
