"""Checks for the bookmarks API (Django REST framework).

Everything goes over HTTP, as an API client would use it. The checks make their own accounts with the
given accounts/ route, which answers each new account's token, and send that token as
"Authorization: Token <key>". Titles and names are new every run and ids always come from responses,
so nothing depends on what other checks (or earlier runs) stored.
"""

import urllib.parse

from crossroads_checks import expect, expect_json, fresh_int, fresh_title, fresh_word

FIELDS = ["id", "url", "title", "owner"]
HTTPS_MESSAGE = "Use an https:// address."
ROUTER_HINT = ("Register your viewset on a DefaultRouter (router.register(\"bookmarks\", BookmarkViewSet)) and add router.urls "
               "to urlpatterns")


def account(client):
    """A new account made with the given accounts/ route: (username, the Authorization header for its token)."""
    username = fresh_word()
    response = client.post("/accounts/", json={"username": username, "password": f"{fresh_word()}-{fresh_word()}"})
    expect(response.status == 201, "The given accounts/ route makes the checks' accounts and answers their tokens: keep it as it was "
           "in the starter (with its own @authentication_classes and @permission_classes)",
           expected='status 201 with {"token": "..."} from POST /accounts/', response=response)
    token = expect_json(response).get("token")
    expect(isinstance(token, str) and token, "The given accounts/ route answers the new account's token: keep it as it was in the starter",
           expected='{"token": "..."}', response=response)
    return username, {"Authorization": f"Token {token}"}


def new_bookmark():
    return {"url": f"https://{fresh_word()}.example.com/{fresh_word()}", "title": fresh_title()}


def explain_refusal(response, what):
    """Why the app refused a request that carried a valid token, in words that point at the fix."""
    if response.status == 404:
        return f"{what} answered 404: there is no such route. {ROUTER_HINT}"
    if response.status in (401, 403):
        return (f"{what} carried a valid token (Authorization: Token <key>) and was refused with {response.status}. "
                "Authenticate API clients by token: put \"rest_framework.authentication.TokenAuthentication\" in "
                "REST_FRAMEWORK[\"DEFAULT_AUTHENTICATION_CLASSES\"] (or authentication_classes on the view)")
    if response.status == 500:
        return f"{what} crashed the app (500): read the traceback in the response"
    return f"{what} did not answer as expected"


def create(client, headers, bookmark=None, extra=None):
    """Creates a bookmark with the given token's account; returns (what was sent, the JSON answer)."""
    bookmark = bookmark or new_bookmark()
    response = client.post("/bookmarks/", json={**bookmark, **(extra or {})}, headers=headers)
    if response.status == 400 and "owner" in response.text:
        expect(False, "Creating a bookmark without an owner in the body answered 400 about \"owner\". The client never sends the "
               "owner: make it a read-only field (owner = serializers.ReadOnlyField(source=\"owner.username\"), or read_only=True on "
               "the field you declare: read_only_fields does nothing for a declared field) and set it from the token's user in "
               "perform_create: serializer.save(owner=self.request.user)",
               expected="status 201", response=response)
    expect(response.status == 201, explain_refusal(response, "POST /bookmarks/ with a valid bookmark"), expected="status 201", response=response)
    return bookmark, expect_json(response)


def read(client, target):
    """GET target without a token, as any visitor may: the response, or a failure that says why it was refused."""
    response = client.get(target)
    expect(response.status not in (401, 403), f"GET {target} without a token answered {response.status}. Reading is open to "
           "everyone: use IsAuthenticatedOrReadOnly (anyone may read, only signed-in users may write), not IsAuthenticated",
           expected="status 200", response=response)
    expect(response.status == 200, f"GET {target} without a token answers 200", expected="status 200", response=response)
    return response


def path_of(link):
    """The path and query of a pagination link (DRF makes them absolute: http://host/bookmarks/?page=2)."""
    parts = urllib.parse.urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def check_create_sets_owner(client):
    """POST /bookmarks/ with a token creates a bookmark (201) owned by that token's user"""
    me, headers = account(client)
    other, _ = account(client)
    bookmark, created = create(client, headers, extra={"owner": other})
    expect(isinstance(created.get("id"), int), "The new bookmark's JSON includes its id", expected="an integer id", actual=created)
    expect(created.get("url") == bookmark["url"] and created.get("title") == bookmark["title"],
           "The new bookmark's JSON shows the url and title that were sent", expected=bookmark, actual=created)
    expect(created.get("owner") != other, f"The body said \"owner\": {other!r} and the bookmark now belongs to {other!r}: anyone could "
           "file bookmarks under someone else's name. The owner must come from the token, never from the body: make owner read-only "
           "and set it in perform_create with serializer.save(owner=self.request.user)", expected=f"owner {me!r}", actual=created)
    expect(created.get("owner") == me, f"A bookmark's \"owner\" is its owner's username (the token's user, {me!r}). Declare "
           "owner = serializers.ReadOnlyField(source=\"owner.username\") on the serializer", expected=f"owner {me!r}", actual=created)
    expect_json(read(client, f"/bookmarks/{created['id']}/"), created)


def check_only_public_fields(client):
    """A bookmark's JSON has exactly id, url, title and owner; moderator_note is neither shown nor taken as input"""
    _, headers = account(client)
    _, created = create(client, headers)
    for response in (read(client, f"/bookmarks/{created['id']}/"), read(client, "/bookmarks/")):
        body = response.json()
        shown = body["results"][0] if isinstance(body, dict) and body.get("results") else body[0] if isinstance(body, list) and body else body
        keys = sorted(shown) if isinstance(shown, dict) else shown
        expect(isinstance(shown, dict) and "moderator_note" not in shown,
               f"{response.request} shows moderator_note, a field for staff only. fields = \"__all__\" publishes every column of the "
               f"model, including the ones added later: list the fields instead, fields = {FIELDS}",
               expected=FIELDS, actual=keys)
        expect(sorted(shown) == sorted(FIELDS), f"Each bookmark in {response.request} has exactly the fields {FIELDS}",
               expected=FIELDS, actual=keys)
    # A serializer ignores keys that are not its fields. Sent as an object, a moderator_note that is still a field
    # (write_only hides it from answers only) is refused as "Not a valid string."; one that is not a field is ignored.
    sent = {**new_bookmark(), "moderator_note": {"note": fresh_title()}}
    response = client.post("/bookmarks/", json=sent, headers=headers)
    expect(not (response.status == 400 and "moderator_note" in response.text),
           "POST /bookmarks/ with a \"moderator_note\" in the body answered 400 about moderator_note: the API reads that field "
           "from clients, so anyone could write a staff note. Leave moderator_note out of the serializer's fields altogether "
           "(write_only hides a field from the answers but still takes it as input)",
           expected="status 201, with moderator_note ignored", response=response)
    expect(response.status == 201, explain_refusal(response, "POST /bookmarks/ with a valid bookmark and an extra key"),
           expected="status 201", response=response)


def check_anyone_can_read(client):
    """Without a token, GET /bookmarks/ and GET /bookmarks/<id>/ answer 200"""
    _, headers = account(client)
    _, created = create(client, headers)
    for target in ("/bookmarks/", f"/bookmarks/{created['id']}/"):
        read(client, target)


def check_writes_need_a_token(client):
    """Without a valid token, writes answer 401 with WWW-Authenticate: Token"""
    _, headers = account(client)
    _, created = create(client, headers)
    attempts = [("POST", "/bookmarks/", {}, new_bookmark()),
                ("POST", "/bookmarks/", {"Authorization": f"Token {fresh_word()}{fresh_int(1000, 9999)}"}, new_bookmark()),
                ("DELETE", f"/bookmarks/{created['id']}/", {}, None)]
    for method, target, sent_headers, body in attempts:
        response = client.request(method, target, json=body, headers=sent_headers)
        what = f"{method} {target} " + ("with a made-up token" if sent_headers else "without a token")
        expect(response.status not in (200, 201, 204, 500), f"{what} answered {response.status}. Only signed-in users may write: "
               "IsAuthenticatedOrReadOnly (not AllowAny) refuses it before your view code runs. A view's permission_classes replaces "
               "DEFAULT_PERMISSION_CLASSES, so list IsAuthenticatedOrReadOnly there too",
               expected="status 401", response=response)
        expect(response.status != 403, f"{what} answered 403. DRF answers 401 only when the first authentication class can send a "
               "WWW-Authenticate challenge; SessionAuthentication cannot, so it comes out as 403. Put TokenAuthentication first in "
               "DEFAULT_AUTHENTICATION_CLASSES (or in authentication_classes)", expected="status 401", response=response)
        expect(response.status == 401, f"{what} answers 401", expected="status 401", response=response)
        challenge = response.headers.get("WWW-Authenticate", "")
        expect(challenge.startswith("Token"), f"The 401 from {what} tells the client how to sign in with a WWW-Authenticate: Token "
               "header, which TokenAuthentication adds when it is the first authentication class",
               expected="WWW-Authenticate: Token", actual=f"WWW-Authenticate: {challenge or '(missing)'}")
    read(client, f"/bookmarks/{created['id']}/")  # the refused DELETE left it in place


def check_validation_errors(client):
    """Invalid bookmarks answer 400 with the message under the field's name"""
    _, headers = account(client)
    other_scheme = ("ftp", "ftps")[fresh_int(0, 1)]
    cases = [
        ({**new_bookmark(), "url": f"http://{fresh_word()}.example.com/"}, "url", [HTTPS_MESSAGE],
         f"An http:// address is refused with {{\"url\": [\"{HTTPS_MESSAGE}\"]}}. Write the rule in validate_url(self, value) on the "
         "serializer and raise serializers.ValidationError with that message: a rule in validate() files its message under "
         "\"non_field_errors\" instead of \"url\""),
        ({**new_bookmark(), "url": f"{other_scheme}://{fresh_word()}.example.com/{fresh_word()}.txt"}, "url", [HTTPS_MESSAGE],
         f"An {other_scheme}:// address is a valid URL for a URLField and still not https://, so it is refused with {{\"url\": "
         f"[\"{HTTPS_MESSAGE}\"]}} too. Accept addresses that start with https:// rather than refuse the ones that start with "
         "http://"),
        ({**new_bookmark(), "url": f"{fresh_word()} {fresh_word()}"}, "url", ["Enter a valid URL."],
         "Text that is not a URL is refused by the model's URLField, with DRF's own message \"Enter a valid URL.\""),
        ({"url": new_bookmark()["url"]}, "title", ["This field is required."],
         "A bookmark without a title is refused with DRF's own message \"This field is required.\""),
    ]
    for sent, field, messages, advice in cases:
        response = client.post("/bookmarks/", json=sent, headers=headers)
        if response.status in (401, 403, 404, 500):
            expect(False, explain_refusal(response, "POST /bookmarks/"), expected="status 400", response=response)
        expect(response.status == 400, f"{advice}. The app answered {response.status}", expected="status 400", response=response)
        body = expect_json(response)
        found = body.get(field)
        expect(isinstance(found, list) and all(message in found for message in messages), advice, expected={field: messages}, actual=body)


def check_only_the_owner_changes(client):
    """Another user's PATCH, PUT and DELETE answer 403; the owner's answer 200 and 204"""
    _, owner = account(client)
    _, stranger = account(client)
    bookmark, created = create(client, owner)
    target = f"/bookmarks/{created['id']}/"
    for method, body in (("PATCH", {"title": fresh_title()}), ("PUT", new_bookmark()), ("DELETE", None)):
        response = client.request(method, target, json=body, headers=stranger)
        expect(response.status != 404, f"{method} {target} by another user answered 404. Every bookmark is public to read, so a 404 "
               "for one the client can see is misleading (filtering get_queryset suits data that is private). Here, refuse with "
               "403 from a permission class whose has_object_permission checks obj.owner == request.user", expected="status 403", response=response)
        expect(response.status != 500, f"{method} {target} by another user crashed the app (500): read the traceback in the response",
               expected="status 403", response=response)
        expect(response.status == 403, f"{method} {target} by a user who does not own the bookmark answered {response.status}: "
               "anyone with a token can change anyone's bookmarks. Add an object permission (a BasePermission with "
               "has_object_permission returning obj.owner == request.user for writes) to permission_classes",
               expected="status 403", response=response)
    unchanged = read(client, target)
    expect(unchanged.json().get("title") == bookmark["title"],
           "The refused writes leave the bookmark as it was", expected=bookmark["title"], response=unchanged)
    title = fresh_title()
    response = client.patch(target, json={"title": title}, headers=owner)
    expect(response.status == 200, f"The owner's PATCH {target} answers 200", expected="status 200", response=response)
    expect(expect_json(response).get("title") == title, "The owner's PATCH changes the title", expected=title, response=response)
    replaced = new_bookmark()
    response = client.put(target, json=replaced, headers=owner)
    expect(response.status == 200, f"The owner's PUT {target} answers 200", expected="status 200", response=response)
    response = client.delete(target, headers=owner)
    expect(response.status == 204, f"The owner's DELETE {target} answers 204", expected="status 204", response=response)
    gone = client.get(target)
    expect(gone.status == 404, f"After the owner's DELETE, GET {target} answers 404", expected="status 404", response=gone)


def check_list_in_pages(client):
    """GET /bookmarks/ answers pages of 5, newest first, with count, next, previous and results, to the last page"""
    _, headers = account(client)
    made = [create(client, headers)[1] for _ in range(6)]
    newest = list(reversed(made))
    page = read(client, "/bookmarks/").json()
    expect(not isinstance(page, list), "GET /bookmarks/ answered a bare JSON list: every bookmark ever saved, in one response. Turn on "
           "pagination: REST_FRAMEWORK[\"DEFAULT_PAGINATION_CLASS\"] = \"rest_framework.pagination.PageNumberPagination\" with "
           "\"PAGE_SIZE\": 5", expected='{"count": ..., "next": ..., "previous": ..., "results": [...]}', actual=f"a list of {len(page)}")
    keys = sorted(page) if isinstance(page, dict) else page
    expect(isinstance(page, dict) and sorted(page) == ["count", "next", "previous", "results"],
           "GET /bookmarks/ answers PageNumberPagination's page: an object with count, next, previous and results",
           expected=["count", "next", "previous", "results"], actual=keys)
    expect(isinstance(page["count"], int) and page["count"] >= len(made), "\"count\" is the number of bookmarks on all pages",
           expected=f"at least {len(made)}", actual=page["count"])
    results = page["results"]
    expect(len(results) == 5, f"The first page holds 5 bookmarks (PAGE_SIZE 5 or page_size = 5); it holds {len(results)}",
           expected=5, actual=len(results))
    expect([item.get("id") for item in results] == [item["id"] for item in newest[:5]],
           "The list starts with the newest bookmark: order the queryset with order_by(\"-id\"), newest first",
           expected=[item["title"] for item in newest[:5]], actual=[item.get("title") for item in results])
    expect(page["previous"] is None, "The first page has no previous page", expected=None, actual=page["previous"])
    expect(isinstance(page["next"], str) and "page=2" in page["next"], "\"next\" links to the second page (…/bookmarks/?page=2)",
           expected="…/bookmarks/?page=2", actual=page["next"])
    second = read(client, path_of(page["next"]))
    following = second.json()
    expect(isinstance(following, dict) and following.get("results") and following["results"][0].get("id") == newest[5]["id"],
           "The second page goes on where the first stopped: it starts with the sixth newest bookmark",
           expected=newest[5]["title"], response=second)
    expect(following.get("previous") is not None, "The second page links back to the first (\"previous\")", expected="a link",
           response=second)
    seen = [item.get("id") for item in results]
    pages, link = 1, page["next"]
    while link:
        target = path_of(link)
        response = read(client, target)
        shown = response.json()
        rows = shown.get("results") if isinstance(shown, dict) else None
        expect(isinstance(rows, list) and 0 < len(rows) <= 5,
               f"Following \"next\" from page to page, GET {target} answered a page with {len(rows) if isinstance(rows, list) else 'no'} "
               "bookmarks. Every page holds 1 to 5 bookmarks, the last page's \"next\" is null, and a page past the end answers 404: "
               "PageNumberPagination does all three",
               expected="1 to 5 bookmarks in \"results\"", response=response)
        ids = [item.get("id") for item in rows]
        expect(not set(ids) & set(seen), f"Following \"next\" from page to page, GET {target} shows bookmarks an earlier page "
               "showed: each page goes on where the one before stopped", expected="bookmarks no earlier page showed", response=response)
        pages += 1
        seen += ids
        link = shown.get("next")
    expect(len(set(seen)) == len(seen) == page["count"],
           f"Following \"next\" from the first page to the last (\"next\": null) shows each of the {page['count']} bookmarks of "
           "\"count\" once", expected=f"{page['count']} bookmarks", actual=f"{len(seen)} bookmarks, {len(set(seen))} different")
    beyond = client.get(f"/bookmarks/?page={pages + 1}")
    expect(beyond.status == 404, f"There are {pages} pages, so GET /bookmarks/?page={pages + 1} is past the end and answers 404, as "
           "PageNumberPagination does", expected="status 404", response=beyond)
