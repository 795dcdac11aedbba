"""Django 03: the model's declaration is read from the submitted source (a fact HTTP cannot show, read
in the checks' sandbox where the learner's code never runs); what the model does is checked over HTTP
through the given seed views and the learner's view, with data made up for this run."""

import ast
import random
import string

from crossroads_checks import (
    CheckFailed,
    dotted_name,
    expect,
    expect_json,
    expect_status,
    find_definitions,
    fresh_int,
    fresh_title,
    fresh_word,
    keyword_argument,
    syntax_tree,
)

# ---- The submitted source: the Post model as written ---------------------------------------------


def local_aliases():
    """{'Slug': 'SlugField'} for `from django.db.models import SlugField as Slug` (and the like)."""
    aliases = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
    return aliases


def kind_of(node):
    """The class a field call or a constant like models.CASCADE names: its last part, aliases undone."""
    name = dotted_name(node)
    if "." in name:
        return name.rsplit(".", 1)[1]
    return local_aliases().get(name, name)


def constant(node, default=None):
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return default


def model_class(name):
    """The last class called name (the one Python keeps), or a CheckFailed saying it is missing."""
    found = [c for c in find_definitions(ast.ClassDef) if c.name == name]
    if not found:
        raise CheckFailed(f"Your code has no class {name}: keep the model {name}(models.Model).", expected=f"class {name}(models.Model)", actual="no such class")
    return found[-1]


def class_fields(cls):
    """{field name: the call that builds it} for the class body (name = X(...) or name: T = X(...))."""
    fields = {}
    for statement in cls.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    fields[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.value, ast.Call) and isinstance(statement.target, ast.Name):
            fields[statement.target.id] = statement.value
    return fields


def meta_options(cls):
    """{option: value node} from the model's inner class Meta."""
    options = {}
    for statement in cls.body:
        if isinstance(statement, ast.ClassDef) and statement.name == "Meta":
            for item in statement.body:
                if isinstance(item, ast.Assign):
                    for target in item.targets:
                        if isinstance(target, ast.Name):
                            options[target.id] = item.value
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.value is not None:
                    options[item.target.id] = item.value
    return options


def field_kinds(call):
    """The field class a call builds, and, for a field class defined in the file, the classes it extends."""
    kinds = [kind_of(call.func)]
    seen = set()
    while kinds[-1] not in seen:
        seen.add(kinds[-1])
        local = [c for c in find_definitions(ast.ClassDef) if c.name == kinds[-1]]
        if not local or not local[-1].bases:
            break
        kinds.append(kind_of(local[-1].bases[0]))
    return kinds


def post_field(name, kind, how):
    """The call that builds Post.<name>, which must make a kind (e.g. SlugField)."""
    fields = class_fields(model_class("Post"))
    call = fields.get(name)
    expect(call is not None, f"Post has no field {name!r}: add `{name} = {how}` to the Post model.", expected=f"{name} = {how}", actual=f"fields found: {sorted(fields) or 'none'}")
    kinds = field_kinds(call)
    expect(kind in kinds, f"Post.{name} must be a {kind}: write `{name} = {how}`.", expected=how, actual=ast.unparse(call))
    return call


def argument(call, keyword, position=None):
    """A field argument given by keyword, or at its position (None when absent)."""
    value = keyword_argument(call, keyword)
    if value is None and position is not None and len(call.args) > position:
        value = call.args[position]
    return value


def names_of_group(value):
    """A list of field names, or None when value is not a literal list of strings."""
    names = constant(value)
    if isinstance(names, str):
        return [names]
    if isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names):
        return list(names)
    return None


def slug_unique_in_meta(options):
    """unique_together or an unconditional UniqueConstraint on exactly ("slug",)."""
    together = constant(options["unique_together"]) if "unique_together" in options else None
    if isinstance(together, (list, tuple)) and together:
        groups = [together] if all(isinstance(n, str) for n in together) else together
        if any(isinstance(g, (list, tuple)) and set(g) == {"slug"} for g in groups):
            return True
    constraints = options.get("constraints")
    if isinstance(constraints, (ast.List, ast.Tuple)):
        for item in constraints.elts:
            if isinstance(item, ast.Call) and kind_of(item.func) == "UniqueConstraint" and keyword_argument(item, "condition") is None:
                fields = names_of_group(keyword_argument(item, "fields")) if keyword_argument(item, "fields") is not None else None
                if fields is None and item.args:
                    fields = [a.value if isinstance(a, ast.Constant) else (a.args[0].value if isinstance(a, ast.Call) and kind_of(a.func) == "F" and a.args and isinstance(a.args[0], ast.Constant) else None) for a in item.args]
                if fields is not None and set(fields) == {"slug"}:
                    return True
    return False


def orders_by_title(element):
    """'title', F('title') or F('title').asc()."""
    if isinstance(element, ast.Constant):
        return element.value == "title"
    if isinstance(element, ast.Call) and isinstance(element.func, ast.Attribute) and element.func.attr == "asc":
        element = element.func.value
    return isinstance(element, ast.Call) and kind_of(element.func) == "F" and bool(element.args) and constant(element.args[0]) == "title"


# ---- Over HTTP: the given seed views (with a CSRF token the checks make up) and your view ----------


def csrf_headers(client):
    """Django accepts a POST whose X-CSRFToken header matches the csrftoken cookie: make up both."""
    token = "".join(random.SystemRandom().choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return {"X-CSRFToken": token}


def slug():
    return f"{fresh_word()}-{fresh_word()}"


def add_category(client):
    response = client.post("/seed/categories/", json={"name": fresh_title()}, headers=csrf_headers(client))
    expect_status(response, 201)
    return expect_json(response)["id"]


def post_post(client, category_id, title=None, published=None, post_slug=None):
    fields = {"category": category_id, "title": title or fresh_title(), "slug": post_slug or slug()}
    if published is not None:
        fields["published"] = published
    return client.post("/seed/posts/", json=fields, headers=csrf_headers(client))


def add_post(client, category_id, **fields):
    """Saves a post through the given seed view; fails the check when it cannot be saved."""
    response = post_post(client, category_id, **fields)
    expect(response.status == 201, "A post with a title, a new slug and a category can be saved (the given POST /seed/posts/ answers 201)",
           expected="201", response=response)
    return expect_json(response)


def listed(client, category_id):
    response = client.get(f"/categories/{category_id}/posts/")
    expect_status(response, 200)
    return response, expect_json(response).get("posts")


# ---- The checks ---------------------------------------------------------------------------------


def check_title_and_slug_fields(client):
    """Post.title is a CharField of 200 characters and Post.slug a unique SlugField"""
    title = post_field("title", "CharField", "models.CharField(max_length=200)")
    expect(constant(keyword_argument(title, "max_length")) == 200, "Post.title holds up to 200 characters: `models.CharField(max_length=200)`.",
           expected="max_length=200", actual=ast.unparse(title))
    slug_field = post_field("slug", "SlugField", "models.SlugField(unique=True)")
    unique = constant(keyword_argument(slug_field, "unique")) is True or constant(keyword_argument(slug_field, "primary_key")) is True
    unique = unique or slug_unique_in_meta(meta_options(model_class("Post")))
    expect(unique, "Post.slug must be unique: add unique=True to the SlugField (or a UniqueConstraint on slug in Meta).",
           expected="models.SlugField(unique=True)", actual=ast.unparse(slug_field))


def check_published_field(client):
    """Post.published is a BooleanField that is False by default"""
    call = post_field("published", "BooleanField", "models.BooleanField(default=False)")
    defaults = [keyword_argument(call, "default"), keyword_argument(call, "db_default")]
    expect(any(value is not None and constant(value, default=True) in (False, 0) and constant(value) is not None for value in defaults),
           "A new post is not published unless you say so: give the BooleanField default=False.", expected="models.BooleanField(default=False)", actual=ast.unparse(call))


def check_category_field(client):
    """Post.category is a foreign key to Category: CASCADE on delete, category.posts for the reverse"""
    call = post_field("category", "ForeignKey", 'models.ForeignKey(Category, on_delete=models.CASCADE, related_name="posts")')
    target = argument(call, "to", 0)
    target_name = constant(target) if isinstance(target, ast.Constant) else dotted_name(target)
    expect(isinstance(target_name, str) and target_name.rsplit(".", 1)[-1] == "Category", "Post.category must point at the Category model: `models.ForeignKey(Category, ...)`.",
           expected="ForeignKey(Category, ...)", actual=ast.unparse(call))
    on_delete = argument(call, "on_delete", 1)
    expect(on_delete is not None and kind_of(on_delete) == "CASCADE", "Deleting a category must delete its posts: on_delete=models.CASCADE.",
           expected="on_delete=models.CASCADE", actual=ast.unparse(call))
    related = keyword_argument(call, "related_name")
    expect(constant(related) == "posts", 'category.posts must list a category\'s posts: add related_name="posts" to the foreign key.',
           expected='related_name="posts"', actual=ast.unparse(call))


def check_default_ordering(client):
    """Post's Meta orders posts by title by default"""
    options = meta_options(model_class("Post"))
    ordering = options.get("ordering")
    first = ordering.elts[0] if isinstance(ordering, (ast.List, ast.Tuple)) and ordering.elts else None
    expect(first is not None and orders_by_title(first), 'Posts must come back in title order by default: add ordering = ["title"] to Post\'s class Meta '
           "(an order_by() in the view sorts one query only).", expected='class Meta: ordering = ["title"]',
           actual=ast.unparse(ordering) if ordering is not None else "no ordering in Post's Meta")


def check_slug_is_unique(client):
    """Two posts with the same slug cannot both be saved"""
    category = add_category(client)
    shared = slug()
    add_post(client, category, post_slug=shared)
    second = post_post(client, category, post_slug=shared)
    expect(second.status == 409, f"Saving a second post with the slug {shared!r} must fail with an IntegrityError (the seed view answers 409)",
           expected="409 (IntegrityError: UNIQUE constraint failed)", response=second)


def check_view_lists_published_posts(client):
    """GET /categories/<id>/posts/ returns the published titles in title order, drafts left out"""
    category = add_category(client)
    published = sorted((fresh_title() for _ in range(3)), reverse=True)
    for title in published:
        add_post(client, category, title=title, published=True)
    add_post(client, category, title="Draft " + fresh_title(), published=False)
    add_post(client, category, title="Unset " + fresh_title())  # no published value: the model's default decides
    add_post(client, add_category(client), published=True)  # published, but in another category
    response, posts = listed(client, category)
    expect(posts == sorted(published), "Only the category's published posts are listed, in title order "
           "(a post saved without a published value is a draft)", expected={"posts": sorted(published)}, response=response)


def check_view_empty_category(client):
    """A category with only drafts gives an empty list"""
    category = add_category(client)
    add_post(client, category, published=False)
    response = client.get(f"/categories/{category}/posts/")
    expect_status(response, 200)
    expect_json(response, {"posts": []})


def check_view_missing_category(client):
    """An unknown category id is a 404"""
    response = client.get(f"/categories/{fresh_int(100_000, 999_999)}/posts/")
    expect_status(response, 404)
