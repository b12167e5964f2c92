"""A kind change made in the preview, and what it does to the fields written for the old kind.

A statement's ``why``, ``check`` and ``techniques`` are written for its kind ("no source
named" fits an assertion, not evidence). When the teacher changes the kind:

- ``techniques`` name the old kind's techniques: they are removed (the page names them,
  and Ctrl+Z brings them back);
- ``why`` and ``check`` are the teacher's words (or ``medialit new``'s): they are kept, and
  the statement is marked ``draft: true`` again, so the page, ``check`` and the key's drafts
  notice ask for a review until the teacher confirms it;
- ``also_accept`` never holds the statement's own kind; the old kind is not added to it
  unless the teacher ticks it (:func:`set_also_accept`).
"""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from medialit.lesson.model import Kind

NOT_EXPLAINED = "Not explained yet: say why this is the kind chosen."
"""The ``why`` of an annotation marked before its explanation is written (kept a draft)."""
KINDS = tuple(kind.value for kind in Kind)


class KindRefused(ValueError):
    """A kind or an ``also_accept`` no lesson accepts; the message says what to choose."""


def checked_kind(kind: str | None) -> str:
    if kind not in KINDS:
        raise KindRefused("Choose a kind: evidence, inference or assertion.")
    return kind


def change_kind(item: CommentedMap, kind: str, rewritten: set[str]) -> None:
    """Give ``item`` the kind ``kind``, flagging what was written for the old one.

    ``rewritten``: the fields the same save writes anew (``why``, ``check``), for the new kind.
    """
    if item.get("kind") == kind:
        return
    item["kind"] = kind
    also = item.get("also_accept")
    if isinstance(also, list) and kind in also:
        also.remove(kind)
        if not also:
            del item["also_accept"]
    had_techniques = bool(item.pop("techniques", None))
    old_why = "why" not in rewritten and item.get("why") != NOT_EXPLAINED
    old_check = "check" not in rewritten and item.get("check")
    if had_techniques or old_why or old_check:
        item.pop("draft", None)
        item["draft"] = True  # last, as medialit new writes it: deleted to confirm


def set_also_accept(item: CommentedMap, kinds: list[str]) -> None:
    """The other kinds a careful student could defend, as the teacher ticks them."""
    for kind in kinds:
        checked_kind(kind)
    if item.get("kind") in kinds:
        raise KindRefused(
            "A statement's own kind cannot also be accepted: untick it under Also accept."
        )
    chosen = [kind for kind in KINDS if kind in kinds]  # in the key's order, once each
    if not chosen:
        item.pop("also_accept", None)
        return
    if list(item.get("also_accept") or []) == chosen:
        return
    seq = CommentedSeq(chosen)
    seq.fa.set_flow_style()
    if "also_accept" in item:
        item["also_accept"] = seq
    else:  # after the kind, where a teacher writes it
        at = list(item).index("kind") + 1 if "kind" in item else len(item)
        item.insert(at, "also_accept", seq)
