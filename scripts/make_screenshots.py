"""Screenshots of krapte's main pages at phone (360×740) and desktop (1280×900) width, for docs/screenshots/.

    python scripts/make_screenshots.py [--out docs/screenshots] [--only poort,regio]

Sets up a fresh data dir in a temporary directory exactly as ``krapte setup`` does (taxonomy, labour, registry and
the labelled demo vacancies and courses; about a minute), creates an advisor with one client and an analyst
through the account service, serves the app on loopback (:mod:`krapte.web.devserver`, the browser tests' server)
and drives Debian's Chromium through Playwright: the Gouden Poort route from the example CV
``tests/fixtures/documents/cv_nl.pdf``, the advisor's workspace, and the regional, registry, taxonomy and
extraction pages. PNGs are reduced to a 256-colour palette with Pillow to stay small. Needs no network.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CV = ROOT / "tests" / "fixtures" / "documents" / "cv_nl.pdf"
CHROMIUM = os.environ.get("KRAPTE_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "screenshots only, never used elsewhere"
WIDTHS = {"telefoon": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
#: the longest page kept whole; beyond this a full-page shot is cut (keeps the PNG small and readable)
MAX_HEIGHT = {"telefoon": 2600, "desktop": 1800}
MAX_BYTES = 150 * 1024
EXTRACT_TEXT = (
    "Wij zoeken een monteur warmtepompen. Je installeert en onderhoudt warmtepompen en zonnepanelen bij klanten "
    "thuis, leest technische tekeningen en werkt veilig volgens de NEN 3140. Rijbewijs B is nodig."
)


def prepare(data_dir: Path) -> tuple[Any, dict[str, str]]:
    """A set-up data dir with an advisor (with one client) and an analyst; returns the app and the account names."""
    os.environ["KRAPTE_DATA_DIR"] = str(data_dir)
    os.environ["KRAPTE_DATABASE_URL"] = f"sqlite:///{data_dir / 'krapte.sqlite'}"
    os.environ.setdefault("KRAPTE_LANG", "nl")
    from krapte.api.app import create_app
    from krapte.services import Role, accounts
    from krapte.services.system import load_defaults, open_context
    from krapte.settings import Settings

    settings = Settings.from_env()
    root = open_context(settings)
    started = time.perf_counter()
    load_defaults(root, progress=lambda m: print(f"  {m}", file=sys.stderr))
    print(f"set up in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    names = {
        "advisor": "adviseur@werkcentrum.example",
        "client": "k.jansen@example.nl",
        "analyst": "analist@example.nl",
    }
    if any(u.username == names["advisor"] for u in accounts.list_users(root)):  # a kept data dir: made before
        root.store.dispose()
        return create_app(settings), names
    advisor = accounts.create_user(root, names["advisor"], role=Role.ADVISOR, password=PASSWORD)
    client = accounts.create_user(root, names["client"], role=Role.JOB_SEEKER, password=PASSWORD)
    accounts.create_user(root, names["analyst"], role=Role.ANALYST, password=PASSWORD)
    accounts.add_client(root, advisor.id, client.id)
    root.store.dispose()
    return create_app(settings), names


def save_png(png: bytes, path: Path) -> int:
    """Write ``png`` reduced to a 256-colour palette (Pillow, if installed); returns the size in bytes."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow is a dev dependency
        path.write_bytes(png)
        return len(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    for colors in (256, 128, 64):  # fewer colours until it is under the budget (text stays sharp: no dithering)
        image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            path, optimize=True
        )
        if path.stat().st_size <= MAX_BYTES:
            break
    return path.stat().st_size


class Shooter:
    """Takes one named screenshot per page and width into ``out``."""

    def __init__(self, browser: Any, base: str, out: Path) -> None:
        self.browser, self.base, self.out = browser, base, out
        self.taken: list[tuple[str, int]] = []

    def context(self, width: str, account: str | None = None) -> Any:
        viewport = WIDTHS[width]
        ctx = self.browser.new_context(viewport=viewport, is_mobile=viewport["width"] < 500, locale="nl-NL")
        ctx.set_default_timeout(180_000)  # the first CV loads the extractor's models
        if account:
            page = ctx.new_page()
            page.goto(f"{self.base}/inloggen")
            page.fill("input[name=username]", account)
            page.fill("input[name=password]", PASSWORD)
            page.click("#sign-in-form button[type=submit]")
            page.wait_for_load_state()
            page.close()
        return ctx

    def shot(self, page: Any, name: str, width: str, full: bool = True) -> None:
        page.wait_for_load_state("networkidle")
        height = page.evaluate("document.documentElement.scrollHeight") if full else WIDTHS[width]["height"]
        clip = {"x": 0, "y": 0, "width": WIDTHS[width]["width"], "height": min(height, MAX_HEIGHT[width])}
        png = page.screenshot(full_page=True, clip=clip)
        path = self.out / f"{name}-{width}.png"
        size = save_png(png, path)
        self.taken.append((path.name, size))
        print(f"{path.name}: {size / 1024:.0f} KB", file=sys.stderr)


def poort(s: Shooter, width: str) -> None:
    """The Gouden Poort route from the example CV: start, skills, occupations, plan, vacancies, next step."""
    ctx = s.context(width)
    page = ctx.new_page()
    page.goto(f"{s.base}/poort")
    s.shot(page, "poort-1-start", width)
    page.set_input_files("#cv-file", str(CV))
    page.click("#cv-form button[type=submit]")
    page.wait_for_selector("#skills-edit")
    page.fill("#gemeente", "Utrecht")
    page.select_option("#travel", "30")
    page.fill("#hours", "32")
    s.shot(page, "poort-2-vaardigheden", width)
    page.click("#to-cards")
    page.wait_for_selector(".card")
    s.shot(page, "poort-3-beroepen", width)
    page.locator(".card button.choose").first.click()
    page.wait_for_selector("#plan, .plan, h1")
    s.shot(page, "poort-4-plan", width)
    page.click("text=Bekijk vacatures")
    page.wait_for_selector("h1:has-text('Vacatures die nu bij je passen')")
    s.shot(page, "poort-5-vacatures", width)
    page.click("text=Naar de volgende stap")
    page.wait_for_selector("#werkcentrum")
    s.shot(page, "poort-6-volgende-stap", width)
    ctx.close()


def advisor(s: Shooter, width: str, names: dict[str, str]) -> None:
    """The advisor's client list, and a client's profile made from a past occupation (pathways, shortlist)."""
    ctx = s.context(width, names["advisor"])
    page = ctx.new_page()
    page.goto(f"{s.base}/adviseur")
    page.wait_for_selector("#clients")
    if page.locator("a[href^='/adviseur/profiel/']").count() == 0:
        page.fill("#occupation", "elektricien")
        page.fill("#gemeente", "Utrecht")
        page.click("#new-profile button[type=submit]")
        page.wait_for_selector("#shortlist")
        page.goto(f"{s.base}/adviseur")
    s.shot(page, "adviseur-1-clienten", width)
    page.locator("a[href^='/adviseur/profiel/']").first.click()
    page.wait_for_selector("#shortlist")
    s.shot(page, "adviseur-2-client", width)
    ctx.close()


def public(s: Shooter, width: str, names: dict[str, str]) -> None:
    """The regional, registry and taxonomy pages, signed in as an analyst."""
    ctx = s.context(width, names["analyst"])
    page = ctx.new_page()
    for path, name in (
        ("/regio", "regio"),
        ("/regio/kaart", "regio-kaart"),
        ("/regio/programmas", "regio-programmas"),
        ("/maatregelen/kpi", "kpi-dashboard"),
        ("/maatregelen", "maatregelen"),
        ("/beroepen?q=warmtepomp", "beroepen-zoeken"),
    ):
        page.goto(s.base + path)
        s.shot(page, name, width)
    ctx.close()


def extraction(s: Shooter, width: str) -> None:
    """The extraction page with the skills found in a short vacancy text."""
    ctx = s.context(width)
    page = ctx.new_page()
    page.goto(f"{s.base}/extractie")
    page.fill("#text", EXTRACT_TEXT)
    page.click("#extract-form button[type=submit]")
    page.wait_for_load_state()
    s.shot(page, "extractie", width)
    ctx.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", default="poort,adviseur,overig,extractie", help="comma-separated groups of pages")
    parser.add_argument("--data-dir", type=Path, help="keep the set-up data here and reuse it (default: a temp dir)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM} (set KRAPTE_CHROMIUM)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from krapte.web.devserver import serve_in_thread

    args.out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="krapte-screens-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        data_dir.mkdir(parents=True, exist_ok=True)
        app, names = prepare(data_dir)
        groups: list[tuple[str, Callable[[Shooter, str], None]]] = [
            ("poort", poort),
            ("adviseur", lambda s, w: advisor(s, w, names)),
            ("overig", lambda s, w: public(s, w, names)),
            ("extractie", extraction),
        ]
        with serve_in_thread(app) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            shooter = Shooter(browser, base, args.out)
            for group, run in groups:
                if group in wanted:
                    for width in WIDTHS:
                        run(shooter, width)
            browser.close()
        app.state.store.dispose()
    from krapte.taxonomy import embedding

    mode = "embeddings and lexical" if embedding.available() else "lexical only (KRAPTE_NO_EMBEDDINGS=1)"
    print(f"skill extraction: {mode}", file=sys.stderr)
    total = sum(size for _, size in shooter.taken)
    print(f"{len(shooter.taken)} screenshots, {total / 1024:.0f} KB in all, in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
