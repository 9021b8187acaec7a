import pytest


def test_home_is_dutch_by_default_and_english_on_request(client) -> None:  # type: ignore[no-untyped-def]
    assert "Vaardigheden, arbeidsmarkt" in client.get("/").text
    assert "Skills, labour market" in client.get("/?lang=en").text


@pytest.mark.browser
def test_language_switch_in_chromium(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.click("text=English")
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(live_server + "/bronnen")  # the cookie keeps the choice
    assert page.locator("html").get_attribute("lang") == "en"
