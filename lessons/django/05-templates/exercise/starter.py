import json

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

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

COMMENTS = [
    {"author": "Ada", "text": "Lovely site!"},
    {"author": "Mallory", "text": "<script>alert('stolen cookies')</script>"},
    {"author": "Grace", "text": "Tom & Jerry > Itchy & Scratchy"},
]


def comment_list(request):
    # TODO: render comments.html instead of pasting text into HTML
    items = "".join(f"<li>{c['text']} by {c['author']}</li>" for c in COMMENTS)
    return HttpResponse(f"<title>Comments</title><ul>{items}</ul>")


# Given: the checks replace COMMENTS with comments of their own through this view. Leave it as it is.
@require_POST
def seed_comments(request):
    COMMENTS[:] = json.loads(request.body)
    return JsonResponse({"count": len(COMMENTS)})


urlpatterns = [
    path("seed/comments/", seed_comments),
    path("comments/", comment_list),
]
