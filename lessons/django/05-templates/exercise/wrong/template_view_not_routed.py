# Review finding (b), now failing: /comments/ is still the f-string page (escaped by hand); the render("comments.html") view is never routed.
import json

import django_setup

TEMPLATES = {
    "base.html": (
        "<!doctype html>\n<html><head><title>{% block title %}Guestbook{% endblock %}</title></head>\n"
        "<body><main>{% block content %}{% endblock %}</main></body></html>"
    ),
    "comments.html": """{% extends "base.html" %}
{% block title %}Comments ({{ comments|length }}){% endblock %}
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

from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

COMMENTS = [
    {"author": "Ada", "text": "Lovely site!"},
    {"author": "Mallory", "text": "<script>alert('stolen cookies')</script>"},
    {"author": "Grace", "text": "Tom & Jerry > Itchy & Scratchy"},
]


def comment_list(request):
    # Still the f-string page, now escaped by hand; the template view below is never routed.
    items = "".join(f"<li>{escape(c['text'])} by {escape(c['author'])}</li>" for c in COMMENTS) or "<li>No comments yet.</li>"
    return HttpResponse(
        f"<!doctype html>\n<html><head><title>Comments ({len(COMMENTS)})</title></head>\n"
        f"<body><main><ul>{items}</ul></main></body></html>"
    )


def comment_list_template(request):
    return render(request, "comments.html", {"comments": COMMENTS})


# Given: the checks replace COMMENTS with comments of their own through this view. Leave it as it is.
@require_POST
def seed_comments(request):
    COMMENTS[:] = json.loads(request.body)
    return JsonResponse({"count": len(COMMENTS)})


urlpatterns = [
    path("seed/comments/", seed_comments),
    path("comments/", comment_list),
]
