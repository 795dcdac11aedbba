# The range as the form field's min_value and max_value, with both error messages replaced, and
# HttpResponseRedirect instead of redirect().
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
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path


class Event(models.Model):
    name = models.CharField(max_length=100)
    starts_on = models.DateField()
    seats = models.PositiveIntegerField()

    class Meta:
        app_label = "exercise"


class EventForm(forms.ModelForm):
    seats = forms.IntegerField(
        min_value=1,
        max_value=500,
        error_messages={
            "min_value": "Seats must be between 1 and 500.",
            "max_value": "Seats must be between 1 and 500.",
        },
    )

    class Meta:
        model = Event
        fields = ("name", "starts_on", "seats")


def new_event(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return HttpResponseRedirect("/events/")
    return render(request, "events/new.html", {"form": form})


def event_list(request):
    names = ", ".join(Event.objects.values_list("name", flat=True))
    return HttpResponse(f"Events: {names}")


urlpatterns = [
    path("events/", event_list),
    path("events/new/", new_event),
]

django_setup.migrate()
