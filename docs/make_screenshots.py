"""The README's screenshots, from the real reader on the bundled corpus (real figures, stories and claims).

    python docs/make_screenshots.py        (needs cairosvg for the PNGs: pip install cairosvg)

Writes docs/screenshot*.svg and .png: the main screen with a search at 140x42 and at 80x24, the comparison of
"1,000 sappers" across outlets, the story's claims view, and help."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

from tui.app import ReaderApp  # noqa: E402
from tui.paths import bundled_articles_dir  # noqa: E402

WIDE, NARROW = (140, 42), (80, 24)


async def settle(app: ReaderApp, pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause(0.3)


async def shoot(name: str, size: tuple[int, int], keys: list[str], tmp: Path) -> None:
    app = ReaderApp(bundled_articles_dir(), tmp / f"index-{name}", tmp / f"state-{name}.json")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for key in keys:
            if key.startswith("type:"):
                for ch in key[5:]:
                    await pilot.press(ch)
            else:
                await pilot.press(key)
            await settle(app, pilot)
        svg = DOCS / f"{name}.svg"
        app.save_screenshot(filename=svg.name, path=str(DOCS))
    try:
        import cairosvg
    except ImportError:
        print(f"{svg}: written (no cairosvg: no PNG)")
        return
    png = svg.with_suffix(".png")
    cairosvg.svg2png(url=str(svg), write_to=str(png))
    try:  # a screenshot needs few colours: a palette PNG is a third of the size
        from PIL import Image

        Image.open(png).convert("RGB").quantize(colors=128).save(png, optimize=True)
    except ImportError:
        pass
    print(f"{svg.with_suffix('.png')}: written")


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        search = ["slash", "type:sappers", "enter"]
        await shoot("screenshot", WIDE, [*search, "f", "down", "enter"], Path(tmp))
        await shoot("screenshot-narrow", NARROW, search, Path(tmp))
        await shoot("screenshot-compare", WIDE, ["f", "down", "c"], Path(tmp))
        await shoot("screenshot-claims", WIDE, ["C"], Path(tmp))
        await shoot("screenshot-help", WIDE, ["question_mark"], Path(tmp))


if __name__ == "__main__":
    asyncio.run(main())
