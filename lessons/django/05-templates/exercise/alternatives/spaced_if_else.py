# Roomy template whitespace (<li> {{ x }} </li> over several lines), {% if %}/{% else %} instead of
# {% empty %}, and the count computed in the view.
import json

import django_setup

TEMPLATES = {
    "base.html": (
        "<!doctype html>\n<html><head><title>{% block title %}Guestbook{% endblock %}</title></head>\n"
        "<body><main>{% block content %}{% endblock %}</main></body></html>"
    ),
    "comments.html": """{% extends "base.html" %}

{% block title %}
  Comments ({{ count }})
{% endblock %}

{% block content %}
  <ul>
    {% if comments %}
      {% for comment in comments %}
        <li>
          {{ comment.text }} by {{ comment.author }}
        </li>
      {% endfor %}
    {% else %}
      <li> No comments yet. </li>
    {% endif %}
  </ul>
{% endblock %}
""",
}

django_setup.configure(templates=TEMPLATES)

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

COMMENTS = [
    {"author": "Ada", "text": "Lovely site!"},
    {"author": "Mallory", "text": "<script>alert('stolen cookies')</script>"},
    {"author": "Grace", "text": "Tom & Jerry > Itchy & Scratchy"},
]


def comment_list(request):
    return render(request, "comments.html", {"comments": COMMENTS, "count": len(COMMENTS)})


# Given: the checks replace COMMENTS with comments of their own through this view. Leave it as it is.
@require_POST
def seed_comments(request):
    COMMENTS[:] = json.loads(request.body)
    return JsonResponse({"count": len(COMMENTS)})


urlpatterns = [
    path("seed/comments/", seed_comments),
    path("comments/", comment_list),
]
