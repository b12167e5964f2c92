"""Measure ``medialit new``: its draft statements against teachers' readings, and its speed.

Run from the repository:

    .venv/bin/python benchmarks/bench_new.py [--repeat 5] [--missed] [--json FILE] [--compare SRC]
        [--corpus DIR]

**Drafts.** Each article of ``benchmarks/corpus/<slug>/`` (``article.txt``), or of ``--corpus
DIR`` (a folder in the same format, e.g. articles kept outside the repository), is drafted by
``medialit new`` in a temporary folder, exactly as a teacher would, and the lesson it writes
is read back. The drafts (the lesson's statements) are compared with the careful teacher's
reading (``reading.yaml``), quote by quote, as placed in the same article:

- a draft and a statement of the reading *meet* when they overlap in the same paragraph by at
  least half of the shorter of the two (a sentence drafted around a clause meets it);
- **coverage**: the share of the reading's statements met by a draft whose kind the reading
  accepts (its ``kind`` or one of its ``also_accept``);
- **right as they stand**: the share of drafts that meet a statement of the reading and whose
  kind that statement accepts (a draft that meets nothing a teacher would pick is wrong);
- **confusion**: for each statement of the reading met by a draft, its kind against the draft's
  (``missed``: no draft met it; ``extra``: a draft that met no statement);
- **leave one genre out**: both figures again with each genre left out, so that a figure that
  rests on one genre shows; the largest distance from the overall figure is printed;
- **one kind on every statement**: the coverage a draft would get that marked every statement
  of the reading with one kind (evidence, inference or assertion), per set: how far a reading
  that leans to one kind flatters a suggester that leans the same way;
- **with the candidates**: the share of the reading met by a draft *or* by one of the further
  candidates ``new`` writes as comments at the end of the lesson (which the preview lists to
  promote with a click), with an accepted kind; and how many candidates there are, and the
  share of them that meet a statement with its kind. Not a target: what a teacher would
  find ready in the studio, for choosing what a draft should count;
- **hard checks** (``hard_checks.py``, target 0): drafts that call a figure unsourced although
  its paragraph or the one before names a source, drafts on a definition, and drafts on an
  age, a duration or a date alone, each one listed.

Figures are per genre and overall, counted over statements (an article with more statements
weighs more), and for each set named by a reading's ``set`` (``development``, the articles the
rules were adjusted on; ``held-out``, ``held-out-2``, ``held-out-3`` and ``held-out-5`` to
``held-out-13``, articles whose readings were written before any draft was made from them,
whose first run is the figure for unseen articles: see ``corpus/README.md`` for which were
adjusted on afterwards). The seed lesson (``lessons/washington-isis-syria-2017.yaml``,
where the cue words were first tuned) is scored the same way, apart from the corpus.

**Speed.** ``medialit new`` on a 1,500-word article (the corpus's articles, one after another),
each run a fresh process (imports included); the median of ``--repeat`` runs, on the clock
and on the processor (which a busy machine inflates less); ``--compare SRC`` times another
checkout's ``src/`` in turns with this one.
Every figure is measured in this run; nothing is estimated.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hard_checks import CHECKS, DraftSeen, paragraph_before, violations
from new_timing import long_article, time_new
from ruamel.yaml import YAML

from medialit.drafting.howsure import how_sure
from medialit.drafting.lessonfile import CANDIDATES_COMMENT
from medialit.drafting.new import new_lesson
from medialit.drafting.suggest import sureness
from medialit.lesson.anchoring import find_matches, searchable
from medialit.lesson.article import Block, split_blocks
from medialit.lesson.reading import read_lesson

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"
SEED = ROOT / "seeds" / "000_6720225e856085cf.txt"
CURATED = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
TARGETS = {"coverage": 0.70, "right": 0.70, "genre_gap": 0.10, "seconds": 1.0}
KINDS = ("evidence", "inference", "assertion")


@dataclass(frozen=True)
class Span:
    """A passage of the article: the paragraph and the characters in it."""

    block: int
    start: int
    end: int

    def meets(self, other: Span) -> bool:
        if self.block != other.block:
            return False
        shared = min(self.end, other.end) - max(self.start, other.start)
        return shared > 0 and shared * 2 >= min(self.end - self.start, other.end - other.start)


@dataclass
class Score:
    """Counts for one article, a genre or the whole corpus."""

    statements: int = 0
    covered: int = 0
    drafts: int = 0
    right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    found: int = 0
    """Statements met by a draft or a candidate of an accepted kind."""
    candidates: int = 0
    candidates_right: int = 0
    by_sureness: Counter[tuple[str, bool]] = field(default_factory=Counter)
    """Drafts by the words of their "how sure" comment, and whether each was right."""

    def add(self, other: Score) -> None:
        self.statements += other.statements
        self.covered += other.covered
        self.drafts += other.drafts
        self.right += other.right
        self.confusion.update(other.confusion)
        self.found += other.found
        self.candidates += other.candidates
        self.candidates_right += other.candidates_right
        self.by_sureness.update(other.by_sureness)

    @property
    def coverage(self) -> float:
        return self.covered / self.statements if self.statements else 0.0

    @property
    def rightness(self) -> float:
        return self.right / self.drafts if self.drafts else 0.0


@dataclass(frozen=True)
class Wanted:
    """A statement of the teacher's reading, placed in the drafted article."""

    span: Span
    kind: str
    accepted: frozenset[str]
    quote: str


@dataclass(frozen=True)
class Drafted:
    """The drafted article's paragraphs and its draft statements."""

    blocks: list[Block]
    drafts: list[tuple[Span, str]]
    seen: list[DraftSeen] = field(default_factory=list)
    candidates: list[tuple[Span, str]] = field(default_factory=list)
    """The further candidates new wrote as comments, which the studio lists to promote."""


def draft(source: Path, folder: Path) -> Drafted:
    made = new_lesson(str(source), io.BytesIO(), folder)
    if not made.suggestions:  # a lesson without statements is not a lesson check reads
        article = YAML(typ="safe").load(made.lesson.read_text("utf-8"))["article"]
        return Drafted(split_blocks(article), [])
    lesson = read_lesson(made.lesson)
    drafts = [(Span(s.block, s.start, s.end), s.annotation.kind.value) for s in lesson.statements]
    texts = [b.text if b.kind != "heading" else "" for b in lesson.blocks]
    seen = [
        DraftSeen(
            s.annotation.quote,
            ", ".join(s.annotation.techniques),
            s.annotation.why,
            texts[s.block],
            paragraph_before(texts, s.block),
        )
        for s in lesson.statements
    ]
    return Drafted(lesson.blocks, drafts, seen, candidates(made.lesson, lesson.blocks))


def candidates(lesson: Path, blocks: list[Block]) -> list[tuple[Span, str]]:
    """The commented candidates at the end of the lesson file, placed in the article."""
    text = lesson.read_text("utf-8")
    if CANDIDATES_COMMENT not in text:
        return []
    lines = text.split(CANDIDATES_COMMENT, 1)[1].splitlines()
    entries = YAML(typ="safe").load("\n".join(x[4:] for x in lines if x.startswith("#   ")))
    index = searchable(blocks)
    placed = []
    for entry in entries or []:
        matches = find_matches(str(entry["quote"]), index)
        if matches:
            m = matches[int(entry.get("occurrence") or 1) - 1]
            placed.append((Span(m.block, m.start, m.end), str(entry["kind"])))
    return placed


def place(drafted: Drafted, statements: list[dict[str, object]], name: str) -> list[Wanted]:
    """The reading's statements as passages of the drafted article; a lost quote stops the run."""
    index = searchable(drafted.blocks)
    wanted = []
    for statement in statements:
        quote = str(statement["quote"])
        matches = find_matches(quote, index)
        if not matches:
            sys.exit(f"{name}: the reading's quote is not in the drafted article: {quote!r}")
        kind = str(statement["kind"])
        also = [str(k) for k in statement.get("also_accept", []) or []]  # type: ignore[attr-defined]
        m = matches[0]
        wanted.append(Wanted(Span(m.block, m.start, m.end), kind, frozenset([kind, *also]), quote))
    return wanted


def score(drafted: Drafted, wanted: list[Wanted]) -> tuple[Score, list[str]]:
    drafts = drafted.drafts
    result = Score(statements=len(wanted), drafts=len(drafts))
    missed = []
    for want in wanted:
        met = [kind for span, kind in drafts if span.meets(want.span)]
        if any(kind in want.accepted for kind in met):
            result.covered += 1
        if met:
            best = next((k for k in met if k in want.accepted), met[0])
            result.confusion[(want.kind, best)] += 1
        else:
            result.confusion[(want.kind, "missed")] += 1
            missed.append(want.quote)
    techniques = [seen.technique for seen in drafted.seen] or [""] * len(drafts)
    for (span, kind), technique in zip(drafts, techniques, strict=True):
        met = [w for w in wanted if span.meets(w.span)]
        right = any(kind in w.accepted for w in met)
        result.right += right
        result.by_sureness[(sureness(how_sure(technique)), right)] += 1
        if not met:
            result.confusion[("extra", kind)] += 1
    found_by = [*drafts, *drafted.candidates]
    result.found = sum(
        any(kind in w.accepted for span, kind in found_by if span.meets(w.span)) for w in wanted
    )
    result.candidates = len(drafted.candidates)
    result.candidates_right = sum(
        any(kind in w.accepted for w in wanted if span.meets(w.span))
        for span, kind in drafted.candidates
    )
    return result, missed


Broken = dict[str, list[tuple[str, str]]]
"""Each article's hard-check violations: (check, quote)."""


def corpus_scores(
    corpus: Path, tmp: Path
) -> tuple[dict[str, tuple[str, Score, list[str]]], dict[str, str], Broken]:
    """Each article's genre, score and missed quotes; the set it belongs to; its violations."""
    yaml = YAML(typ="safe")
    scores = {}
    sets = {}
    broken: Broken = {}
    folders = sorted(p for p in corpus.iterdir() if (p / "reading.yaml").is_file())
    if not folders:
        sys.exit(f"{corpus}: no <slug>/reading.yaml with its article.txt in this folder.")
    for folder in folders:
        reading = yaml.load((folder / "reading.yaml").read_text("utf-8"))
        drafted = draft(folder / "article.txt", tmp / folder.name)
        article_score, missed = score(drafted, place(drafted, reading["statements"], folder.name))
        scores[folder.name] = (str(reading.get("genre", "unknown")), article_score, missed)
        default_set = "development" if corpus == CORPUS else corpus.name
        sets[folder.name] = str(reading.get("set", default_set))
        broken[folder.name] = [(c, d.quote) for d in drafted.seen for c in violations(d)]
    return scores, sets, broken


def print_hard_checks(broken: Broken) -> dict[str, int]:
    """Each hard check's violations across the corpus (target 0), each one named."""
    counts = {check: sum(c == check for v in broken.values() for c, _ in v) for check in CHECKS}
    drafts_seen = ", ".join(f"{check}: {n}" for check, n in counts.items())
    print(f"  hard checks, drafts that break them (target 0): {drafts_seen}")
    for name, found in broken.items():
        for check, quote in found:
            print(f"    {name}: {check}: {' '.join(quote.split()[:12])} …")
    return counts


def seed_score(tmp: Path) -> Score:
    """The seed article against its curated lesson, by the same rules."""
    curated = read_lesson(CURATED)
    drafted = draft(SEED, tmp / "seed")
    if [b.text for b in curated.blocks] != [b.text for b in drafted.blocks]:
        sys.exit("The drafted seed article differs from the curated one; compare by hand.")
    wanted = [
        Wanted(
            Span(s.block, s.start, s.end),
            s.annotation.kind.value,
            frozenset([s.annotation.kind.value, *(k.value for k in s.annotation.also_accept)]),
            s.annotation.quote,
        )
        for s in curated.statements
    ]
    return score(drafted, wanted)[0]


def pooled(scores: dict[str, tuple[str, Score, list[str]]], skip: str | None = None) -> Score:
    total = Score()
    for genre, article_score, _ in scores.values():
        if genre != skip:
            total.add(article_score)
    return total


def line(label: str, s: Score) -> str:
    return (
        f"  {label:<28} {s.coverage:6.1%} ({s.covered:>3}/{s.statements:<3})  "
        f"{s.rightness:6.1%} ({s.right:>3}/{s.drafts:<3})"
    )


def report(
    scores: dict[str, tuple[str, Score, list[str]]],
    sets: dict[str, str],
    seed: Score,
    verbose: bool,
    corpus: Path,
) -> dict[str, object]:
    overall = pooled(scores)
    genres = sorted({genre for genre, _, _ in scores.values()})
    print(f"drafts against the teachers' readings ({corpus}):")
    print(f"  {'':<28} {'coverage':>17}  {'right as they stand':>19}")
    for name, (genre, s, _) in scores.items():
        print(line(f"{name} ({genre})"[:28], s))
    print("  per genre:")
    per_genre = {}
    for genre in genres:
        g = pooled({k: v for k, v in scores.items() if v[0] == genre})
        per_genre[genre] = g
        print(line(genre, g))
    print(line("overall", overall))
    by_set = {}
    for name in sorted(set(sets.values())):
        by_set[name] = pooled({k: v for k, v in scores.items() if sets[k] == name})
        print(line(f"{name} set", by_set[name]))
    print(
        f"  targets: coverage >= {TARGETS['coverage']:.0%}, right >= {TARGETS['right']:.0%}, "
        f"per genre too"
    )
    print("  leave one genre out (overall without it):")
    gaps = {"coverage": 0.0, "right": 0.0}
    for genre in genres:
        left = pooled(scores, skip=genre)
        print(line(f"without {genre}", left))
        gaps["coverage"] = max(gaps["coverage"], abs(left.coverage - overall.coverage))
        gaps["right"] = max(gaps["right"], abs(left.rightness - overall.rightness))
    print(
        f"  largest distance from overall: coverage {gaps['coverage'] * 100:.1f} points, "
        f"right {gaps['right'] * 100:.1f} points (target <= {TARGETS['genre_gap'] * 100:.0f})"
    )
    print("  confusion (rows: the reading's kind; columns: the draft's kind):")
    columns = [*KINDS, "missed"]
    print("    " + f"{'':<10}" + "".join(f"{c:>10}" for c in columns))
    for row in [*KINDS, "extra"]:
        cells = "".join(f"{overall.confusion.get((row, c), 0):>10}" for c in columns)
        print(f"    {row:<10}{cells}")
    print(line("seed lesson (tuned, apart)", seed))
    print(
        "  with the candidates new keeps as comments (the studio lists them to promote): "
        "the reading found by a draft or a candidate of an accepted kind"
    )
    for name in ["overall", *sorted(by_set)]:
        s = overall if name == "overall" else by_set[name]
        label = name if name == "overall" else f"{name} set"
        print(
            f"  {label:<28} {s.found / max(s.statements, 1):6.1%} ({s.found:>3}/{s.statements:<3})"
            f"  candidates {s.candidates:>4}, {s.candidates_right / max(s.candidates, 1):6.1%} "
            "of them on a statement with its kind"
        )
    print("  how sure (the drafts' comments) against right as they stand:")
    for name in ["overall", *sorted(by_set)]:
        s = overall if name == "overall" else by_set[name]
        cells = []
        for words in ("sure", "fairly sure", "unsure"):
            right, drafts = (
                s.by_sureness[(words, True)],
                sum(s.by_sureness[(words, r)] for r in (True, False)),
            )
            cells.append(f"{words} {right / max(drafts, 1):6.1%} ({right:>3}/{drafts:<3})")
        label = name if name == "overall" else f"{name} set"
        print(f"  {label:<28} " + "  ".join(cells))
    if verbose:
        for name, (_, _, missed) in scores.items():
            for quote in missed:
                print(f"  missed in {name}: {' '.join(quote.split()[:10])} …")
    return {
        "overall": {"coverage": overall.coverage, "right": overall.rightness},
        "genres": {g: {"coverage": s.coverage, "right": s.rightness} for g, s in per_genre.items()},
        "leave_one_genre_out_gap": gaps,
        "seed": {"coverage": seed.coverage, "right": seed.rightness},
        "sets": {n: {"coverage": s.coverage, "right": s.rightness} for n, s in by_set.items()},
        "with_candidates": {
            n: s.found / max(s.statements, 1) for n, s in [("overall", overall), *by_set.items()]
        },
    }


def print_one_kind(corpus: Path, sets: dict[str, str]) -> dict[str, dict[str, float]]:
    """What a draft that never tells the kinds apart would score, at best: one draft on every
    statement of the reading, all of one kind. A reading that leans to one kind flatters a
    suggester that leans the same way; this says by how much."""
    yaml = YAML(typ="safe")
    counts: dict[str, Counter[str]] = {}
    for name, group in sets.items():
        reading = yaml.load((corpus / name / "reading.yaml").read_text("utf-8"))
        for statement in reading["statements"]:
            accepted = {statement["kind"], *(statement.get("also_accept") or [])}
            for bucket in (group, "overall"):
                counts.setdefault(bucket, Counter())["statements"] += 1
                counts[bucket].update(accepted)
    print("  one kind on every statement of the reading (the score of not telling kinds apart):")
    figures = {}
    for bucket in ["overall", *sorted(set(sets.values()))]:
        c = counts[bucket]
        figures[bucket] = {k: c[k] / c["statements"] for k in KINDS}
        shares = ", ".join(f"{k} {figures[bucket][k]:.1%}" for k in KINDS)
        label = bucket if bucket == "overall" else f"{bucket} set"
        print(f"  {label:<28} {shares}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--missed", action="store_true", help="list the statements missed")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        metavar="DIR",
        help="a folder of <slug>/article.txt and reading.yaml (default: benchmarks/corpus)",
    )
    parser.add_argument(
        "--compare",
        metavar="SRC",
        help="also time another checkout's src/ (git archive REV src | tar -x -C DIR), in turns",
    )
    args = parser.parse_args()
    trees: dict[str, str | None] = {"this checkout": None}
    if args.compare:
        trees[args.compare] = args.compare
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        scores, sets, broken = corpus_scores(args.corpus.resolve(), tmp)
        seed = seed_score(tmp)
        source, words = long_article(tmp)
        times = time_new(source, tmp, args.repeat, trees)
    figures = report(scores, sets, seed, args.missed, args.corpus)
    figures["one_kind"] = print_one_kind(args.corpus.resolve(), sets)
    figures["hard_checks"] = print_hard_checks(broken)
    print(
        f"time of new on a {words:,}-word article (fresh process each, median of {args.repeat}; "
        f"load average {os.getloadavg()[0]:.1f}):"
    )
    for tree, runs in times.items():
        print(
            f"  {statistics.median(runs.wall):.3f} s wall, {statistics.median(runs.cpu):.3f} s CPU"
            f"  {tree}  (target < {TARGETS['seconds']:.0f} s; wall runs: "
            + ", ".join(f"{t:.2f}" for t in runs.wall)
            + ")"
        )
    figures["seconds"] = statistics.median(times["this checkout"].wall)
    figures["cpu_seconds"] = statistics.median(times["this checkout"].cpu)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
