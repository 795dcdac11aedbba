import html
import re
import secrets
import string
import urllib.parse
from html.parser import HTMLParser

from crossroads_checks import expect, fresh_int, fresh_title, fresh_word

CHANGELIST = "/admin/exercise/product/"
COLUMNS = ["Name", "SKU", "Price", "In stock"]
REGISTER_HINT = ("Register Product with a ModelAdmin: put @admin.register(Product) above a class ProductAdmin(admin.ModelAdmin), "
                 "or call admin.site.register(Product, ProductAdmin)")


def csrf_token(client):
    """What a page with {% csrf_token %} gives a browser: a CSRF cookie and the same token for a form."""
    if "csrftoken" not in client.cookies:
        client.cookies["csrftoken"] = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    return client.cookies["csrftoken"]


def sign_in_staff(client):
    """Makes a staff account with the given staff/new/ route, then signs in through the admin's own login form."""
    username, password = fresh_word(), f"{fresh_word()}-{fresh_word()}"
    response = client.post("/staff/new/", data={"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(client)})
    expect(response.status in (200, 201, 204, 302), "The given staff/new/ route makes the checks' staff account: keep it as it was in the starter",
           expected="status 201 from POST /staff/new/", response=response)
    page = client.get("/admin/login/?next=/admin/")
    expect(page.status == 200, "The admin's login page should be at /admin/login/: keep path(\"admin/\", admin.site.urls) in urlpatterns",
           expected="status 200 from GET /admin/login/", response=page)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    token = found.group(1) if found else csrf_token(client)
    response = client.post("/admin/login/?next=/admin/",
                           data={"username": username, "password": password, "next": "/admin/", "csrfmiddlewaretoken": token})
    expect(response.status == 302, "A staff user signs in through the admin's login form and is sent on to /admin/",
           expected="status 302 to /admin/ after POST /admin/login/", response=response)


def add_product(client, in_stock=True):
    letters = "".join(secrets.choice(string.ascii_uppercase) for _ in range(3))
    product = {"name": fresh_title(), "sku": f"{letters}-{fresh_int(1000, 9999)}",
               "price": f"{fresh_int(1, 899)}.{fresh_int(11, 99)}", "in_stock": in_stock}
    data = {**product, "in_stock": "yes" if in_stock else "no", "csrfmiddlewaretoken": csrf_token(client)}
    response = client.post("/products/new/", data=data)
    expect(response.status in (200, 201, 204, 302), "The given products/new/ route saves the checks' products: keep it as it was in the starter",
           expected="status 201 from POST /products/new/", response=response)
    return product


class ResultList(HTMLParser):
    """The admin change list's table (id="result_list"): the column titles and each row's cell texts."""

    def __init__(self):
        super().__init__()
        self.headers, self.rows = [], []
        self.in_table = self.in_head = False
        self.cell = None  # text parts of the cell being read
        self.title = None  # text parts inside a header's <div class="text"> (its title, without sort links)
        self.div_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "result_list":
            self.in_table = True
        if not self.in_table:
            return
        if tag == "thead":
            self.in_head = True
        elif tag == "tr" and not self.in_head:
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell, self.title, self.div_depth = [], None, 0
        elif tag == "div" and self.cell is not None:
            if self.title is not None:
                self.div_depth += 1
            elif "text" in (attrs.get("class") or "").split():
                self.title, self.div_depth = [], 1
        elif tag == "img" and self.cell is not None and attrs.get("alt"):
            self.cell.append(f" {attrs['alt']} ")
        elif tag == "input" and self.cell is not None and attrs.get("type") != "hidden" and re.match(r"form-\d+-", attrs.get("name") or ""):
            # A list_editable column: the cell holds a form field (form-0-price) with the value; the actions checkbox is not one
            if attrs.get("type") == "checkbox":
                self.cell.append(" yes " if "checked" in attrs else " no ")
            else:
                self.cell.append(f" {attrs.get('value') or ''} ")

    def handle_endtag(self, tag):
        if not self.in_table:
            return
        if tag == "table":
            self.in_table = False
        elif tag == "thead":
            self.in_head = False
        elif tag == "div" and self.title is not None and self.div_depth > 0:
            self.div_depth -= 1
        elif tag in ("th", "td") and self.cell is not None:
            text = " ".join("".join(self.title if self.title is not None else self.cell).split())
            if self.in_head:
                self.headers.append(text)
            elif self.rows:
                self.rows[-1].append(text)
            self.cell = self.title = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
            if self.title is not None and self.div_depth > 0:
                self.title.append(data)


def changelist(client, query=""):
    """GET the product change list; (response, column titles, rows as lists of cell texts)."""
    response = client.get(CHANGELIST + query)
    expect(response.status != 404, f"{CHANGELIST} answers 404, so Product is not in the admin. {REGISTER_HINT}.",
           expected=f"status 200 from GET {CHANGELIST}{query}", response=response)
    if response.status == 500:
        error = server_error(response)
        expect(False, f"The product list at {CHANGELIST} crashed with a server error{f' ({error})' if error else ''}. "
               "Django could not use one of your ModelAdmin options: each of list_display, search_fields and list_filter must be "
               "a list of Product's field names, such as [\"in_stock\"] (a one-item tuple needs a trailing comma: (\"in_stock\",))",
               expected=f"status 200 from GET {CHANGELIST}{query}", response=response)
    expect(response.status == 200, f"A signed-in staff user should see the product list at {CHANGELIST}",
           expected=f"status 200 from GET {CHANGELIST}{query}", response=response)
    table = ResultList()
    table.feed(response.text)
    table.close()
    return response, table.headers, table.rows


def server_error(response):
    """The exception named on Django's debug error page ("FieldDoesNotExist: Product has no field named 'i'"), or ''."""
    title = re.search(r"<title>\s*([^<]*?) at ", response.text)
    value = re.search(r'<pre class="exception_value">([^<]*)</pre>', response.text)
    parts = [html.unescape(found.group(1)).strip() for found in (title, value) if found]
    return ": ".join(part for part in parts if part)[:300]


def listed(rows, product):
    """Whether a row of the list is this product (its name appears in the row)."""
    return any(product["name"] in " ".join(row) for row in rows)


def check_products_in_admin(client):
    """A signed-in staff user finds the products in the admin at /admin/exercise/product/"""
    sign_in_staff(client)
    product = add_product(client)
    response, _, rows = changelist(client)
    expect(listed(rows, product), f"The product list should show the product {product['name']!r}", expected=product["name"], actual=shown_rows(rows))


def check_list_columns(client):
    """The product list has the columns Name, SKU, Price and In stock, showing each product's values"""
    sign_in_staff(client)
    products = [add_product(client, in_stock=True), add_product(client, in_stock=False)]
    response, headers, rows = changelist(client)
    shown = [header for header in headers if header]
    wanted = [column.lower() for column in COLUMNS]
    positions = [next((i for i, header in enumerate(headers) if header.lower() == column), None) for column in wanted]
    missing = [column for column, position in zip(COLUMNS, positions) if position is None]
    expect(not missing, f"The product list's columns are {shown}; it is missing {missing}. "
           "Set list_display = [\"name\", \"sku\", \"price\", \"in_stock\"] on your ModelAdmin "
           "(a list of field names: each becomes a column titled with the field's verbose name)",
           expected=COLUMNS, actual=shown)
    expect(positions == sorted(positions), f"The product list's columns are {shown}: put them in the order {COLUMNS}",
           expected=COLUMNS, actual=shown)
    for product in products:
        row = next((row for row in rows if len(row) > positions[0] and row[positions[0]] == product["name"]), None)
        expect(row is not None, f"The Name column should show the product {product['name']!r}", expected=product["name"], actual=shown_rows(rows))
        cells = dict(zip(wanted, (row[position] if position < len(row) else "" for position in positions)))
        expect(cells["sku"] == product["sku"], f"The SKU column of {product['name']!r} should show its SKU",
               expected=product["sku"], actual=cells["sku"] or "(an empty cell)")
        expect(product["price"] in cells["price"], f"The Price column of {product['name']!r} should show its price",
               expected=product["price"], actual=cells["price"] or "(an empty cell)")
        stock = cells["in stock"].lower()
        right = stock in ("true", "yes") if product["in_stock"] else stock in ("false", "no")
        expect(right, f"The In stock column of {product['name']!r} should show whether it is in stock (the admin draws a yes or no icon for a BooleanField)",
               expected="yes" if product["in_stock"] else "no", actual=cells["in stock"] or "(an empty cell)")


def shown_rows(rows):
    """What the list shows, for a failure message: each row's first filled cell (the product's name)."""
    names = [next((cell for cell in row if cell), "") for row in rows]
    return f"{len(rows)} product(s) listed: {names}" if rows else "no products listed"


def expect_search(client, text, product, others, field, advice):
    response, _, rows = changelist(client, "?" + urllib.parse.urlencode({"q": text}))
    expect(listed(rows, product), f"Searching the product list for {text!r} should find {product['name']!r}, whose {field} contains it, "
           f"but it is not in the results. {advice}",
           expected=f"{product['name']!r} in the results", actual=shown_rows(rows))
    extra = [other["name"] for other in others if listed(rows, other)]
    expect(not extra, f"Searching the product list for {text!r} should list only {product['name']!r}, but it also shows {extra}. "
           "Without search_fields the admin ignores ?q= and lists every product: set search_fields on your ModelAdmin",
           expected=f"only {product['name']!r}", actual=shown_rows(rows))


def check_search_by_name(client):
    """Searching the list (?q=) for one word of a product's name finds only that product"""
    sign_in_staff(client)
    product, other = add_product(client), add_product(client)
    word = product["name"].split()[-1].lower()
    expect_search(client, word, product, [other], "name", "Put \"name\" in search_fields as a plain field name: that matches any part of "
                  "the name, ignoring case (\"=name\" needs the whole name, \"^name\" its start)")


def check_search_by_sku(client):
    """Searching the list (?q=) for a product's SKU finds only that product"""
    sign_in_staff(client)
    product, other = add_product(client), add_product(client)
    expect_search(client, product["sku"], product, [other], "sku", "Add \"sku\" to search_fields, next to \"name\"")


class FilterLinks(HTMLParser):
    """The links of the change list's filter sidebar (<nav id="changelist-filter">): [(text, href)]."""

    def __init__(self):
        super().__init__()
        self.links, self.depth, self.href, self.text = [], 0, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("id") == "changelist-filter":
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.href, self.text = attrs.get("href") or "", []

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1
        elif tag == "a" and self.href is not None:
            self.links.append((" ".join("".join(self.text).split()), self.href))
            self.href = None

    def handle_data(self, data):
        if self.href is not None:
            self.text.append(data)


def check_filter_in_stock(client):
    """The list has an "In stock" filter, and its "No" choice shows only the products out of stock"""
    sign_in_staff(client)
    in_stock, sold_out = add_product(client, in_stock=True), add_product(client, in_stock=False)
    response, _, _ = changelist(client)
    sidebar = FilterLinks()
    sidebar.feed(response.text)
    sidebar.close()
    text = " ".join(response.text.split()).lower()
    # The "No" choice of list_filter = ["in_stock"] (?in_stock__exact=0), or of a filter written another way
    choices = [href for label, href in sidebar.links if label.lower() == "no"]
    choice = next((href for href in choices if "in_stock" in href), choices[0] if choices else None)
    expect(choice is not None and "by in stock" in text, "The product list should have a filter sidebar with \"By in stock\" and the choices "
           "All, Yes and No. Set list_filter = [\"in_stock\"] on your ModelAdmin",
           expected="a \"By in stock\" filter", actual=f"filter links: {[label for label, _ in sidebar.links]}" if sidebar.links else "no filter sidebar")
    query = choice if choice.startswith("?") else "?" + choice.partition("?")[2]
    response, _, rows = changelist(client, query)
    expect(listed(rows, sold_out) and not listed(rows, in_stock),
           f"The filter's \"No\" choice ({query}) should list {sold_out['name']!r}, which is out of stock, and not {in_stock['name']!r}, which is in stock",
           expected="only products out of stock", actual=shown_rows(rows))
