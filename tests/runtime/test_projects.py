"""Projects side by side: parallel named projects, make beside a conversation, a second song's question."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from make_track import synthesise, write_wav  # noqa: E402  (examples/ is on sys.path via the runtime conftest)

from tests.runtime.conftest import Run, assert_no_leaks, probe

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def songs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("songs")
    made = {}
    for name, bpm in (("alpha.wav", 120.0), ("beta.wav", 100.0)):
        made[name] = folder / name
        write_wav(made[name], synthesise(bpm=bpm, seconds=12.0))
    return made


def _summary(cli: Callable[..., Run], *project: str) -> str:
    run = cli("state", *project, "--json")
    assert run.code == 0, run.stdout + run.stderr
    return str(run.events[-1]["text"])


def _projects(cli: Callable[..., Run]) -> dict[str, dict[str, object]]:
    run = cli("projects", "--json")
    assert run.code == 0, run.stderr
    return {str(p["name"]): p for p in run.events[-1]["projects"]}  # type: ignore[union-attr]


def test_two_projects_in_parallel_keep_their_own_settings(
    cli: Callable[..., Run], songs: dict[str, Path], tmp_path: Path
) -> None:
    plans = {
        "alpha": (songs["alpha.wav"], "1:1", "Alpha Night"),
        "beta": (songs["beta.wav"], "16:9", "Beta Morning"),
    }

    def conversation(name: str) -> list[Run]:
        song, aspect, title = plans[name]
        p = ("--project", name)
        return [
            cli("say", "use this song", "--file", str(song), *p, "--json"),
            cli("say", "sync visuals to the beat and make the best 4 second highlight", *p, "--json"),
            cli("say", f"make it {aspect}", *p, "--json"),
            cli("say", f'add the title "{title}"', *p, "--json"),
            cli("export", "-o", f"{name}.mp4", *p, "--json"),
        ]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(plans, pool.map(conversation, plans), strict=True))
    for name, runs in results.items():
        for run in runs:
            assert run.code == 0, f"{name}: {run.stdout}{run.stderr}"
            assert run.events[-1]["project"] == name or run.events[-1].get("path")
    alpha, beta = _summary(cli, "--project", "alpha"), _summary(cli, "--project", "beta")
    assert "alpha.wav" in alpha and "Alpha Night" in alpha and "beta" not in alpha.lower()
    assert "beta.wav" in beta and "Beta Morning" in beta and "alpha" not in beta.lower()
    assert (probe(tmp_path / "alpha.mp4")["width"], probe(tmp_path / "alpha.mp4")["height"]) == (1080, 1080)
    assert (probe(tmp_path / "beta.mp4")["width"], probe(tmp_path / "beta.mp4")["height"]) == (1920, 1080)
    listed = _projects(cli)
    assert listed["alpha"]["song"] == "alpha.wav" and listed["beta"]["song"] == "beta.wav"
    # neither was made this folder's project: explicit --project never moves the folder's pointer
    assert not listed["alpha"]["current"] and not listed["beta"]["current"]


def test_make_never_touches_the_conversation(cli: Callable[..., Run], songs: dict[str, Path]) -> None:
    assert cli("say", "use this song", "--file", str(songs["alpha.wav"]), "--json").code == 0
    assert cli("say", "sync visuals to the beat and make the best 4 second highlight", "--json").code == 0
    assert cli("say", 'add the title "Keep Me"', "--json").code == 0
    before = _summary(cli)
    made = cli("make", str(songs["beta.wav"]), "--seconds", "3", "--aspect", "16:9", "-o", "m.mp4", "--json")
    assert made.code == 0, made.stdout + made.stderr
    closing = made.events[-1]
    assert closing["project"] == "make-beta" and closing["aspect"] == "16:9" and closing["shots"] >= 3
    assert closing["bpm"] == pytest.approx(100, abs=3) and closing["title"] is None
    section = closing["section"]
    assert isinstance(section, dict) and section["end_s"] - section["start_s"] == pytest.approx(3.0, abs=0.05)
    assert _summary(cli) == before and "Keep Me" in before and "alpha.wav" in before
    # the make's project is there to refine, and is not this folder's conversation
    listed = _projects(cli)
    assert listed["make-beta"]["song"] == "beta.wav" and not listed["make-beta"]["current"]
    assert "beta.wav" in _summary(cli, "--project", "make-beta")


def test_a_second_song_asks_replace_or_new(cli: Callable[..., Run], songs: dict[str, Path]) -> None:
    first, second = str(songs["alpha.wav"]), str(songs["beta.wav"])
    assert cli("say", "use this song", "--file", first, "--json").code == 0
    assert cli("say", "sync visuals to the beat and make the best 4 second highlight", "--json").code == 0
    assert cli("say", 'add the title "OLD PROJECT"', "--json").code == 0
    before = _summary(cli)

    asked = cli("say", "use this song", "--file", second, "--json")
    assert asked.code == 1
    closing = asked.events[-1]
    assert closing["ok"] is False and closing["outcome"] == "failed" and closing["code"] == "song_exists"
    assert closing["choices"] == ["replace", "new"] and closing["current_song"] == "alpha.wav"
    assert "--replace" in str(closing["text"]) and "--new" in str(closing["text"])
    assert _summary(cli) == before  # nothing was uploaded or changed
    home_project = str(closing["project"])

    moved = cli("say", "use this song", "--file", second, "--new", "--json")
    assert moved.code == 0, moved.stdout + moved.stderr
    new_project = str(moved.events[-1]["project"])
    assert new_project != home_project and new_project.startswith("beta")
    assert cli("say", "sync visuals to the beat and make the best 4 second highlight", "--json").code == 0
    fresh = _summary(cli)  # the folder now continues the new project: no old title, photo or song
    assert "beta.wav" in fresh and "OLD PROJECT" not in fresh and "alpha.wav" not in fresh
    assert _summary(cli, "--project", home_project) == before

    replaced = cli("say", "use this song", "--file", second, "--replace", "--project", home_project, "--json")
    assert replaced.code == 0, replaced.stdout + replaced.stderr
    assert replaced.events[-1]["project"] == home_project
    again = ("sync visuals to the beat and make the best 4 second highlight", "--project", home_project)
    assert cli("say", *again, "--json").code == 0
    swapped = _summary(cli, "--project", home_project)  # the new song, the project's own title kept
    assert "beta.wav" in swapped and "alpha.wav" not in swapped and "OLD PROJECT" in swapped
    assert _projects(cli)[home_project]["song"] == "beta.wav"


def test_project_names_are_checked(cli: Callable[..., Run]) -> None:
    bad = cli("state", "--project", "../etc", "--json")
    assert bad.code == 2 and bad.events[-1]["code"] == "project_name"
    made = cli("new", "demo", "--json")
    assert made.code == 0 and made.events[-1]["project"] == "demo"
    assert _projects(cli)["demo"]["current"] is True
    again = cli("new", "demo", "--json")
    assert (
        again.code == 2
        and again.events[-1]["ok"] is False
        and "--project demo" in str(again.events[-1]["text"])
    )


def test_human_projects_listing_marks_the_current_one(cli: Callable[..., Run]) -> None:
    assert cli("new", "first").code == 0
    assert cli("new", "second").code == 0
    run = cli("projects")
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith("* second") and any(line.startswith("- first") for line in lines)
    assert_no_leaks(run.stdout)
    with pytest.raises(json.JSONDecodeError):  # people get lines, not JSON
        json.loads(run.stdout)


def test_the_question_can_be_answered_in_words(cli: Callable[..., Run], songs: dict[str, Path]) -> None:
    assert cli("say", "use this song", "--file", str(songs["alpha.wav"]), "--json").code == 0
    asked = cli("say", "use this song", "--file", str(songs["beta.wav"]), "--json")
    assert asked.events[-1]["code"] == "song_exists"
    project = asked.events[-1]["project"]
    answered = cli("say", "换掉", "--json")  # "replace it", in Chinese
    assert answered.code == 0, answered.stdout + answered.stderr
    assert answered.events[-1]["project"] == project and answered.events[-1]["ok"] is True
    assert _projects(cli)[str(project)]["song"] == "beta.wav"
    # the question is answered once: the same words later are an ordinary turn, nothing is re-sent
    later = cli("say", "换掉", "--json")
    assert not any("beta.wav" in str(e.get("text", "")) for e in later.events)
