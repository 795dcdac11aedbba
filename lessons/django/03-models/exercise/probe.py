"""Facts about the learner's models that HTTP cannot show, learned by using them through the ORM.

Every probe works on rows it creates itself, with names the checks made up for this run.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, transaction

import main


def probe_fields():
    """For each field the prompt names: its class and base classes, max_length and related model."""
    report = {}
    for name in ("title", "slug", "published", "category"):
        try:
            field = main.Post._meta.get_field(name)
        except FieldDoesNotExist:
            report[name] = None
            continue
        related = getattr(field, "related_model", None)
        report[name] = {
            "types": [cls.__name__ for cls in type(field).__mro__],
            "max_length": getattr(field, "max_length", None),
            "related_model": related.__name__ if isinstance(related, type) else None,
        }
    return report


def probe_add_category(label):
    return main.Category.objects.create(name=label).pk


def probe_add_post(category_id, title, slug, published=None):
    """Saves a post (leaving published to its default when None); says whether it was saved."""
    fields = {"category_id": category_id, "title": title, "slug": slug}
    if published is not None:
        fields["published"] = published
    try:
        with transaction.atomic():
            post = main.Post.objects.create(**fields)
    except (DatabaseError, TypeError, ValueError) as exc:  # TypeError: a field the model lacks
        return {"saved": False, "error": f"{type(exc).__name__}: {exc}"}
    post = main.Post.objects.get(pk=post.pk)
    return {"saved": True, "id": post.pk, "published": getattr(post, "published", None)}


def probe_category_posts(category_id):
    """The titles category.posts gives, in its default order (None when category.posts is missing)."""
    category = main.Category.objects.get(pk=category_id)
    posts = getattr(category, "posts", None)
    if posts is None:
        return None
    return [post.title for post in posts.all()]


def probe_titles_in_default_order(post_ids):
    """Post.objects.filter(pk__in=...) with no order_by: the model's default ordering decides."""
    return [post.title for post in main.Post.objects.filter(pk__in=post_ids)]


def probe_delete_category(category_id, post_ids):
    """Deletes the category (as a view or the admin would) and counts which of its posts are left."""
    try:
        main.Category.objects.get(pk=category_id).delete()
    except DatabaseError as exc:
        return {"deleted": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"deleted": True, "posts_left": main.Post.objects.filter(pk__in=post_ids).count()}
