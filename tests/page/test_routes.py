"""The page's endpoints over HTTP on the real page server: headers, refusals, and what the shell says
without its script."""

from __future__ import annotations

import httpx

from skill.local.page.text import page_lang

from .conftest import Cli


def _base_and_ct(link: str) -> tuple[str, str]:
    base, _, ct = link.partition("/workspace/claim?ct=")
    return base, ct


def test_headers_refusals_and_the_empty_project(cli: Cli) -> None:
    link = cli.json("open", "--no-browser")["link"]
    base, ct = _base_and_ct(link)
    http = httpx.Client(base_url=base, trust_env=False, timeout=10)
    page = http.get("/workspace/claim", params={"ct": ct})
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
    assert '<html lang="en">' in page.text and 'id="no-video"' in page.text
    assert "<script>" not in page.text and page.text.count("<script ") == 1  # its own file, nothing inline
    data = http.get("/workspace/claim/data", params={"ct": ct}).json()
    assert data["edit"] is None and data["video"] is None and data["project"]["lang"] == "en"
    for name, kind in (
        ("page.js", "text/javascript"),
        ("page.css", "text/css"),
        ("icon.svg", "image/svg+xml"),
    ):
        r = http.get(f"/workspace/static/{name}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(kind), name
    assert http.get("/workspace/static/page.html").status_code == 404  # only the listed files
    assert http.get("/workspace/static/..%2Fview.py").status_code == 404
    lost = http.get("/workspace/claim", params={"ct": "clm_unknown"})
    assert lost.status_code == 404 and "text/html" in lost.headers["content-type"]
    assert "unknown or has expired" in lost.text
    assert http.get("/workspace/claim/data", params={"ct": "clm_unknown"}).status_code == 404
    # export again: JSON only, from the page's own origin, and only for a project that can render
    url = f"/workspace/claim/export?ct={ct}"
    assert http.post(url, data={"x": "1"}).status_code == 422  # a plain form post
    foreign = http.post(url, json={}, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    empty = http.post(url, json={}, headers={"Origin": base})
    assert empty.status_code == 422  # nothing to render yet, said so
    assert http.get("/workspace/claim/thumb", params={"ct": ct, "i": "0"}).status_code == 404
    assert http.get("/workspace/claim/poster", params={"ct": ct}).status_code == 404


def test_page_language_follows_a_chinese_title() -> None:
    assert page_lang("en", "夏日海边") == "zh-Hans"
    assert page_lang("en", "夏日海邊的這個夜晚") == "zh-Hant"
    assert page_lang("zh", "Neon") == "zh-Hans"
    assert page_lang("zh-Hant", "") == "zh-Hant"
    assert page_lang("en", "Neon <script>") == "en"
