"""Which passages become a lesson's drafts, and a conclusion by the words it opens with
(issue 19: on the corpus, a careful reading met a plain sentence of ten words or fewer a
quarter of the time and one of more than twenty-five words four times in five, and ten of
the eleven statements that open "Thus", "So" or "This means" were read as inferences)."""

from __future__ import annotations

import pytest

from medialit.drafting.suggest import Suggestion, load_cues, suggest
from medialit.lesson.model import Kind


def _drafts(article: str, language: str = "en") -> list[Suggestion]:
    return [s for s in suggest(article, load_cues(language), language) if not s.candidate]


def _found(article: str, start: str, language: str = "en") -> Suggestion | None:
    return next((s for s in _drafts(article, language) if s.quote.startswith(start)), None)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # "every" would make it a generalisation, "must" a recommendation
        ("Thus every school in the county has planted a garden behind its library.", "Thus"),
        ("That's why our policy is to use encryption for every website we make.", "That's why"),
        ("So the new letter must be shorter and plainer than the old one.", "So"),
        ("Therefore you must keep your teeth clean to keep your food clean.", "Therefore"),
        ("This means that the vaccine cannot make anyone sick with the flu.", "This means"),
    ],
)
def test_a_sentence_that_opens_with_a_conclusion_is_an_inference(sentence: str, cue: str) -> None:
    article = (
        "School gardens\n\nThe county's report counted the gardens planted by its schools "
        f"last spring, and the librarians wrote down what the pupils grew.\n\n{sentence}\n"
    )
    draft = _found(article, sentence[:20])
    assert draft is not None, [s.quote for s in _drafts(article)]
    assert draft.kind is Kind.inference, draft
    assert f"‘{cue}’" in draft.why, draft


@pytest.mark.parametrize(
    "sentence",
    [
        "So far, twelve schools in the county have planted gardens behind their libraries.",
        "As a result of the storm, the road to the school was closed for two days.",
        "So many pupils came to the first meeting that the librarians ran out of chairs.",
    ],
)
def test_so_far_and_a_cause_named_are_no_conclusion(sentence: str) -> None:
    article = f"School gardens\n\n{sentence}\n"
    draft = _found(article, sentence[:20])
    assert draft is None or "draws a conclusion" not in draft.why, draft


@pytest.mark.parametrize(
    ("language", "sentence", "cue"),
    [
        ("es", "Por lo tanto, cada escuela del condado debe plantar un huerto.", "Por lo tanto"),
        (
            "fr",
            "Par conséquent, chaque école du département doit planter un jardin.",
            "Par conséquent",
        ),
    ],
)
def test_spanish_and_french_conclusions_by_their_opening(
    language: str, sentence: str, cue: str
) -> None:
    article = f"Huertos\n\n{sentence}\n"
    draft = _found(article, sentence[:15], language)
    assert draft is not None and draft.kind is Kind.inference, draft
    assert cue in draft.why, draft


SHORT_LINES = [
    "The meeting began.",
    "Then came the vote.",
    "Who was there?",
    "The hall was full.",
    "What did they decide?",
    "It rained outside.",
]
LONG_CLAIMS = [
    "The council's new timetable gives the buses on the northern route a longer stop at "
    "the hospital, where patients and nurses wait in the cold",
    "Parents from the village school asked the council to move the evening bus earlier, "
    "so that pupils who stay for sport reach home before dark",
    "The drivers' union welcomed the change to the northern route but asked for a second "
    "bus on market days, when the first one is full before the bridge",
    "Shopkeepers in the high street said that the earlier bus takes their customers away "
    "before the shops close, and asked for a later one on Fridays",
    "The council's transport officer told the meeting that the timetable was drawn up "
    "after a month of counting passengers at each stop on the route",
    "A group of older residents brought a letter asking the council to keep the bus that "
    "passes the library, which they use to reach the reading room",
    "The bus company agreed to try the new timetable for three months and to publish the "
    "number of passengers on each route at the end of the trial",
    "Councillors from the southern wards asked why their routes were not changed, since "
    "their buses are as crowded as the northern ones in the morning",
    "The meeting ended with a vote to hold a second hearing in the spring, after the "
    "trial, where passengers can say what worked and what did not",
    "The college on the hill asked for its students to be counted too, since most of them "
    "come by bus from the villages along the northern route",
    "Nurses at the hospital wrote to the paper that the longer stop at the main gate "
    "makes it easier for patients in wheelchairs to board the bus",
    "The cyclists' club asked the council to add racks for bicycles at the main stops, so "
    "that riders from the farms can leave their bicycles and take the bus",
]


def test_a_plain_claim_is_drafted_before_a_short_line_or_a_question() -> None:
    article = "The bus meeting\n\n" + " ".join(SHORT_LINES) + "\n\n"
    article += "\n\n".join(f"{claim}." for claim in LONG_CLAIMS) + "\n"
    drafts = _drafts(article)
    quotes = [d.quote for d in drafts]
    for line in SHORT_LINES:
        assert line not in quotes, quotes
    assert sum(any(q.startswith(c[:30]) for q in quotes) for c in LONG_CLAIMS) >= 6, quotes


# Misreadings found on held-out-11's first run (1908 and 1945 prose), each a general rule.


def test_a_saying_denied_is_not_a_saying() -> None:
    article = (
        "Flattery\n\nThose who praise Mr. Carnegie do not say that he is as wise as Solomon "
        "and as brave as Mars.\n"
    )
    drafts = _drafts(article)
    assert not any(d.kind is Kind.evidence for d in drafts), drafts
    assert not any("who the words come from" in d.why for d in drafts), drafts


def test_taken_for_granted_is_no_record() -> None:
    article = (
        "Flattery\n\nThe newer and cleverer flatterer takes for granted that the rich man is "
        "extraordinary in his habits and his dress.\n"
    )
    drafts = _drafts(article)
    assert drafts and not any(d.kind is Kind.evidence for d in drafts), drafts
    assert not any("record" in d.why for d in drafts), drafts


def test_a_source_word_after_a_modal_is_a_verb() -> None:
    article = (
        "Flattery\n\nThe rich man is a private man who happens to like cats and quiet dinners "
        "at home. The papers must report his every habit as if it were news of the day.\n"
    )
    drafts = _drafts(article)
    assert drafts, drafts
    for draft in drafts:
        assert "must report" not in draft.why and "nearest source" not in draft.why, draft


def test_a_link_claimed_without_a_study_is_not_read_as_groups_compared() -> None:
    # held-out-11's Mars helicopter: "the study compared groups of people" about a crash
    article = (
        "Helicopter crash\n\nThe engineers studied the photographs for a month. They found the "
        "cause of the crash was linked to the helicopter's navigation system.\n\n"
        "Obesity and heart disease\n\nIn the study, adults who slept less than five hours "
        "were more often obese: short sleep was linked to weight gain, the authors wrote.\n"
    )
    crash = _found(article, "They found the cause")
    assert crash is not None and crash.kind is Kind.inference, _drafts(article)
    assert "groups of people" not in crash.why and "‘linked to’" in crash.why, crash
    assert crash.check is not None and "the link rests on" in crash.check, crash
    study = next(d for d in suggest(article, load_cues("en"), "en") if "weight gain" in d.quote)
    assert "the study compared groups of people" in study.why, study


@pytest.mark.parametrize(
    ("language", "sentence", "words"),
    [
        (
            "es",
            "La causa del accidente estaba asociada a un fallo del sistema de navegación.",
            "¿qué muestra ese vínculo",
        ),
        (
            "fr",
            "La cause de l'accident était liée à une panne du système de navigation.",
            "qu’est-ce qui montre ce lien",
        ),
    ],
)
def test_a_link_has_its_words_in_spanish_and_french(
    language: str, sentence: str, words: str
) -> None:
    drafts = suggest(f"Accidente\n\n{sentence}\n", load_cues(language), language)
    assert any(words in d.why for d in drafts), drafts


def test_every_reason_has_its_why_in_every_language() -> None:
    # A reason without its words stopped `new` on a French article (KeyError); a check falls
    # back to the plain one's ("Ask what would show it…") by design.
    from medialit.drafting.kinds import KINDS
    from medialit.drafting.reasons_intl import WORDINGS

    for language, wording in WORDINGS.items():
        assert set(KINDS) - set(wording.why) == set(), language


def test_a_sentence_that_ends_with_a_colon_concludes_nothing() -> None:
    # held-out-12's cigarette advert: "So, for moderation's sake we say:" drafted as a conclusion
    article = (
        "Moderation\n\nThe doctors agree that too many sweets are harmful and that too many "
        "such are eaten. So, for moderation's sake we say:\n\n"
        '"REACH FOR A CIGARETTE INSTEAD OF A SWEET."\n'
    )
    for draft in suggest(article, load_cues("en"), "en"):
        assert "‘So’ draws a conclusion" not in draft.why, draft


@pytest.mark.parametrize(
    "sentence",
    [
        "So how worried should parents be about the new virus this winter?",
        "So did the governor, who signed the bill into law on Monday.",
        "So, too, were the roads into the town after the storm.",
        "So that the children could eat, the school opened its kitchen on Saturdays.",
        "Accordingly, the agency published its records of 4,000 inspections in March.",
    ],
)
def test_no_conclusion_in_a_question_an_also_or_a_sourced_report(sentence: str) -> None:
    # a review's cases: "so" that means "also", a question, a report with its source
    for draft in suggest(f"Town news\n\n{sentence}\n", load_cues("en"), "en"):
        assert "draws a conclusion" not in draft.why, draft


def test_a_saying_after_a_denied_one_is_still_a_saying() -> None:
    article = (
        "Town news\n\nThe mayor, who never says no to a reporter, said the school would close.\n"
    )
    sayings = [d for d in suggest(article, load_cues("en"), "en") if d.kind is Kind.evidence]
    assert any(d.quote.endswith(", said") for d in sayings), sayings


def test_a_sum_keeps_its_sign_and_scale_and_no_false_noun() -> None:
    # held-out-13: "The figure ‘50’ (each year)", "Look for an official count of or more"
    article = (
        "Fences\n\nA collar for just one animal can cost around $50 each year or more.\n\n"
        "The city spent $4 million on twelve new buses for the northern routes.\n\n"
        "And portable base stations cost $10,000 or more.\n"
    )
    whys = " ".join(f"{d.why} {d.check}" for d in suggest(article, load_cues("en"), "en"))
    assert "‘$50’" in whys and "‘$4 million’" in whys and "‘$10,000’" in whys, whys
    assert "(each year)" not in whys and "count of or more" not in whys, whys
    assert "count of million" not in whys, whys


def test_a_scaled_sum_counts_no_verb_and_keeps_its_scale_in_spanish() -> None:
    from medialit.drafting.numbers import noun_after, statistics

    for sentence, figure, noun in [
        ("Last year $5 million was spent on repairs to the bridge.", "$5 million", "it"),
        ("Unos 40 millones de personas viven en la costa.", "40 millones", "personas"),
        ("Costó 5 mil millones de dólares.", "5 mil millones", "dólares"),
        ("Il a donné 2 milliards d'euros à la ville.", "2 milliards", "euros"),
    ]:
        found = statistics(sentence)[0]
        assert (found.text, noun_after(sentence, found)) == (figure, noun), sentence


def test_a_sayings_check_reads_for_a_plural_speaker() -> None:
    # "Find the librarians and see whether it says what the article reports."
    article = (
        "Gardens\n\nThe county's report counted the gardens planted by its schools last spring, "
        "and the librarians wrote down what the pupils grew.\n"
    )
    checks = [d.check or "" for d in suggest(article, load_cues("en"), "en")]
    assert not any("whether it says" in c for c in checks), checks
    assert any("the words or figures of the librarians" in c for c in checks), checks
