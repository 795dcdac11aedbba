// @vitest-environment node
import { afterAll, describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom } from "@/lib/content/load";
import { PreviewSession, type BrowserResponse } from "@/lib/preview/session";
import { answerPreview, startPreview, type PyodideLike } from "@/lib/runner/browser/run-in-pyodide";
import { nodePyodide, runnerFiles } from "@/tests/support/pyodide-node";

// The live preview's Python side with the page's translation (lib/preview/session.ts), in Pyodide under Node with
// the browser's bundle: the app is imported once and keeps its state between requests; the session's cookie
// jar carries a Flask session and Django's CSRF cookie; a crashing view and a broken import show tracebacks.

const course = loadCourseFrom(contentRoot());
const ID = "0123456789abcdef0123";
const PREFIX = `/preview/${ID}`;
let pyodide: PyodideLike | undefined;

async function preview(code: string) {
  // Django configures its settings once per interpreter, as the preview engine's fresh worker handles.
  pyodide = await nodePyodide();
  const { start, spent } = await startPreview(pyodide, runnerFiles, { code, support: course.support });
  const python = pyodide;
  const session = new PreviewSession(ID, async (request) => answerPreview(python, request));
  return { start, spent, session };
}

const enc = new TextEncoder();
const get = (session: PreviewSession, path: string) =>
  session.handle({
    method: "GET",
    url: `https://crossroads.test${PREFIX}${path}`,
    headers: [["Accept", "text/html"]],
    body: new ArrayBuffer(0),
  });
const post = (session: PreviewSession, path: string, form: string) =>
  session.handle({
    method: "POST",
    url: `https://crossroads.test${PREFIX}${path}`,
    headers: [["Content-Type", "application/x-www-form-urlencoded"]],
    body: enc.encode(form).buffer as ArrayBuffer,
  });
const text = (response: BrowserResponse) => new TextDecoder().decode(response.body);
const header = (response: BrowserResponse, name: string) => response.headers.find(([key]) => key.toLowerCase() === name)?.[1];

afterAll(() => {
  pyodide = undefined;
});

const FLASK = `
from flask import Flask, flash, get_flashed_messages, redirect, render_template_string, request, url_for

app = Flask(__name__)
app.secret_key = "preview-test"
NAMES = []
PAGE = """{% for m in get_flashed_messages() %}<p class="flash">{{ m }}</p>{% endfor %}
<ul>{% for n in names %}<li>{{ n }}</li>{% endfor %}</ul>
<form method="post" action="{{ url_for('add') }}"><input name="name"><button>Add</button></form>
<a href="/boom">boom</a>"""


@app.get("/")
def index():
    return render_template_string(PAGE, names=NAMES)


@app.post("/add")
def add():
    NAMES.append(request.form["name"])
    print("added", request.form["name"])
    flash(f"Added {request.form['name']}")
    return redirect(url_for("index"))


@app.get("/boom")
def boom():
    return 1 / 0
`;

describe("the live preview in Pyodide", () => {
  it("Flask: a form post redirects inside the preview, the app keeps its list, the session cookie carries the flash", async () => {
    const { start, session } = await preview(FLASK);
    expect(start).toEqual({ error: null, printed: "" });
    const page = await get(session, "/");
    expect(page.status).toBe(200);
    // Links and form actions the app writes from the root stay inside the preview.
    expect(text(page)).toContain(`action="${PREFIX}/add"`);
    expect(text(page)).toContain(`href="${PREFIX}/boom"`);

    const added = await post(session, "/add", "name=Ada");
    expect(added.status).toBe(302);
    expect(header(added, "location")).toBe(`${PREFIX}/`);
    expect(header(added, "set-cookie"), "cookies stay in the page's jar").toBeUndefined();
    expect(session.jar.header()).toMatch(/^session=/);

    const after = await get(session, "/");
    expect(text(after)).toContain('<p class="flash">Added Ada</p>');
    expect(text(after)).toContain("<li>Ada</li>");
    // The flash is shown once; the list stays, since the app kept running.
    const again = await get(session, "/");
    expect(text(again)).not.toContain("flash");
    expect(text(again)).toContain("<li>Ada</li>");
  }, 120_000);

  it("Flask: a view that raises answers 500 with its traceback, pointing at the learner's line", async () => {
    const { session } = await preview(FLASK);
    const log: string[] = [];
    const logged = new PreviewSession(
      ID,
      (request) => Promise.resolve(answerPreview(pyodide!, request)),
      (entry) => log.push(`${entry.method} ${entry.target} ${entry.status}`),
    );
    const response = await get(logged, "/boom");
    expect(response.status).toBe(500);
    expect(text(response)).toMatch(
      /^Your view raised an exception \(main\.py, line \d+, in boom\):\nZeroDivisionError: division by zero\n/,
    );
    expect(text(response), "the preview's own frames are not the learner's business").not.toContain("crossroads_preview.py");
    expect(text(response)).toMatch(/File ".*main\.py", line \d+, in boom/);
    expect(text(response)).toContain("ZeroDivisionError: division by zero");
    expect(log).toEqual(["GET /boom 500"]);
    expect((await get(session, "/")).status, "the app keeps answering").toBe(200);
  }, 120_000);

  it("an app that does not import shows the import's traceback on every page", async () => {
    const { start, session } = await preview("from flask import Flask\napp = Flask(__name__)\nundefined_name\n");
    expect(start.error).toContain("NameError: name 'undefined_name' is not defined");
    const response = await get(session, "/anything");
    expect(response.status).toBe(500);
    expect(text(response)).toContain("Your app did not start");
    expect(text(response)).toContain("NameError");
  }, 120_000);

  it("Django: a CSRF-protected form posts with the token and cookie from the jar, then redirects and shows the message", async () => {
    const code = `
import django_setup

django_setup.configure(templates={"form.html": """{% for m in messages %}<p class="msg">{{ m }}</p>{% endfor %}
<form method="post" action="{% url 'rename' %}">{% csrf_token %}<input name="name"><button>Save</button></form>"""})

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST


def home(request):
    return render(request, "form.html")


@require_POST
def rename(request):
    messages.success(request, "Saved " + request.POST["name"])
    return redirect("home")


urlpatterns = [path("", home, name="home"), path("rename/", rename, name="rename")]
django_setup.migrate()
`;
    const { start, spent, session } = await preview(code);
    expect(start.error).toBeNull();
    expect(spent, "Django makes the preview's interpreter single-use").toBe(true);
    const form = text(await get(session, "/"));
    expect(form).toContain(`action="${PREFIX}/rename/"`);
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(form)?.[1];
    expect(token).toBeTruthy();
    expect(session.jar.header()).toMatch(/csrftoken=/);

    const refused = await post(session, "/rename/", "name=Grace");
    expect(refused.status, "without the token Django refuses the post").toBe(403);
    const saved = await post(session, "/rename/", `name=Grace&csrfmiddlewaretoken=${token}`);
    expect(saved.status).toBe(302);
    expect(header(saved, "location")).toBe(`${PREFIX}/`);
    expect(header(saved, "x-frame-options"), "Django's DENY would refuse the panel's frame").toBeUndefined();
    expect(text(await get(session, "/"))).toContain('<p class="msg">Saved Grace</p>');
  }, 120_000);
});
