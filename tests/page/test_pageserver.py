"""The background page server: `open` starts it once, links from open/state/export work after the
command has ended, it stops on `open --stop` and by itself when nobody visits."""

from __future__ import annotations

import os
import time

import httpx

from .conftest import Cli


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_open_starts_one_server_whose_link_outlives_the_command(cli: Cli) -> None:
    first = cli.json("open", "--no-browser")
    assert first["background"] is True and first["opened"] is False
    link = first["link"]
    assert link.startswith("http://127.0.0.1:") and "/workspace/claim?ct=clm_" in link
    pid = cli.server_pid()
    assert pid is not None and _alive(pid)
    page = httpx.get(link, trust_env=False, timeout=10)  # the command has exited; the page still answers
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    again = cli.json("open", "--no-browser")
    assert cli.server_pid() == pid  # reused, not a second server
    assert again["link"].split("?")[0] == link.split("?")[0]
    state = cli.json("state")
    assert state["link"] and state["link"].split("?")[0] == link.split("?")[0]
    assert httpx.get(state["link"], trust_env=False, timeout=10).status_code == 200
    stopped = cli.json("open", "--stop")
    assert stopped["stopped"] is True
    assert not _alive(pid)
    assert cli.json("open", "--stop")["stopped"] is False


def test_human_output_names_the_link_and_the_way_to_stop(cli: Cli) -> None:
    done = cli.run("open", "--no-browser")
    assert done.returncode == 0, done.stderr
    assert "http://127.0.0.1:" in done.stdout and "music-to-best open --stop" in done.stdout
    assert "Traceback" not in done.stderr


def test_idle_page_server_exits_by_itself(cli: Cli) -> None:
    cli.env["SKILL_PAGE_IDLE_S"] = "1.5"
    cli.json("open", "--no-browser")
    pid = cli.server_pid()
    assert pid is not None
    deadline = time.monotonic() + 20
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(pid)
    assert cli.server_pid() is None  # it removed its record on the way out


def test_page_server_off_gives_no_dead_link(cli: Cli) -> None:
    cli.env["SKILL_PAGE_SERVER"] = "off"
    state = cli.json("state")
    assert state["link"] is None and cli.server_pid() is None


def test_the_words_open_the_project_give_a_working_link(cli: Cli) -> None:
    for words in ("open the project", "打开项目", "打開專案"):
        done = cli.json("say", words)
        assert done["link"] and "/workspace/claim?ct=clm_" in done["link"], done
        assert httpx.get(done["link"], trust_env=False, timeout=10).status_code == 200
    assert "项目页面" in cli.json("say", "打开项目")["text"]


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not _alive(pid)


def test_a_server_started_for_a_link_nobody_opens_does_not_linger(cli: Cli) -> None:
    cli.env["SKILL_PAGE_GRACE_S"] = "1.5"
    link = cli.json("state")["link"]
    pid = cli.server_pid()
    assert link and pid is not None
    assert _gone_within(pid, 20), "an unvisited page server stopped after its grace time"
    opened = cli.json("open", "--no-browser")  # open says someone will look: the full idle time applies
    pid = cli.server_pid()
    assert pid is not None and opened["link"]
    assert not _gone_within(pid, 4)
    visited = cli.json("state")["link"]  # a link from an already visited server keeps it up as well
    assert httpx.get(visited, trust_env=False, timeout=10).status_code == 200 and _alive(pid)
