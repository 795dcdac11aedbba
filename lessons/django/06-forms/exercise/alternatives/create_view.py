# A generic CreateView does the GET/POST/validate/redirect steps; the range is checked in clean()
# with add_error().
import django_setup

django_setup.configure(templates={
    "events/new.html": """<h1>New event</h1>
<form method="post">
  {% csrf_token %}
  {{ form.as_p }}
  <button type="submit">Create</button>
</form>""",
})

from django import forms
from django.db import models
from django.http import HttpResponse
from django.views.generic import CreateView
from django.urls import path


class Event(models.Model):
    name = models.CharField(max_length=100)
    starts_on = models.DateField()
    seats = models.PositiveIntegerField()

    class Meta:
        app_label = "exercise"


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["name", "starts_on", "seats"]

    def clean(self):
        cleaned = super().clean()
        seats = cleaned.get("seats")
        if seats is not None and (seats < 1 or seats > 500):
            self.add_error("seats", "Seats must be between 1 and 500.")
        return cleaned


class NewEventView(CreateView):
    form_class = EventForm
    template_name = "events/new.html"
    success_url = "/events/"


def event_list(request):
    names = ", ".join(Event.objects.values_list("name", flat=True))
    return HttpResponse(f"Events: {names}")


urlpatterns = [
    path("events/", event_list),
    path("events/new/", NewEventView.as_view()),
]

django_setup.migrate()
