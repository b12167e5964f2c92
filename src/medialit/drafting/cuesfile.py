"""The shape of a cues file (``cues/<language>.yaml``), as pydantic checks it: its cue families
and its ``reading:`` lists. ``wording.py`` compiles what it holds into the words an article
is read with."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from medialit.lesson.model import Kind


class CueFamilyFile(BaseModel):
    """One family of cues as written in a cues file."""

    model_config = ConfigDict(extra="forbid")

    name: str
    kind: Kind | None = None
    also_accept: list[Kind] = Field(default_factory=list)
    technique: str | None = None
    why: str | None = None
    numbers: bool = False
    cues: list[str] = Field(default_factory=list)


class ReadingLists(BaseModel):
    """The ``reading:`` lists of a cues file."""

    model_config = ConfigDict(extra="forbid")

    speech_verbs: list[str] = Field(default_factory=list)
    source_words: list[str] = Field(default_factory=list)
    finding_starts: list[str] = Field(default_factory=list)
    finding_verbs: list[str] = Field(default_factory=list)
    finding_hedges: list[str] = Field(default_factory=list)
    reason_joins: list[str] = Field(default_factory=list)
    rhetorical: list[str] = Field(default_factory=list)
    record_words: list[str] = Field(default_factory=list)
    own_words: list[str] = Field(default_factory=list)
    correlation: list[str] = Field(default_factory=list)
    causal: list[str] = Field(default_factory=list)
    prediction: list[str] = Field(default_factory=list)
    recommendation: list[str] = Field(default_factory=list)
    generalisation: list[str] = Field(default_factory=list)
    judgement: list[str] = Field(default_factory=list)
    comparison: list[str] = Field(default_factory=list)
    superlatives: list[str] = Field(default_factory=list)
    superlative_scopes: list[str] = Field(default_factory=list)
    extremes: list[str] = Field(default_factory=list)
    active_records: list[str] = Field(default_factory=list)
    definition: list[str] = Field(default_factory=list)
    skip_starts: list[str] = Field(default_factory=list)
    according: list[str] = Field(default_factory=list)
    instruction_starts: list[str] = Field(default_factory=list)
    pointer_starts: list[str] = Field(default_factory=list)
    conclusion_starts: list[str] = Field(default_factory=list)
    reader_words: list[str] = Field(default_factory=list)
    modal_verbs: list[str] = Field(default_factory=list)
    speech_joins: list[str] = Field(default_factory=list)
    trailing_speech_verbs: list[str] = Field(default_factory=list)
    requests: list[str] = Field(default_factory=list)
    plans: list[str] = Field(default_factory=list)
    own_account: list[str] = Field(default_factory=list)
    addressee_verbs: list[str] = Field(default_factory=list)
    speech_participles: list[str] = Field(default_factory=list)
    stance: list[str] = Field(default_factory=list)
    phrase_ends: list[str] = Field(default_factory=list)
    plain_generalisation: list[str] = Field(default_factory=list)
    plain_judgement: list[str] = Field(default_factory=list)
    plain_superlative: list[str] = Field(default_factory=list)
    amounts: list[str] = Field(default_factory=list)
    idioms: list[str] = Field(default_factory=list)
    introducers: list[str] = Field(default_factory=list)
    method_words: list[str] = Field(default_factory=list)
    institutions: list[str] = Field(default_factory=list)


class CuesFile(BaseModel):
    """A cues file: its families in order of precedence, and its reading lists."""

    model_config = ConfigDict(extra="forbid")

    families: list[CueFamilyFile] = Field(default_factory=list)
    reading: ReadingLists = Field(default_factory=ReadingLists)
