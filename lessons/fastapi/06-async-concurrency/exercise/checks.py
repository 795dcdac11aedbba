import ast
import time
from urllib.parse import quote

from crossroads_checks import (dotted_name, expect, expect_json, find_calls, fresh_word, keyword_argument, last_name, module_functions,
                               send_together)

SERVICE_SECONDS = 0.3  # the starter's wait for the weather service
TOGETHER = 5  # requests sent at the same moment
# All five together must be answered within this. One after another they take at least
# 5 x 0.3 = 1.5 s, so a blocked event loop can never pass, and a loaded machine has 0.6 s of slack.
FAST_ENOUGH = 0.9
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]
FIXES = ("Wait with `await asyncio.sleep(...)`, or make the endpoint a plain `def` (FastAPI runs it in a thread pool), "
         "or hand the blocking call to a thread with `await asyncio.to_thread(function, arguments)`.")


def forecast_for(city):
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


def expect_forecast(response, city):
    if response.status == 500:
        lines = [line for line in response.text.splitlines() if line.strip()]
        error = lines[-1].strip() if len(lines) > 1 else "an error"
        tip = (" If you hand a function to asyncio.to_thread or run_in_threadpool, pass the function and its arguments "
               "separately: `to_thread(time.sleep, SERVICE_SECONDS)`, not `to_thread(time.sleep(SERVICE_SECONDS))`, "
               "which calls it at once and passes on its result.") if "not callable" in error else ""
        expect(False, f"{response.request} failed with 500: your endpoint raised {error}.{tip} The traceback is below.",
               expected="status 200", response=response)
    expect(response.status == 200, f"{response.request} should answer 200, not {response.status}", expected="status 200", response=response)
    expect_json(response, {"city": city, "forecast": forecast_for(city)})


def waits(function, seen=()):
    """Whether a function of main.py sleeps (time.sleep, asyncio.sleep, ...), itself or through another of its functions."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            name = dotted_name(node.func)
            if name.split(".")[-1] == "sleep":
                return True
            helper = module_functions().get(name)
            if helper is not None and helper.name not in seen and waits(helper, (*seen, function.name)):
                return True
    return False


def wait_deferred():
    """The line of a background task given the wait (BackgroundTasks.add_task or BackgroundTask(...)), or None.

    The checks' server hands over an answer once the app has finished with the request, background tasks
    included, so the timing alone cannot tell; a real server (Uvicorn) sends the answer before they run.
    """
    calls = find_calls("add_task") + [node for node in ast.walk(ast.Module(body=list(module_functions().values()), type_ignores=[]))
                                      if isinstance(node, ast.Call) and last_name(node.func) == "BackgroundTask"]
    for call in calls:
        task = call.args[0] if call.args else keyword_argument(call, "func")
        if task is None:
            continue
        # The task itself, or what it wraps: functools.partial(time.sleep, ...), lambda: time.sleep(...)
        for node in ast.walk(task):
            name = dotted_name(node) if isinstance(node, (ast.Name, ast.Attribute)) else ""
            helper = module_functions().get(name)
            if name.split(".")[-1] == "sleep" or (helper is not None and waits(helper)):
                return call.lineno
    return None


def check_forecast(client):
    """GET /forecast/{city} answers with the city and its forecast"""
    city = fresh_word()
    expect_forecast(client.get(f"/forecast/{quote(city)}"), city)


def check_still_waits(client):
    """Each request still waits for the weather service (about 0.3 s)"""
    city = fresh_word()
    started = time.monotonic()
    response = client.get(f"/forecast/{quote(city)}")
    seconds = time.monotonic() - started
    expect_forecast(response, city)
    expect(seconds >= SERVICE_SECONDS * 0.8,
           f"GET /forecast/{city} answered in {seconds:.2f} s, so it no longer waits for the weather service, which takes "
           f"{SERVICE_SECONDS} s to answer. Keep the wait (and SERVICE_SECONDS as given), but stop it from blocking. If you "
           "wrote `asyncio.sleep(...)`, put `await` in front of it: without `await` it only makes a coroutine and never waits "
           "(Python warns \"coroutine 'sleep' was never awaited\").",
           expected=f"about {SERVICE_SECONDS} s", actual=f"{seconds:.2f} s")
    line = wait_deferred()
    expect(line is None,
           f"Line {line} hands the wait for the weather service to a background task. A background task runs after the answer "
           "has been sent, so on a real server every visitor would get a forecast before the service had answered (the "
           "checks' server only looks slow here because it finishes the task before handing over the answer). Keep the "
           f"wait inside the request, and stop it from blocking instead. {FIXES}",
           expected="the wait done before the endpoint answers", actual=f"a background task on line {line}")


def check_requests_overlap(client):
    """Five requests sent at once are all answered in about the time of one (under 0.9 s, not 5 x 0.3 s)"""
    for _ in range(2):  # a second try, in case the machine was busy the first time
        cities = [fresh_word() for _ in range(TOGETHER)]
        responses, seconds = send_together(client, "GET", [f"/forecast/{quote(city)}" for city in cities])
        for city, response in zip(cities, responses):
            expect_forecast(response, city)
        if seconds < FAST_ENOUGH:
            return
    each = ", ".join(f"{response.seconds:.2f}" for response in sorted(responses, key=lambda response: response.seconds))
    expect(False,
           f"{TOGETHER} requests sent at once took {seconds:.2f} s in all, close to {TOGETHER} x {SERVICE_SECONDS} s: your app "
           "answered them one after another. Something in your `async def` endpoint blocks the event loop while it waits "
           f"(`time.sleep`, or a plain function that calls it), so no other request can run meanwhile. {FIXES}",
           expected=f"all {TOGETHER} answered within {FAST_ENOUGH} s", actual=f"{seconds:.2f} s in all; each request took (s): {each}")
