"""Measure the preview's saves: every edit the page makes, on every repository lesson.

Run from the repository root (no argument needed):

    .venv/bin/python benchmarks/bench_saves.py [LESSON ...] [--repeat 20]

Each lesson is copied to a temporary folder and served by the real Starlette app
(``create_app``, through Starlette's TestClient: the guard, the JSON, the editor, the
check and the atomic write, in this process; no page images). Then ``--repeat`` edits
of each kind are made through the API, as the page makes them: a kind changed (to
another and back), a Why rewritten, a statement added and deleted again, a statement's
words shrunk by a word and extended back, a question added and undone. For each kind:
the median and slowest wall time of one request, and the median CPU time of this
process (all its threads) for it: the machine is shared, so wall time depends on the
load, CPU time much less. Target (issue 20): every response under 200 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from medialit.preview.app import create_app
from medialit.settings.layers import Configuration

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
TOKEN = "bench-token-0123456789"
HOST = "127.0.0.1:8123"
KINDS = ("evidence", "inference", "assertion")
EDITS = ("kind", "why", "add", "delete", "bounds", "question", "undo")
TARGET_MS = 200.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pause", type=float, default=0.3, help="seconds between edits")
    options = parser.parse_args()
    lessons = options.lessons or sorted(LESSONS.glob("*.yaml"))
    print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"{options.repeat} edits of each kind, {options.pause} s between an answer and the next")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    header = f"{'lesson':<38} {'edit':<9} {'median':>8} {'slowest':>8} {'cpu med':>8}"
    print(header)
    slowest = 0.0
    for lesson in lessons:
        times = measure(lesson.resolve(), options.repeat, options.pause)
        for kind in EDITS:
            wall = [w for w, _ in times[kind]]
            cpu = [c for _, c in times[kind]]
            slowest = max(slowest, max(wall))
            print(
                f"{lesson.name[:38]:<38} {kind:<9} {ms(statistics.median(wall))} "
                f"{ms(max(wall))} {ms(statistics.median(cpu))}"
            )
        print(f"{lesson.name[:38]:<38} all CPU per request, loading ahead included: "
              f"{ms(times['all'][0][1])}")  # fmt: skip
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    verdict = "met" if slowest * 1000 < TARGET_MS else "NOT met"
    print(f"slowest response: {slowest * 1000:.0f} ms (target under {TARGET_MS:.0f} ms: {verdict})")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f}ms"


def measure(seed: Path, repeat: int, pause: float) -> dict[str, list[tuple[float, float]]]:
    """``repeat`` timed requests of each edit on a copy of ``seed``: (wall, CPU) seconds."""
    times: dict[str, list[tuple[float, float]]] = {kind: [] for kind in EDITS}
    """Each request's (wall, CPU) seconds by edit; ``all``: the whole run's CPU per request."""
    with tempfile.TemporaryDirectory() as folder:
        lesson = Path(folder) / seed.name
        shutil.copy(seed, lesson)
        app = create_app(lesson, Configuration(), token=TOKEN, hosts={HOST}, executor_factory=None)
        base = f"http://{HOST}/s/{TOKEN}/"
        with TestClient(app, base_url=base, follow_redirects=False) as client:
            session = Session(client, times, pause)
            session.view = client.get("api/lesson").json()
            time.sleep(pause)
            cpu = time.process_time()
            for n in range(repeat):
                session.round(n)
            # All this process's CPU (the client's too, and loading ahead) per request.
            edits = sum(len(timed) for timed in times.values())
            times["all"] = [(0.0, (time.process_time() - cpu) / edits)]
    return times


class Session:
    """One teacher's edits, each timed, each checked to have been saved."""

    def __init__(
        self, client: TestClient, times: dict[str, list[tuple[float, float]]], pause: float
    ) -> None:
        self.client = client
        self.pause = pause
        self.times = times
        self.view: dict[str, Any] = {}
        self.shortened = 0

    def post(self, kind: str, path: str, body: dict[str, Any]) -> None:
        body = {"version": self.view["version"], **body}
        time.sleep(self.pause)
        wall, cpu = time.perf_counter(), time.process_time()
        answer = self.client.post(path, json=body)
        self.times[kind].append((time.perf_counter() - wall, time.process_time() - cpu))
        if answer.status_code != 200:
            raise SystemExit(f"{kind} edit refused ({answer.status_code}): {answer.text[:500]}")
        self.view = answer.json()["lesson"]

    def round(self, n: int) -> None:
        annotations = self.view["annotations"]
        target = annotations[n % len(annotations)]
        other = KINDS[(KINDS.index(target["kind"]) + 1) % 3]
        path = f"api/annotations/{target['index']}"
        self.post("kind", path, {"quote": target["quote"], "kind": other})
        why = f"Rewritten by the benchmark, round {n}."
        self.post("why", path, {"quote": target["quote"], "why": why})
        block, start, end = unmarked_words(self.view)
        place = {"block": block, "start": start, "end": end}
        self.post("add", "api/annotations", {**place, "kind": "evidence", "why": "A source."})
        added = max(self.view["annotations"], key=lambda a: a["index"])
        self.post("delete", f"api/annotations/{added['index']}/delete", {"quote": added["quote"]})
        self.bounds(n)
        self.post("question", "api/questions", {"text": f"Who could check claim {n}?"})
        self.post("undo", "api/undo", {})

    def bounds(self, n: int) -> None:
        """A statement's words one word shorter (even rounds), then back (odd rounds)."""
        annotations = self.view["annotations"]
        target = annotations[(n // 2 * 7) % len(annotations)]
        block, mark = self.mark(target["index"])
        body = {"quote": target["quote"], "block": block, "start": mark["start"]}
        if n % 2:
            end = self.shortened
        else:
            text = self.view["blocks"][block]["text"][mark["start"] : mark["end"]]
            self.shortened = mark["end"]
            end = mark["start"] + max(text.rstrip(".!?\"'”’) ").rfind(" "), 1)
        self.post("bounds", f"api/statements/{target['index']}/bounds", {**body, "end": end})

    def find(self, index: int) -> dict[str, Any]:
        return next(a for a in self.view["annotations"] if a["index"] == index)

    def mark(self, index: int) -> tuple[int, dict[str, Any]]:
        for number, block in enumerate(self.view["blocks"]):
            for mark in block["marks"]:
                if mark["index"] == index:
                    return number, mark
        raise SystemExit(f"annotation {index} is not marked in the article")


def unmarked_words(view: dict[str, Any]) -> tuple[int, int, int]:
    """Five unmarked words of the article, whole: block, start, end."""
    for index, block in enumerate(view["blocks"]):
        if block["kind"] != "paragraph":
            continue
        text, at, gaps = block["text"], 0, []
        for mark in sorted(block["marks"], key=lambda m: m["start"]):
            gaps.append((at, mark["start"]))
            at = max(at, mark["end"])
        gaps.append((at, len(text)))
        for start, end in gaps:
            words = text[start:end].split()
            if len(words) >= 7:
                first = text.index(words[1], start + len(words[0]))
                last = text.index(words[5], first) + len(words[5])
                return index, first, last
    raise SystemExit("every sentence of the article is marked")


if __name__ == "__main__":
    main()
