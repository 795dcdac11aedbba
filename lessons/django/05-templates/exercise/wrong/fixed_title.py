# The title always says 3, whatever the number of comments.
import django_setup

TEMPLATES = {
    "base.html": (
        "<!doctype html>\n<html><head><title>{% block title %}Guestbook{% endblock %}</title></head>\n"
        "<body><main>{% block content %}{% endblock %}</main></body></html>"
    ),
    "comments.html": """{% extends "base.html" %}
{% block title %}Comments (3){% endblock %}
{% block content %}
<ul>
  {% for comment in comments %}
    <li>{{ comment.text }} by {{ comment.author }}</li>
  {% empty %}
    <li>No comments yet.</li>
  {% endfor %}
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
    return render(request, "comments.html", {"comments": COMMENTS})


urlpatterns = [path("comments/", comment_list)]
