from fastapi.testclient import TestClient

import main

client = TestClient(main.app, raise_server_exceptions=False)


def create(name="ada"):
    return client.post("/users", json={"username": name, "password": "correct horse"})


def check_create_hides_hash():
    """POST /users answers 201 with only id and username"""
    main.USERS.clear()
    response = create()
    assert response.status_code == 201, f"Expected 201, got {response.status_code}"
    assert response.json() == {"id": 1, "username": "ada"}, f"Expected only id and username, got {response.json()!r}"


def check_read_hides_hash():
    """GET /users/1 never shows password_hash"""
    main.USERS.clear()
    create()
    response = client.get("/users/1")
    assert response.status_code == 200, f"Expected 200, got {response.status_code}"
    assert "password_hash" not in response.text, "The response still contains password_hash"
    assert response.json() == {"id": 1, "username": "ada"}, f"Got {response.json()!r}"


def check_delete():
    """DELETE answers 204 with no body, then 404"""
    main.USERS.clear()
    create()
    first = client.delete("/users/1")
    assert first.status_code == 204, f"Expected 204, got {first.status_code}"
    assert first.content == b"", f"A 204 must have an empty body, got {first.content!r}"
    second = client.delete("/users/1")
    assert second.status_code == 404, f"Deleting again should be a 404, got {second.status_code}"
