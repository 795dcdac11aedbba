# Copies base.html's markup into comments.html instead of extending it: the page looks the same,
# but the layout is no longer shared.
import django_setup

TEMPLATES = {
    "base.html": (
        "<!doctype html>\n<html><head><title>{% block title %}Guestbook{% endblock %}</title></head>\n"
        "<body><main>{% block content %}{% endblock %}</main></body></html>"
    ),
    "comments.html": """<!doctype html>
<html><head><title>Comments ({{ comments|length }})</title></head>
<body><main>
<ul>
  {% for comment in comments %}
    <li>{{ comment.text }} by {{ comment.author }}</li>
  {% empty %}
    <li>No comments yet.</li>
  {% endfor %}
</ul>
</main></body></html>
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
