"""Each reason the reading gives a passage: its kind, the kinds a careful student could also
defend, and the technique it names (``techniques`` in the lesson)."""

from __future__ import annotations

from medialit.lesson.model import Kind

KINDS: dict[str, tuple[Kind, tuple[Kind, ...], str]] = {
    "saying": (Kind.evidence, (Kind.assertion,), "reported claim"),
    "vague": (Kind.assertion, (Kind.evidence,), "vague attribution"),
    "finding": (Kind.evidence, (Kind.assertion,), "named source"),
    "hedged finding": (Kind.inference, (Kind.evidence,), "hedged finding"),
    "record": (Kind.evidence, (Kind.assertion,), "named record"),
    "attributed": (Kind.evidence, (Kind.assertion,), "reported claim"),
    "correlation": (Kind.inference, (Kind.evidence,), "correlation read as cause"),
    "link": (Kind.inference, (Kind.evidence,), "cause and effect"),
    "certainty": (Kind.assertion, (Kind.inference,), "unsupported certainty"),
    "judgement": (Kind.assertion, (), "loaded language"),
    "generalisation": (Kind.assertion, (Kind.inference,), "sweeping generalisation"),
    "amount": (Kind.assertion, (Kind.inference,), "vague amount"),
    "method": (Kind.evidence, (Kind.assertion,), "method described"),
    "recommendation": (Kind.assertion, (), "advice as fact"),
    "causal": (Kind.inference, (Kind.assertion,), "cause and effect"),
    "conclusion": (Kind.inference, (Kind.assertion,), "conclusion drawn"),
    "comparison": (Kind.assertion, (Kind.inference,), "comparison without figures"),
    "superlative": (Kind.assertion, (Kind.inference,), "unsupported superlative"),
    "prediction": (Kind.inference, (Kind.assertion,), "prediction"),
    "sourced number": (Kind.evidence, (Kind.assertion,), "sourced number"),
    "unsourced number": (Kind.assertion, (Kind.evidence,), "unsourced number"),
    "nearby number": (Kind.assertion, (Kind.evidence,), "figure to trace"),
    "plain": (Kind.assertion, (Kind.evidence,), "claim without support"),
    "stance": (Kind.assertion, (Kind.inference,), "opinion as fact"),
    "rhetorical": (Kind.inference, (Kind.assertion,), "rhetorical question"),
    "own account": (Kind.evidence, (Kind.assertion,), "reported claim"),
    "plan": (Kind.assertion, (Kind.evidence, Kind.inference), "announced plan"),
    # Never found by the reading: written when a teacher changes a draft's kind (.rekinding).
    "observed": (Kind.evidence, (Kind.assertion,), "checkable fact"),
    "concluded": (Kind.inference, (Kind.assertion,), "conclusion"),
    "hedged claim": (Kind.assertion, (Kind.inference,), "claim without support"),
}
"""Each reason's kind, the kinds a careful student could also defend, and its technique."""
