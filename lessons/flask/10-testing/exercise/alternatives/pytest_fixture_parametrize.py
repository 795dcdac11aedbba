# Uses pytest's tools: a yield fixture that creates a task through `client`, @pytest.mark.parametrize
# over titles (each case runs as its own test) and pytest.raises for the body of a missing task.
import pytest


@pytest.fixture
def created(client):
    response = client.post("/api/tasks", json={"title": "Read"})
    yield response


def test_create_task(created):
    assert created.status_code == 201
    assert created.get_json()["title"] == "Read"


@pytest.mark.parametrize("title", ["Read", "Call the plumber"])
def test_created_task_can_be_fetched(client, title):
    task = client.post("/api/tasks", json={"title": title}).get_json()
    again = client.get(f"/api/tasks/{task['id']}")
    assert again.status_code == 200
    assert again.get_json() == task


def test_missing_task(client):
    response = client.get("/api/tasks/999")
    assert response.status_code == 404
    with pytest.raises(KeyError):
        response.get_json()["title"]
