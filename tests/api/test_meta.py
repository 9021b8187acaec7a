def test_meta_carries_attribution(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/meta").json()
    assert "ESCO" in body["attribution"]
    assert isinstance(body["datasets"], list)


def test_unknown_route_has_the_json_error_shape(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_openapi_is_served(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/openapi.json").json()["info"]["title"] == "krapte"
