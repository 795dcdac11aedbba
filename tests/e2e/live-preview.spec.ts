import { expect, test, type Page } from "@playwright/test";
import { openEditor, runAndWait, setCode, signedInLearner } from "./fixtures";

// The live preview (issue 18): the learner's app, running in the browser, browsed in a sandboxed frame.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Opens the preview and waits for the app's first page. */
async function showApp(page: Page) {
  const panel = page.getByTestId("live-preview");
  await panel.getByTestId("preview-open").click();
  await expect(panel).toHaveAttribute("data-phase", "ready", { timeout: 90_000 });
  return { panel, frame: page.frameLocator("[data-testid=preview-frame]") };
}

const FLASK = `from flask import Flask, flash, get_flashed_messages, redirect, render_template_string, request, url_for

app = Flask(__name__)
app.secret_key = "preview"
NAMES = []
PAGE = """{% for m in get_flashed_messages() %}<p class="flash">{{ m }}</p>{% endfor %}
<ul>{% for n in names %}<li>{{ n }}</li>{% endfor %}</ul>
<form method="post" action="{{ url_for('add') }}"><input name="name" aria-label="Name"><button>Add</button></form>
<a href="/boom">Break it</a>"""


@app.get("/")
def index():
    return render_template_string(PAGE, names=NAMES)


@app.post("/add")
def add():
    NAMES.append(request.form["name"])
    flash("Added " + request.form["name"])
    return redirect(url_for("index"))


@app.get("/boom")
def boom():
    return {"ratio": 1 / 0}
`;

test("Flask: submit a form in the preview, follow the redirect, see the flashed message; a crashing view shows its traceback", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signedInLearner(page);
  await openEditor(page, "/learn/flask/first-app");
  await setCode(page, FLASK);
  await runAndWait(page);
  const { panel, frame } = await showApp(page);

  await frame.getByLabel("Name").fill("Ada");
  await frame.getByRole("button", { name: "Add" }).click();
  await expect(frame.locator(".flash")).toHaveText("Added Ada", { timeout: 30_000 });
  await expect(frame.getByRole("listitem")).toHaveText(["Ada"]);
  await expect(panel.getByTestId("preview-address")).toHaveValue("/");
  await panel.getByTestId("preview-log").locator("summary").click();
  await expect(panel.getByTestId("preview-log")).toContainText("POST /add → 302");

  // The flash came from the session cookie: shown once, while the list stays (the app keeps running).
  await panel.getByRole("button", { name: "Reload" }).click();
  await expect(frame.getByRole("listitem")).toHaveText(["Ada"]);
  await expect(frame.locator(".flash")).toHaveCount(0);

  await frame.getByRole("link", { name: "Break it" }).click();
  await expect(frame.locator("body")).toContainText("ZeroDivisionError: division by zero", { timeout: 30_000 });
  await expect(frame.locator("body")).toContainText(/main\.py", line \d+, in boom/);
  await expect(panel.getByTestId("preview-address")).toHaveValue("/boom");

  // Back returns to the list; Run restarts the app with the new code and reloads the page shown.
  await panel.getByRole("button", { name: "Back" }).click();
  await expect(panel.getByTestId("preview-address")).toHaveValue("/");
  await setCode(page, FLASK.replace('"Added "', '"Welcome, "'));
  await runAndWait(page);
  await expect(frame.getByRole("listitem")).toHaveCount(0, { timeout: 30_000 });
  await frame.getByLabel("Name").fill("Grace");
  await frame.getByRole("button", { name: "Add" }).click();
  await expect(frame.locator(".flash")).toHaveText("Welcome, Grace", { timeout: 30_000 });
});

const DJANGO = `import django_setup

django_setup.configure(templates={"home.html": """{% for m in messages %}<p class="msg">{{ m }}</p>{% endfor %}
<form method="post" action="{% url 'rename' %}">{% csrf_token %}<input name="name" aria-label="Name"><button>Save</button></form>"""})

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST


def home(request):
    return render(request, "home.html")


@require_POST
def rename(request):
    messages.success(request, "Saved " + request.POST["name"])
    return redirect("home")


urlpatterns = [path("", home, name="home"), path("rename/", rename, name="rename")]
`;

test("Django: a CSRF-protected form posts, redirects, and the message framework's cookie carries the message", async ({ page }) => {
  test.setTimeout(180_000);
  await signedInLearner(page);
  await openEditor(page, "/learn/django/urls-and-views");
  await setCode(page, DJANGO);
  await runAndWait(page);
  const { panel, frame } = await showApp(page);
  await frame.getByLabel("Name").fill("Grace");
  await frame.getByRole("button", { name: "Save" }).click();
  await expect(frame.locator(".msg")).toHaveText("Saved Grace", { timeout: 30_000 });
  await panel.getByTestId("preview-log").locator("summary").click();
  await expect(panel.getByTestId("preview-log")).toContainText("POST /rename/ → 302");
});

test("the preview's pages run no script and cannot reach the course: no cookies, no posts to /api, no fetch from Python", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signedInLearner(page);
  await openEditor(page, "/learn/flask/first-app");
  const courseRequests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/progress")) courseRequests.push(`${request.method()} ${request.url()}`);
  });
  await page.evaluate(() => (document.cookie = "course-secret=42; path=/"));
  await setCode(
    page,
    `import js
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return """<h1>Hello</h1>
<script>document.body.insertAdjacentHTML("beforeend", "<p id=leak>" + parent.document.cookie + "</p>");
fetch("/leak?" + document.cookie);</script>
<img src="/missing.png" onerror="location = '/leak?' + document.cookie">
<form method="post" action="../../api/progress"><button>Post to the course</button></form>"""


@app.get("/fetch")
def fetch():
    try:
        js.fetch("/api/progress", method="POST")
    except Exception as error:
        return f"refused: {type(error).__name__}"
    return "fetched"
`,
  );
  const { panel, frame } = await showApp(page);
  await expect(frame.getByRole("heading", { name: "Hello" })).toBeVisible({ timeout: 30_000 });
  await panel.getByTestId("preview-log").locator("summary").click();
  await expect(panel.getByTestId("preview-log")).toContainText("GET /missing.png → 404");
  await expect(frame.locator("#leak")).toHaveCount(0);
  await expect(panel.getByTestId("preview-log")).not.toContainText("/leak");

  // A form aimed at the course's own API stays blocked by the preview's form-action.
  await frame.getByRole("button", { name: "Post to the course" }).click();
  // Python in the worker has no fetch: the app's view says so instead of posting with the learner's cookies.
  await panel.getByTestId("preview-address").fill("/fetch");
  await panel.getByRole("button", { name: "Go" }).click();
  await expect(frame.locator("body")).toContainText("refused: ", { timeout: 30_000 });
  expect(courseRequests).toEqual([]);
});
