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
from django.shortcuts import redirect, render
from django.urls import path


class Event(models.Model):
    name = models.CharField(max_length=100)
    starts_on = models.DateField()
    seats = models.PositiveIntegerField()

    class Meta:
        app_label = "exercise"


class EventForm(forms.Form):
    # TODO: make this a ModelForm for Event (name, starts_on, seats) and check seats
    name = forms.CharField()


def new_event(request):
    # TODO: validate and save on POST, redirect to /events/ on success
    form = EventForm()
    return render(request, "events/new.html", {"form": form})


def event_list(request):
    names = ", ".join(Event.objects.values_list("name", flat=True))
    return HttpResponse(f"Events: {names}")


urlpatterns = [
    path("events/", event_list),
    path("events/new/", new_event),
]

django_setup.migrate()
