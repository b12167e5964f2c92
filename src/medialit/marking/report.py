"""The class report: what the class found hard, so the next lesson can start there.

Made from ``marks.json`` and the lesson's guide: per statement, how many chose the key's
kind; which kind the class chose against the key's (a confusion matrix of evidence,
inference and assertion); the reasons' bands; and the statements to go over again, each
with the wrong kind most chosen. The same HTML is the PDF and the page in the browser.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup

from medialit.marking.charts import StatementBar, bands_chart, confusion_chart, share_right_chart
from medialit.marking.csvfiles import statement_ids
from medialit.marking.guide import MarkingGuide, StatementGuide
from medialit.marking.pages import render_page
from medialit.marking.results import FULL_MARK, HALF_MARK, KINDS, ClassMarks

NO_ANSWER = "no answer"
RETEACH_BELOW = 0.7
"""A statement fewer than this share of the class got right is one to go over again."""
MAX_LABEL = 34


@dataclass(frozen=True)
class StatementResult:
    guide: StatementGuide | None
    statement_id: str
    right: int
    half: int
    answered: int
    chosen: Counter[str]
    bands: tuple[int, int, int, int]

    @property
    def share(self) -> float:
        return self.right / self.answered if self.answered else 0.0

    @property
    def label(self) -> str:
        if self.guide is None:
            return self.statement_id
        quote = self.guide.quote
        short = quote if len(quote) <= MAX_LABEL else quote[: MAX_LABEL - 1].rstrip() + "…"
        return f"{self.guide.number}. {short}"

    @property
    def most_chosen_wrong(self) -> tuple[str, int] | None:
        key = self.guide.kind if self.guide else None
        wrong = [(kind, n) for kind, n in self.chosen.most_common() if kind != key]
        return wrong[0] if wrong else None


@dataclass(frozen=True)
class ClassReport:
    title: str
    students: int
    waiting: int
    average: float
    out_of: int
    statements: list[StatementResult]
    confusion: list[list[int]]
    columns: list[str] = field(default_factory=lambda: [*KINDS, NO_ANSWER])
    not_scored: list[str] = field(default_factory=list)
    """Copies with nothing to score, left out of ``students`` and the average."""

    @property
    def reteach(self) -> list[StatementResult]:
        low = [s for s in self.statements if s.answered and s.share < RETEACH_BELOW]
        return sorted(low, key=lambda s: (s.share, s.guide.number if s.guide else 0))


def class_report(marks: ClassMarks, guide: MarkingGuide) -> ClassReport:
    ids = statement_ids(marks, guide)
    results: list[StatementResult] = []
    confusion = [[0] * (len(KINDS) + 1) for _ in KINDS]
    for statement_id in ids:
        found = [s for c in marks.copies for s in c.statements if s.statement_id == statement_id]
        chosen = Counter(NO_ANSWER if s.answer is None or s.waiting else s.answer for s in found)
        bands = Counter(s.band for s in found)
        results.append(
            StatementResult(
                guide.find(statement_id),
                statement_id,
                right=sum(s.score == FULL_MARK for s in found),
                half=sum(s.score == HALF_MARK for s in found),
                answered=len(found),
                chosen=chosen,
                bands=(bands[1], bands[2], bands[3], bands[None]),
            )
        )
        for s in found:
            column = len(KINDS) if s.answer is None or s.waiting else KINDS.index(s.answer)
            confusion[KINDS.index(s.key_kind)][column] += 1
    totals = [c.total for c in marks.copies if c.scored]
    return ClassReport(
        title=marks.title,
        students=len(totals),
        waiting=marks.waiting,
        average=sum(totals) / len(totals) if totals else 0.0,
        out_of=len(ids),
        statements=results,
        confusion=confusion,
        not_scored=[c.not_scored for c in marks.copies if not c.scored],
    )


def report_html(
    report: ClassReport, guide: MarkingGuide, *, for_browser: bool, lesson: str = "LESSON"
) -> str:
    """The report as a page: ``for_browser`` links the page's stylesheet, else the PDF's."""
    bars = [StatementBar(s.label, s.right, s.half, s.answered, s.bands) for s in report.statements]
    first, second, third = (b.name for b in guide.bands)
    return render_page(
        "report.html",
        report=report,
        guide=guide,
        for_browser=for_browser,
        lesson=lesson,
        share_chart=share_right_chart(bars),
        confusion_chart=confusion_chart(list(KINDS), report.columns, report.confusion),
        bands_chart=bands_chart(bars, (first, second, third)),
        no_answer=Markup(NO_ANSWER),
    )
