"""Screenshots of an HTML report, at a desktop's width and a phone's, taken with the system's Chromium.

    .venv/bin/python tools/screenshot.py [REPORT.html] [OUT-FOLDER]

By default it photographs the seed pair's report (``reports/*.html``, made by
``kzlint align A B --format html``) into ``reports/screenshots/``, which git
ignores. It needs Chromium (``apt-get install chromium``) and Playwright for
Python (the ``test`` extra); Playwright drives the system's browser and never
downloads one. The browser tests launch Chromium with the same function.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_REPORT = REPO / "reports" / "kursiv-xi-article-excerpts--kazinform-xi-article-full.html"
# A headless browser that starts nothing in the background and talks to no server.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}


def chromium_path() -> str | None:
    """Where the system's Chromium is, if it is installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright):  # noqa: ANN001, ANN201 - Playwright's types are optional
    """The system's Chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def main(report: Path = SEED_REPORT, folder: Path = REPO / "reports" / "screenshots") -> list[Path]:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(report.resolve().as_uri())
            for full in (False, True):
                path = folder / f"{report.stem}.{name}{'.full' if full else ''}.png"
                page.screenshot(path=str(path), full_page=full)
                written.append(path)
            page.close()
        browser.close()
    return written


if __name__ == "__main__":
    if chromium_path() is None:
        sys.exit("screenshot: no chromium found (apt-get install chromium)")
    arguments = [Path(arg) for arg in sys.argv[1:3]]
    for path in main(*arguments):
        print(path)
