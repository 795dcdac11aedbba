from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_title, fresh_word


def slug():
    return f"{fresh_word()}-{fresh_word()}"


def add_category(client):
    return client.probe("add_category", label=fresh_title())


def add_post(client, category_id, title=None, published=None, post_slug=None):
    """Saves a post through your model; fails the check when it cannot be saved."""
    fields = {"category_id": category_id, "title": title or fresh_title(), "slug": post_slug or slug(), "published": published}
    result = client.probe("add_post", **fields)
    expect(result.get("saved"), "A post with a title, a new slug and a category can be saved", expected="the post is saved", actual=result.get("error"))
    return result


def field_report(client, name):
    report = client.probe("fields").get(name)
    expect(report is not None, f"Post has a field called {name!r}", expected=f"a field {name!r}", actual="no such field")
    return report


def check_fields(client):
    """Post has title, slug, published and category fields of the right kinds"""
    title = field_report(client, "title")
    expect("CharField" in title["types"] and title["max_length"] == 200, "title is a CharField with max_length=200",
           expected="CharField(max_length=200)", actual=f"{title['types'][0]}(max_length={title['max_length']})")
    kinds = {"slug": "SlugField", "published": "BooleanField", "category": "ForeignKey"}
    for name, kind in kinds.items():
        report = field_report(client, name)
        expect(kind in report["types"], f"{name} is a {kind}", expected=kind, actual=report["types"][0])
    category = field_report(client, "category")
    expect(category["related_model"] == "Category", "category points at the Category model", expected="ForeignKey(Category, ...)", actual=category["related_model"])


def check_published_defaults_to_false(client):
    """A new post is not published unless you say so"""
    post = add_post(client, add_category(client))
    expect(post["published"] is False, "A post saved without a published value is not published", expected=False, actual=post["published"])
    post = add_post(client, add_category(client), published=True)
    expect(post["published"] is True, "A post saved with published=True is published", expected=True, actual=post["published"])


def check_slug_is_unique(client):
    """Two posts with the same slug cannot both be saved"""
    category = add_category(client)
    shared = slug()
    add_post(client, category, post_slug=shared)
    second = client.probe("add_post", category_id=category, title=fresh_title(), slug=shared)
    expect(not second.get("saved"), f"Saving a second post with the slug {shared!r} fails (IntegrityError)",
           expected="IntegrityError: UNIQUE constraint failed", actual="the second post was saved")


def check_default_ordering(client):
    """Posts come back in title order by default"""
    category = add_category(client)
    titles = sorted((fresh_title() for _ in range(3)), reverse=True)
    ids = [add_post(client, category, title=title)["id"] for title in titles]
    found = client.probe("titles_in_default_order", post_ids=ids)
    expect(found == sorted(titles), "Post.objects.filter(...) without order_by() lists posts by title", expected=sorted(titles), actual=found)


def check_reverse_name(client):
    """category.posts lists a category's posts"""
    category = add_category(client)
    titles = sorted(fresh_title() for _ in range(2))
    for title in titles:
        add_post(client, category, title=title)
    add_post(client, add_category(client))  # a post in another category
    found = client.probe("category_posts", category_id=category)
    expect(found is not None, "category.posts exists: set related_name=\"posts\" on the foreign key", expected="category.posts", actual="no attribute posts")
    expect(sorted(found) == titles, "category.posts holds exactly that category's posts", expected=titles, actual=found)


def check_delete_cascades(client):
    """Deleting a category deletes its posts"""
    category = add_category(client)
    ids = [add_post(client, category)["id"] for _ in range(2)]
    result = client.probe("delete_category", category_id=category, post_ids=ids)
    expect(result.get("deleted"), "A category with posts can be deleted", expected="the category is deleted", actual=result.get("error"))
    expect(result["posts_left"] == 0, "Deleting a category deletes its posts (on_delete=CASCADE)", expected="0 posts left", actual=f"{result['posts_left']} posts left")


def check_view_lists_published_posts(client):
    """GET /categories/<id>/posts/ returns the published titles in title order"""
    category = add_category(client)
    published = sorted((fresh_title() for _ in range(3)), reverse=True)
    for title in published:
        add_post(client, category, title=title, published=True)
    add_post(client, category, title="Draft " + fresh_title(), published=False)
    add_post(client, add_category(client), published=True)  # published, but in another category
    response = client.get(f"/categories/{category}/posts/")
    expect_status(response, 200)
    expect_json(response, {"posts": sorted(published)})


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
