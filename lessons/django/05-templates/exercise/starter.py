import django_setup

TEMPLATES = {
    "base.html": (
        "<!doctype html>\n<html><head><title>{% block title %}Guestbook{% endblock %}</title></head>\n"
        "<body><main>{% block content %}{% endblock %}</main></body></html>"
    ),
    # TODO: write the comments page: extend base.html, fill the title and content blocks
    "comments.html": "",
}

django_setup.configure(templates=TEMPLATES)

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

COMMENTS = [
    {"author": "Ada", "text": "Lovely site!"},
    {"author": "Mallory", "text": "<script>alert('stolen cookies')</script>"},
    {"author": "Grace", "text": "Tom & Jerry > Itchy & Scratchy"},
]


def comment_list(request):
    # TODO: render comments.html instead of pasting text into HTML
    items = "".join(f"<li>{c['text']} by {c['author']}</li>" for c in COMMENTS)
    return HttpResponse(f"<title>Comments</title><ul>{items}</ul>")


urlpatterns = [path("comments/", comment_list)]
