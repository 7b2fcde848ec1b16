"""The project page in a real browser (Debian's Chromium driven by Playwright): two projects made with
the real CLI on one data dir, an English one (title with markup in it, not exported) and a Chinese one
with clips (exported once, shared by every test here)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from .conftest import Cli, private_env, write_clip, write_song

pytestmark = pytest.mark.slow

EN_TITLE = "Neon <script>alert(1)</script> & <b>bold</b>"
ZH_TITLE = "夏日海边"


def _chromium() -> str:
    path = (
        os.environ.get("SKILL_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not path:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (scripts/setup.sh installs it with the dev extra)")
        pytest.skip("chromium is not installed")
    return path


@dataclass
class Project:
    link: str
    data: dict[str, Any]
    timeline: dict[str, Any]  # what `state --json` says of it: the marks must match this
    video: Path | None = None

    @property
    def edit(self) -> dict[str, Any]:
        edit: dict[str, Any] = self.data["edit"]
        return edit


@dataclass
class Projects:
    en: Project
    zh: Project
    cli: Cli


def _data(link: str) -> dict[str, Any]:
    base, _, query = link.partition("/workspace/claim?")
    r = httpx.get(f"{base}/workspace/claim/data?{query}", trust_env=False, timeout=30)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Projects]:
    home = tmp_path_factory.mktemp("pagehome")
    media = home / "media"
    media.mkdir()
    song = write_song(media / "song.wav")
    red = write_clip(media / "red.mp4", (220, 40, 40))
    blue = write_clip(media / "blue.mp4", (40, 90, 230))
    cli = Cli(home, private_env(home))
    cli.env["SKILL_AUTO_EXPORT"] = "0"
    try:
        cli.json("say", "use this song", "--file", str(song))
        cli.json("say", "sync the visuals to the beat and make the best 6 second highlight")
        cli.json("say", f'add the title "{EN_TITLE}"')
        en_state = cli.json("state")
        cli.json("new", "summer-trip")
        cli.json("say", "用这些素材", "--file", str(song), "--file", str(red), "--file", str(blue))
        cli.json("say", f"按节拍卡点，做一个最精彩的 6 秒视频，加标题“{ZH_TITLE}”")
        out = home / "zh.mp4"
        exported = cli.json("export", "-o", str(out))
        assert exported["link"], exported
        zh_state = cli.json("state")
        yield Projects(
            Project(en_state["link"], _data(en_state["link"]), en_state["timeline"]),
            Project(exported["link"], _data(exported["link"]), zh_state["timeline"], Path(exported["path"])),
            cli,
        )
    finally:
        cli.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def _open(browser: Any, link: str, width: int = 1280, height: int = 900) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.dialogs = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(link)
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    return page


def _marks(page: Any, kind: str) -> int:
    count: int = page.locator(f"[data-mark={kind}]").count()
    return count


def test_english_page_shows_markup_as_text_and_draws_every_mark(projects: Projects, browser: Any) -> None:
    en = projects.en
    assert en.timeline["cuts_s"], "the highlight has cuts to draw"
    page = _open(browser, en.link)
    try:
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").inner_text() == EN_TITLE  # shown as text, never run or parsed
        assert page.locator("#name b").count() == 0 and page.locator("#edit b").count() == 0
        assert page.evaluate("document.scripts.length") == 1  # only the page's own script
        assert page.dialogs == [] and page.errors == []  # type: ignore[attr-defined]
        assert EN_TITLE in page.locator(".text-span").first.inner_text()
        assert page.locator("#lang").inner_text() == "English"
        # the header tells the song's tempo as `state --json` has it (it said "– BPM" on every page)
        assert f"· {round(en.timeline['song']['bpm'])} BPM ·" in page.locator("#summary").inner_text()
        assert _marks(page, "beat") == len(en.timeline["beats_s"])
        assert _marks(page, "downbeat") == len(en.timeline["downbeats_s"])
        assert _marks(page, "cut") == len(en.timeline["cuts_s"])
        assert _marks(page, "shot") == len(en.timeline["shots"]) == len(en.timeline["cuts_s"]) + 1
        assert _marks(page, "excerpt") == 1
        assert page.locator("#no-video").is_visible()  # not exported: says so, offers the export
        assert page.locator("#export").is_enabled()
    finally:
        page.close()


def test_chinese_page_shows_the_poster_and_downloads_the_mp4(projects: Projects, browser: Any) -> None:
    import numpy as np
    from PIL import Image

    zh = projects.zh
    page = _open(browser, zh.link)
    try:
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        assert page.locator("h1").inner_text() == ZH_TITLE
        assert page.locator("#download").inner_text() == "下载 MP4"
        assert page.locator("#lang").inner_text() == "简体中文"
        assert page.locator("#project").inner_text() == "项目 summer-trip"  # the project's own name
        video = page.locator("#video")
        assert video.is_visible()
        page.wait_for_function(
            "() => { const v = document.getElementById('video'); return v && v.poster; }", timeout=10_000
        )
        luma = np.asarray(Image.open(io.BytesIO(video.screenshot())).convert("L"))
        bright = float((luma > 40).mean())
        assert bright > 0.3, f"the player looks black ({bright:.0%} lit)"
        poster = page.request.get(urljoin(page.url, video.get_attribute("poster")))
        assert poster.status == 200 and poster.headers["content-type"] == "image/jpeg"
        picture = Image.open(io.BytesIO(poster.body())).convert("L")
        assert max(picture.size) <= 720 and float(np.asarray(picture).mean()) > 40  # a real frame, not black
        href = page.locator("#download").get_attribute("href")
        fetched = page.request.get(urljoin(page.url, href))
        assert fetched.status == 200 and fetched.headers["content-type"] == "video/mp4"
        assert "attachment" in fetched.headers.get("content-disposition", "")
        assert fetched.body()[4:8] == b"ftyp"
        assert zh.video is not None
        assert hashlib.sha256(fetched.body()).digest() == hashlib.sha256(zh.video.read_bytes()).digest()
        assert _marks(page, "beat") == len(zh.timeline["beats_s"])
        assert _marks(page, "cut") == len(zh.timeline["cuts_s"]) > 0
        thumbs = page.locator(".shot img")
        assert thumbs.count() == len(zh.edit["shots"])  # every clip shot has its picture
        page.wait_for_function(
            "() => [...document.querySelectorAll('.shot img')].every(i => i.complete && i.naturalWidth > 0)",
            timeout=15_000,
        )
    finally:
        page.close()


def test_phone_width_fits_without_sideways_scrolling(
    projects: Projects, browser: Any, tmp_path: Path
) -> None:
    page = _open(browser, projects.zh.link, width=390, height=844)
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        for selector in ("#video", "#download", "#export", ".strip", ".overview"):
            box = page.locator(selector).bounding_box()
            assert box is not None and box["width"] > 0, selector
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 0.5, selector
        assert _marks(page, "cut") == len(projects.zh.timeline["cuts_s"])
        page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)  # an artefact, not kept in git
    finally:
        page.close()


def test_export_again_shows_progress_then_the_new_video(projects: Projects, browser: Any) -> None:
    page = _open(browser, projects.zh.link)
    try:
        first = page.locator("#video").get_attribute("data-id")
        page.locator("#export").click()
        page.wait_for_selector("#job:not([hidden])", timeout=10_000)
        assert page.locator("#export").is_disabled()  # one render at a time from the page
        page.wait_for_function(
            "id => { const v = document.getElementById('video'); return v && v.dataset.id !== id; }",
            arg=first,
            timeout=180_000,
        )
        assert page.locator("#job").get_attribute("class") == "job done"
        assert page.locator("#export").is_enabled()
    finally:
        page.close()
