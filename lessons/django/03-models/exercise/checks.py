import django_setup

django_setup.configure()

from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction
from django.test import Client

from main import Category, Post

client = Client()


def field(name):
    try:
        return Post._meta.get_field(name)
    except FieldDoesNotExist:
        raise AssertionError(f"Expected Post to have a field called {name!r}, but it has none") from None


def make_category(name):
    return Category.objects.create(name=name)


def make_post(category, title, slug, **extra):
    return Post.objects.create(category=category, title=title, slug=slug, **extra)


def check_fields():
    """Post has title, slug, published and category fields of the right kinds"""
    title = field("title")
    assert isinstance(title, models.CharField) and title.max_length == 200, "Expected title to be a CharField with max_length=200"
    slug = field("slug")
    assert isinstance(slug, models.SlugField), f"Expected slug to be a SlugField, got {type(slug).__name__}"
    published = field("published")
    assert isinstance(published, models.BooleanField), f"Expected published to be a BooleanField, got {type(published).__name__}"
    category = field("category")
    assert isinstance(category, models.ForeignKey), f"Expected category to be a ForeignKey, got {type(category).__name__}"
    assert category.related_model is Category, f"Expected category to point at Category, got {category.related_model!r}"


def check_published_defaults_to_false():
    """A new post is not published unless you say so"""
    field("published")
    post = make_post(make_category("Defaults"), "Draft", "draft-default")
    post.refresh_from_db()
    assert post.published is False, f"Expected published to default to False, got {post.published!r}"


def check_slug_is_unique():
    """Two posts with the same slug cannot both be saved"""
    field("slug")
    category = make_category("Unique")
    make_post(category, "First", "same-slug")
    try:
        with transaction.atomic():
            make_post(category, "Second", "same-slug")
    except IntegrityError:
        return
    raise AssertionError("Expected saving a second post with slug 'same-slug' to fail with IntegrityError, but it was saved")


def check_reverse_name_and_cascade():
    """category.posts lists the posts, and deleting the category deletes them"""
    field("category")
    category = make_category("Cascade")
    make_post(category, "One", "cascade-one")
    make_post(category, "Two", "cascade-two")
    assert hasattr(category, "posts"), "Expected category.posts to exist: set related_name=\"posts\" on the foreign key"
    assert category.posts.count() == 2, f"Expected category.posts to hold 2 posts, got {category.posts.count()}"
    category.delete()
    left = Post.objects.filter(slug__startswith="cascade-").count()
    assert left == 0, f"Expected deleting the category to delete its posts (on_delete=CASCADE), but {left} remain"


def check_default_ordering():
    """Posts come back in title order by default"""
    field("slug"), field("category")
    category = make_category("Ordering")
    make_post(category, "Zebra crossings", "order-z")
    make_post(category, "Apple pie", "order-a")
    make_post(category, "Mango season", "order-m")
    titles = list(Post.objects.filter(slug__startswith="order-").values_list("title", flat=True))
    assert titles == ["Apple pie", "Mango season", "Zebra crossings"], f"Expected posts in title order, got {titles}"


def check_view_lists_published_posts():
    """GET /categories/<id>/posts/ returns the published titles in order"""
    field("slug"), field("published"), field("category")
    category = make_category("View")
    other = make_category("Other")
    make_post(category, "Tomatoes", "view-t", published=True)
    make_post(category, "Basil", "view-b", published=True)
    make_post(category, "Secret draft", "view-d", published=False)
    make_post(other, "Elsewhere", "view-e", published=True)
    response = client.get(f"/categories/{category.pk}/posts/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    body = response.json()
    assert body == {"posts": ["Basil", "Tomatoes"]}, f"Expected {{'posts': ['Basil', 'Tomatoes']}}, got {body!r}"


def check_view_missing_category():
    """An unknown category id is a 404"""
    response = client.get("/categories/9999/posts/")
    assert response.status_code == 404, f"Expected status 404 for a category that does not exist, got {response.status_code}"
