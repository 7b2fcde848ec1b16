"""``open``: show the project page (the video, the beats and the cuts) in the browser.

In embedded mode the page is served by the background page server (``skill/local/pageserver.py``),
which this command starts when none runs and which keeps running after it; ``open --stop`` stops it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from skill.cli.connect import add_lang, lang_of

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("open", help="open the project page in the browser (prints its link)")
    parser.add_argument("--no-browser", action="store_true", help="print the link only")
    parser.add_argument("--stop", action="store_true", help="stop the background page server")
    add_lang(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from skill.client.api import NemoClient
    from skill.handlers.page import PageUnavailable, open_page
    from skill.messages import text

    lang = lang_of(args)
    settings = ctx.settings
    if args.stop:
        from skill.local.pageserver import stop_running

        stopped = stop_running(settings.data_dir)
        ctx.out.result(text("page.stopped" if stopped else "page.not_running", lang), stopped=stopped)
        return 0
    if settings.is_embedded:
        from skill.backend import page_base

        base = page_base(settings, start=True)
        if base is None:
            raise PageUnavailable()
        settings = settings.with_api_url(base)  # talk to the page server itself: nothing else to start
    with NemoClient.from_settings(settings, ctx.manifest, on_notice=ctx.out.notice, lang=lang) as client:
        reply = open_page(client, lang=lang, browser=not args.no_browser)
    ctx.out.result(reply.text, link=reply.link, opened=reply.opened, background=reply.background)
    return 0
