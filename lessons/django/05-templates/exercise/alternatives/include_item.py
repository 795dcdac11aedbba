# Each item rendered by an included template, the count from the |length filter on a renamed
# context variable, and a named URL.
import django_setup

TEMPLATES = {
    "base.html": (
        "<!doctype html>\n<html><head><title>{% block title %}Guestbook{% endblock %}</title></head>\n"
        "<body><main>{% block content %}{% endblock %}</main></body></html>"
    ),
    "comment_item.html": "<li>{{ item.text }} by {{ item.author }}</li>",
    "comments.html": (
        '{% extends "base.html" %}'
        "{% block title %}Comments ({{ entries|length }}){% endblock %}"
        "{% block content %}<ul>"
        '{% for entry in entries %}{% include "comment_item.html" with item=entry %}'
        "{% empty %}<li>No comments yet.</li>{% endfor %}"
        "</ul>{% endblock %}"
    ),
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
    return render(request, "comments.html", context={"entries": COMMENTS})


urlpatterns = [path("comments/", comment_list, name="comments")]
