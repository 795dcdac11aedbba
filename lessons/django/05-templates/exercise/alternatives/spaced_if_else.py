# Roomy template whitespace (<li> {{ x }} </li> over several lines), {% if %}/{% else %} instead of
# {% empty %}, and the count computed in the view.
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

from django.shortcuts import render
from django.urls import path

COMMENTS = [
    {"author": "Ada", "text": "Lovely site!"},
    {"author": "Mallory", "text": "<script>alert('stolen cookies')</script>"},
    {"author": "Grace", "text": "Tom & Jerry > Itchy & Scratchy"},
]


def comment_list(request):
    return render(request, "comments.html", {"comments": COMMENTS, "count": len(COMMENTS)})


urlpatterns = [path("comments/", comment_list)]
