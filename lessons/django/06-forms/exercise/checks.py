import re

from crossroads_checks import expect, expect_header, expect_status, fresh_int, fresh_title

ERROR = "Seats must be between 1 and 500."


def fresh_event(seats=None):
    return {
        "name": fresh_title(),
        "starts_on": f"2027-{fresh_int(1, 12):02d}-{fresh_int(1, 28):02d}",
        "seats": str(fresh_int(1, 500) if seats is None else seats),
    }


def csrf_token(response):
    """The value of the form's hidden csrfmiddlewaretoken input."""
    for tag in re.findall(r"<input\b[^>]*>", response.text):
        if re.search(r"""name=["']?csrfmiddlewaretoken\b""", tag):
            value = re.search(r"""value=["']?([^"'\s>]+)""", tag)
            return value.group(1) if value else None
    return None


def get_form(client):
    response = client.get("/events/new/")
    expect_status(response, 200)
    return response


def submit(client, data):
    """What a browser does: load the form (which sets the CSRF cookie), then post it with the token."""
    token = csrf_token(get_form(client))
    expect(token, "The form has a hidden csrfmiddlewaretoken input: add {% csrf_token %} inside the <form>",
           expected='<input type="hidden" name="csrfmiddlewaretoken" value="...">', response=client.last[1])
    return client.post("/events/new/", data={**data, "csrfmiddlewaretoken": token})


def event_names(client):
    return client.get("/events/").text


def check_get_shows_form_with_csrf(client):
    """GET /events/new/ shows the form with a CSRF token"""
    response = get_form(client)
    expect(csrf_token(response), "The form has a hidden csrfmiddlewaretoken input (from {% csrf_token %})",
           expected='<input type="hidden" name="csrfmiddlewaretoken" value="...">', response=response)
    for field in ("name", "starts_on", "seats"):
        expect(re.search(rf"""name=["']?{field}\b""", response.text), f"The form has an input called {field!r}", expected=f'name="{field}"', response=response)


def check_post_without_token_is_refused(client):
    """A POST without the CSRF token is refused with 403"""
    event = fresh_event()
    response = client.post("/events/new/", data=event)
    expect_status(response, 403)
    expect(event["name"] not in event_names(client), "A refused POST saves nothing", expected="no new event", actual=event_names(client))


def check_is_model_form(client):
    """EventForm is a ModelForm for Event with name, starts_on and seats"""
    info = client.probe("event_form")
    expect(info.get("exists"), "main.py defines a form class called EventForm", expected="class EventForm(forms.ModelForm)", actual="no EventForm")
    expect(info["model_form"], "EventForm is a forms.ModelForm, so the fields come from the Event model", expected="class EventForm(forms.ModelForm)", actual="a plain forms.Form")
    expect(info["model"] == "Event", "EventForm's Meta.model is Event", expected="model = Event", actual=info["model"])
    expect(info["fields"] == ["name", "seats", "starts_on"], "EventForm has exactly the fields name, starts_on and seats",
           expected=["name", "seats", "starts_on"], actual=info["fields"])


def check_valid_post_saves_and_redirects(client):
    """A valid POST saves the event and redirects to /events/"""
    event = fresh_event()
    response = submit(client, event)
    expect_status(response, 302, 303)
    location = expect_header(response, "Location")
    expect(location in ("/events/", "http://localhost/events/"), "A saved event redirects to /events/", expected="Location: /events/", actual=location)
    expect(event["name"] in event_names(client), "The new event is saved (GET /events/ lists it)", expected=event["name"], actual=event_names(client))


def check_seats_range(client):
    """0 and 501 seats are refused with the message; 1 and 500 are accepted"""
    for seats in (0, 501):
        event = fresh_event(seats)
        response = submit(client, event)
        expect_status(response, 200)
        expect(ERROR in response.text, f"{seats} seats shows the error {ERROR!r}", expected=ERROR, response=response)
        expect(event["name"] not in event_names(client), f"An event with {seats} seats is not saved", expected="no new event", actual=event_names(client))
    for seats in (1, 500):
        event = fresh_event(seats)
        response = submit(client, event)
        expect_status(response, 302, 303)
        expect(event["name"] in event_names(client), f"An event with {seats} seats is saved", expected=event["name"], actual=event_names(client))


def check_invalid_post_shows_errors(client):
    """An invalid POST shows the same form again, with the errors and what the user typed"""
    event = fresh_event(fresh_int(501, 9000))
    response = submit(client, event)
    expect_status(response, 200)
    expect(ERROR in response.text, "The page shows the seats error", expected=ERROR, response=response)
    expect(f'value="{event["name"]}"' in response.text, "The form keeps what the user typed: render the same bound form, not a new one",
           expected=f'value="{event["name"]}"', response=response)
    bad_date = {**fresh_event(), "starts_on": "not a date"}
    response = submit(client, bad_date)
    expect_status(response, 200)
    expect("Enter a valid date." in response.text, "A date that is not a date shows Django's error for the field", expected="Enter a valid date.", response=response)
    expect(bad_date["name"] not in event_names(client), "An invalid event is not saved", expected="no new event", actual=event_names(client))
