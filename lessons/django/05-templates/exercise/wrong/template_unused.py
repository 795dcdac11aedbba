# comments.html is written, but the view never renders it: it pastes escaped text into an f-string
# with base.html's markup copied in. The page looks right, yet no template is used.
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
from django.urls import path
from django.views.decorators.http import require_POST

COMMENTS = [
    {"author": "Ada", "text": "Lovely site!"},
    {"author": "Mallory", "text": "<script>alert('stolen cookies')</script>"},
    {"author": "Grace", "text": "Tom & Jerry > Itchy & Scratchy"},
]


def comment_list(request):
    items = "".join(f"<li>{escape(c['text'])} by {escape(c['author'])}</li>" for c in COMMENTS) or "<li>No comments yet.</li>"
    return HttpResponse(
        f"<!doctype html>\n<html><head><title>Comments ({len(COMMENTS)})</title></head>\n"
        f"<body><main><ul>{items}</ul></main></body></html>"
    )


# Given: the checks replace COMMENTS with comments of their own through this view. Leave it as it is.
@require_POST
def seed_comments(request):
    COMMENTS[:] = json.loads(request.body)
    return JsonResponse({"count": len(COMMENTS)})


urlpatterns = [
    path("seed/comments/", seed_comments),
    path("comments/", comment_list),
]
