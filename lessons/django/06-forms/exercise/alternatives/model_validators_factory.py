# The range lives on the model as validators, and modelform_factory() builds the ModelForm; a
# ModelForm runs the model's validators when it validates.
import django_setup

django_setup.configure(templates={
    "events/new.html": """<h1>New event</h1>
<form method="post">
  {% csrf_token %}
  {{ form.as_p }}
  <button type="submit">Create</button>
</form>""",
})

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import modelform_factory
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path


SEATS_MESSAGE = "Seats must be between 1 and 500."


class Event(models.Model):
    name = models.CharField(max_length=100)
    starts_on = models.DateField()
    seats = models.PositiveIntegerField(
        validators=[
            MinValueValidator(1, message=SEATS_MESSAGE),
            MaxValueValidator(500, message=SEATS_MESSAGE),
        ]
    )

    class Meta:
        app_label = "exercise"


# The model holds the rule, so any form built from it checks the range.
EventForm = modelform_factory(Event, fields=["name", "starts_on", "seats"])


def new_event(request):
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            form.save()
            return redirect("/events/")
    else:
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
