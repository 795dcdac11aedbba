# The reference tests grouped as methods of a pytest-style test class: pytest collects `Test*` classes
# (without an __init__) and runs each `test*` method on a fresh instance, passing `client` the same way.


class TestTasks:
    def test_create_task(self, client):
        response = client.post("/api/tasks", json={"title": "Read"})
        assert response.status_code == 201
        assert response.get_json()["title"] == "Read"

    def test_missing_task(self, client):
        response = client.get("/api/tasks/999")
        assert response.status_code == 404
