"""The pages in a real headless Chromium (Debian's ``chromium`` + ``chromium-driver``, driven
by selenium; nothing is downloaded): browsing works, and hostile articles execute nothing.

The app runs under uvicorn on 127.0.0.1 and a free port in a thread of the test process.
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("Debian chromium and chromium-driver are not installed "
                "(apt-get install chromium chromium-driver)", allow_module_level=True)

import uvicorn  # noqa: E402
from fastapi.responses import HTMLResponse  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from onrecord.serve import create_app  # noqa: E402

from serve.conftest import TOKEN, auth, fill  # noqa: E402
from serve.corpus import all_articles, harbour, hostile  # noqa: E402

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900")

# Posted through the API as plain text, so the text keeps every character of its markup.
HOSTILE_TEXT = (
    "City hall update <script>document.title='pwned';window.pwned=1</script>\n\n"
    "<img src=x onerror=\"window.pwned=2;alert(2)\"> A photo caption.\n\n"
    "\"The plan ends here</mark><b onmouseover=alert(8)>now</b> and we move on,\" "
    "Mayor Mallory Smith said on Tuesday.\n\n"
    "<a href=\"javascript:window.pwned=4;alert(4)\">Read more</a>\n"
)


def probe() -> HTMLResponse:
    """A test-only page with an inline script: the CSP header must stop it in the browser."""
    return HTMLResponse("<!doctype html><title>probe</title><p>probe</p>"
                        "<script>window.pwned=1;document.title='pwned'</script>")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, analyzer) -> Iterator[str]:
    db = fill(tmp_path_factory.mktemp("browser") / "live.db", [*all_articles(), hostile()])
    app = create_app(db, token=TOKEN, analyzer=analyzer)
    app.add_api_route("/probe", probe, include_in_schema=False)
    port = free_port()
    live = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                         lifespan="off"))
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not live.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    live.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator["webdriver.Chrome"]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tmp_path_factory.mktemp("chromium-profile")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.set_capability("unhandledPromptBehavior", "ignore")   # so a dialog can be seen, not dismissed
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def no_dialog(driver) -> bool:
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def assert_inert(driver, url: str) -> None:
    """Nothing in the page ran or loaded: no dialog, no global, title untouched, no script,
    image or javascript: link in the DOM, no CSP violation reported."""
    assert no_dialog(driver), url
    assert driver.execute_script("return typeof window.pwned") == "undefined", url
    assert driver.title.endswith(" · onrecord"), (url, driver.title)    # ours, not set by a script
    assert driver.find_elements(By.CSS_SELECTOR, "script, img, iframe, object, embed") == [], url
    assert driver.find_elements(By.CSS_SELECTOR, "[href^='javascript' i], [onerror], [onload], [onmouseover]") == [], url
    problems = [e["message"] for e in driver.get_log("browser")
                if "Content Security Policy" in e["message"] or e["level"] == "SEVERE"]
    assert problems == [], (url, problems)


def test_the_browser_enforces_the_policy(server, browser):
    # The control for the tests below: an inline script in a page of this app does not run,
    # and the browser reports the violation it blocked.
    browser.get(server + "/probe")
    assert browser.title == "probe"
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert any("Content Security Policy" in e["message"] for e in browser.get_log("browser"))


def test_home_search_article_speaker(server, browser):
    browser.get(server + "/")
    assert browser.title.startswith("Who said what")
    counts = browser.find_element(By.CSS_SELECTOR, ".counts").text
    assert "ARTICLES" in counts.upper() and "5" in counts
    box = browser.find_element(By.CSS_SELECTOR, ".big-search input[name=q]")
    box.send_keys("reopen")
    box.submit()
    WebDriverWait(browser, 10).until(ec.url_contains("/search?"))
    results = browser.find_elements(By.CSS_SELECTOR, ".results .statement")
    assert len(results) == 1 and "the harbour would reopen in May" in results[0].text
    assert "Ana Ruiz" in results[0].text and "2024-03-05" in results[0].text
    results[0].find_element(By.CSS_SELECTOR, "a.to-article").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/articles/"))
    assert browser.current_url.endswith(f"/articles/{harbour().id}#st-s1")
    mark = browser.find_element(By.CSS_SELECTOR, "mark#st-s1")
    assert mark.is_displayed() and "the harbour would reopen in May" in mark.text
    label = mark.find_element(By.CSS_SELECTOR, ".who")
    assert label.text == "Ana Ruiz"
    label.click()
    WebDriverWait(browser, 10).until(ec.title_contains("Ana Ruiz"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect.bar")) == 6
    assert_inert(browser, browser.current_url)


def test_filters_in_the_search_form(server, browser):
    browser.get(server + "/search")
    browser.find_element(By.NAME, "speaker").send_keys("Velde")
    browser.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=direct]").click()
    browser.find_element(By.CSS_SELECTOR, ".filters button").click()
    WebDriverWait(browser, 10).until(ec.url_contains("speaker=Velde"))
    texts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".results blockquote")]
    assert texts == ["The budget is balanced at last"]       # quote marks come from CSS


def test_hostile_posted_article_executes_nothing(server, browser):
    response = httpx.post(server + "/api/articles", headers=auth(), timeout=60,
                          json={"text": HOSTILE_TEXT, "url": "javascript:window.pwned=6"})
    assert response.status_code == 201, response.text
    browser.get(server + response.json()["page"])
    assert_inert(browser, browser.current_url)
    body = browser.find_element(By.CSS_SELECTOR, ".text").text
    assert "<script>document.title='pwned';window.pwned=1</script>" in body
    assert '<img src=x onerror="window.pwned=2;alert(2)">' in body
    assert "The plan ends here</mark><b onmouseover=alert(8)>now</b> and we move on" in body
    marks = browser.find_elements(By.CSS_SELECTOR, ".text mark")
    assert any("</mark>" in m.text for m in marks), [m.text for m in marks]
    assert any("Mallory Smith" in m.text for m in marks)
    assert browser.find_elements(By.CSS_SELECTOR, "a.source") == []     # javascript: is not linked


def test_hostile_record_executes_nothing_anywhere(server, browser):
    article = hostile()
    browser.get(f"{server}/articles/{article.id}")
    assert_inert(browser, browser.current_url)
    mark = browser.find_element(By.CSS_SELECTOR, ".text mark")
    assert "it ends here</mark><script>window.pwned=3</script> or not" in mark.text
    assert mark.find_element(By.CSS_SELECTOR, ".who").text == "<b>Mallory</b> <img src=x onerror=alert(3)>"
    assert browser.find_element(By.TAG_NAME, "h1").text == "<script>window.pwned=5</script>Hostile"
    for path in ("/", "/search?q=ends", "/articles", "/speakers?q=mallory"):
        browser.get(server + path)
        assert_inert(browser, path)
    browser.find_element(By.CSS_SELECTOR, "table.list a").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/speakers/"))
    assert_inert(browser, browser.current_url)
    assert "<b>Mallory</b>" in browser.find_element(By.TAG_NAME, "h1").text
