# Review finding (a), now accepted: a TemplateView naming comments.html in get_template_names().
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

from django.http import JsonResponse
from django.views.generic import TemplateView
from django.urls import path
from django.views.decorators.http import require_POST

COMMENTS = [
    {"author": "Ada", "text": "Lovely site!"},
    {"author": "Mallory", "text": "<script>alert('stolen cookies')</script>"},
    {"author": "Grace", "text": "Tom & Jerry > Itchy & Scratchy"},
]


class CommentList(TemplateView):
    def get_template_names(self):
        return ["comments.html"]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "comments": COMMENTS}


# Given: the checks replace COMMENTS with comments of their own through this view. Leave it as it is.
@require_POST
def seed_comments(request):
    COMMENTS[:] = json.loads(request.body)
    return JsonResponse({"count": len(COMMENTS)})


urlpatterns = [
    path("seed/comments/", seed_comments),
    path("comments/", CommentList.as_view()),
]
