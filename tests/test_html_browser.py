"""The HTML report in a real browser: Debian's Chromium, headless, driven by Playwright.

They open the committed seed report (test_report.py keeps it fresh) and a
report of hostile articles, and check what a reader would: nothing fails in
the console, nothing is fetched, every finding's link lands on its words,
the filters and the keys work, and the page reads on a phone, in dark
mode, in print and without JavaScript. CI installs Chromium (``.ci/run``);
elsewhere the tests skip, saying why.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXCERPTS, FULL, REPO, kzlint

sys.path.insert(0, str(REPO / "tools"))
from screenshot import WIDTHS, chromium_path, launch  # noqa: E402

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (the test extra)")
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="no chromium on this machine (apt-get install chromium)")

SEED_HTML = REPO / "reports" / f"{EXCERPTS.stem}--{FULL.stem}.html"
HOSTILE = (
    'The minister said <script>window.pwned = 1; alert("a")</script> that trade grew.\n\n'
    'A table cell closed early </td></tr></table><img src=x onerror="window.pwned = 2"> here.\n\n'
    'See [the site](javascript:window.pwned=3) and <a href="javascript:window.pwned=4">this link</a> today.\n'
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


class Visit:
    """A page opened in the browser, with what it logged and what it asked the network for."""

    def __init__(self, browser: object, path: Path, width: int = 1440, height: int = 900, **options: object) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, **options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: object) -> Iterator[Visit]:
    opened = Visit(browser, SEED_HTML)
    yield opened
    opened.close()


def test_the_seed_report_loads_cleanly_and_fetches_nothing(visit: Visit) -> None:
    page = visit.page
    assert page.title().startswith("kzlint report: kursiv-xi-article-excerpts.txt")
    assert visit.errors == []
    assert visit.requests == [SEED_HTML.resolve().as_uri()]
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    assert "Fix in A first" in page.inner_text("#summary")


def test_every_finding_link_lands_on_its_highlighted_words(visit: Visit) -> None:
    page = visit.page
    page.check('input[name="wording"]')  # the wording-only differences too
    links = page.locator(".finding-list li a")
    assert links.count() > 30
    for n in range(links.count()):
        link = links.nth(n)
        link.click()
        key = link.get_attribute("href")[1:]
        target = page.locator(f"#{key}")
        assert target.is_visible(), key
        box = target.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, key
        assert 0 <= box["y"] < page.viewport_size["height"], f"{key} is not scrolled into view"
        lit = page.evaluate(
            "key => { const el = document.getElementById(key); "
            "return el.matches(':target') && (el.matches('.hl') || el.querySelector('.hl') !== null); }", key
        )
        assert lit, f"{key} is not highlighted"
    assert visit.errors == []


def test_the_filters_change_the_counts(visit: Visit) -> None:
    page = visit.page
    shown = page.locator("#shown")
    before = shown.inner_text()
    total = int(before.split(" of ")[1].split()[0])
    page.check('input[name="wording"]')
    assert shown.inner_text() == f"{total} of {total} findings shown"
    page.uncheck('input[name="severity"][value="info"]')
    warnings = page.locator('.finding-list li:is([data-severity="warning"], [data-severity="error"])').count()
    assert shown.inner_text() == f"{warnings} of {total} findings shown"
    page.uncheck('input[name="side"][value="b"]')
    in_a = page.locator('.finding-list li:is([data-severity="warning"], [data-severity="error"])[data-side="a"]').count()
    assert 0 < in_a < warnings and shown.inner_text() == f"{in_a} of {total} findings shown"
    page.select_option('select[name="rule"]', "KZ103")
    assert shown.inner_text() == f"{page.locator('.finding-list li[data-rule=KZ103][data-severity=warning]').count()} of {total} findings shown"
    assert page.locator(".finding-list li:visible").count() == int(shown.inner_text().split()[0])


def test_keys_move_to_the_next_and_previous_finding(visit: Visit) -> None:
    page = visit.page
    page.keyboard.press("j")
    first = page.locator(".finding-list li.current a").get_attribute("href")
    page.keyboard.press("j")
    second = page.locator(".finding-list li.current a").get_attribute("href")
    page.keyboard.press("k")
    assert first != second and page.locator(".finding-list li.current a").get_attribute("href") == first
    assert page.evaluate("location.hash") == first
    for _ in range(40):
        page.keyboard.press("j")
    current, panel = page.locator(".finding-list li.current").bounding_box(), page.locator("#panel").bounding_box()
    assert panel["y"] <= current["y"] and current["y"] + current["height"] <= panel["y"] + panel["height"] + 1, (
        "the panel keeps the current finding in sight"
    )


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_page_fits_the_screen(browser: object, width: str) -> None:
    columns, rows = WIDTHS[width]
    opened = Visit(browser, SEED_HTML, columns, rows)
    page = opened.page
    assert page.evaluate("document.documentElement.scrollWidth") <= columns
    a_cell = page.locator("#passage-1 .row .cell.a").first.bounding_box()
    b_cell = page.locator("#passage-1 .row .cell.b").first.bounding_box()
    side_by_side = a_cell["x"] + a_cell["width"] <= b_cell["x"]
    assert side_by_side == (width == "desktop"), "two columns on a desktop, one under the other on a phone"
    opened.close()


def test_it_reads_without_javascript(browser: object) -> None:
    opened = Visit(browser, SEED_HTML, java_script_enabled=False)
    page = opened.page
    assert "Fix in A first" in page.inner_text("#summary")
    assert page.locator("#passage-1 .cell.a").first.is_visible()
    assert not page.locator("#filters").is_visible(), "the filters need the script"
    link = page.locator("#panel .finding-list li a").first
    link.click()
    key = link.get_attribute("href")[1:]
    assert page.evaluate("key => document.getElementById(key).matches(':target')", key)
    opened.close()


def test_dark_mode_and_print_have_their_own_styles(browser: object) -> None:
    dark = Visit(browser, SEED_HTML, color_scheme="dark")
    background = dark.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert _luminance(background) < 0.2
    dark.page.emulate_media(media="print")
    assert not dark.page.locator("#filters").is_visible()
    assert _luminance(dark.page.evaluate("getComputedStyle(document.body).backgroundColor")) > 0.9
    dark.close()


def test_article_text_never_becomes_markup_or_script(browser: object, tmp_path: Path) -> None:
    a, b, report = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "r.html"
    a.write_text(HOSTILE, encoding="utf-8")
    b.write_text(HOSTILE.replace("trade grew", "trade grew fast").replace("today", "now"), encoding="utf-8")
    assert kzlint("align", str(a), str(b), "--grammar", "off", "-f", "html", "-o", str(report)).returncode in (0, 1)
    opened = Visit(browser, report)
    page = opened.page
    page.check('input[name="wording"]')
    for link in page.locator(".finding-list li a").all():
        link.click()
    page.locator("#texts").get_by_text("this link").first.click()
    assert page.evaluate("window.pwned") is None and opened.dialogs == []
    assert page.locator("script").count() == 1 and page.locator("#texts img, #texts a[href^='javascript']").count() == 0
    text = page.inner_text("#texts")
    assert "<script>window.pwned = 1;" in text and "</td></tr></table><img src=x onerror=" in text
    assert opened.requests == [report.resolve().as_uri()]
    assert opened.errors == []
    opened.close()


def _luminance(css_colour: str) -> float:
    """The brightness of an ``rgb(r, g, b)`` colour, 0 black to 1 white."""
    red, green, blue = (int(part) for part in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
