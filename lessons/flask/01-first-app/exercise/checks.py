from crossroads_checks import expect, expect_status, fresh_word


def expect_page(response, text):
    """The response is a 200 whose body is exactly text (surrounding whitespace aside)."""
    expect(
        response.status not in (301, 302, 307, 308),
        f"{response.request} answered with a redirect: is the rule written with a trailing slash?",
        expected="status 200",
        response=response,
    )
    expect_status(response, 200)
    body = response.text.strip()
    expect(body == text, f"Expected the text {text!r} from {response.request}", expected=text, actual=body)


def check_home_still_works(client):
    """GET / still shows the welcome text"""
    expect_page(client.get("/"), "Welcome to the Tea Shop!")


def check_menu(client):
    """GET /menu lists the teas"""
    response = client.get("/menu")
    expect(response.status != 404, "There is no page at /menu yet: add a view with @app.get(\"/menu\")", expected="status 200", response=response)
    expect_page(response, "Green, Black, Oolong")


def check_hello_uses_the_name(client):
    """GET /hello/<name> greets whoever is in the URL"""
    for _ in range(2):
        name = fresh_word().capitalize()
        expect_page(client.get(f"/hello/{name}"), f"Hello, {name}!")


def check_pages_are_get_only(client):
    """Both new pages refuse other methods with 405"""
    name = fresh_word().capitalize()
    for method, path in (("POST", "/menu"), ("PUT", "/menu"), ("DELETE", "/menu"), ("POST", f"/hello/{name}"), ("DELETE", f"/hello/{name}")):
        response = client.request(method, path)
        expect(
            response.status == 405,
            f"Expected 405 Method Not Allowed for {method} {path}, got {response.status}: register the view with @app.get so it answers GET only",
            expected="status 405",
            response=response,
        )
