"""Issue 19, session 7: Spanish and French drafts read claims by their form, and amounts.

The cues files of Spanish and French now have the ``plain_`` lists the English one has
(``plain_generalisation``, ``plain_judgement``, ``plain_superlative``) and an ``amounts`` list,
read by the same code: a case said to be alone ("el único periódico", "le seul quotidien"), an
amount judged ("demasiados", "trop de"), a negated existence ("No hay tal cosa", "Il n'y a pas
de") are assertions whose why names those words; "pocos", "peu de" give an amount without a
count, not a claim about every case.
"""

from __future__ import annotations

import pytest

from medialit.drafting.suggest import load_cues, suggest

ARTICLES = {
    "es": (
        "El Diario\n\n"
        "El Diario es el único periódico de la ciudad que gana dinero con el papel. Hay "
        "demasiados periódicos dirigidos por los anunciantes. No hay tal cosa como una prensa "
        "libre fuera de El Diario. Pocos editores pueden mostrar su talento."
    ),
    "fr": (
        "Le Journal\n\n"
        "Le Journal est le seul quotidien de la ville qui gagne de l'argent sur le papier. Il y "
        "a trop de journaux dirigés par les annonceurs. Il n'y a pas de presse libre hors du "
        "Journal. Peu de rédacteurs peuvent montrer leur talent."
    ),
}
EXPECTED = {
    "es": [("El Diario es", "«el único»"), ("Hay demasiados", "«demasiados»"),
           ("No hay tal", "«No hay tal»"), ("Pocos editores", "«Pocos» da una cantidad")],
    "fr": [("Le Journal est", "«\u202fle seul\u202f»"), ("Il y a trop", "«\u202ftrop de\u202f»"),
           ("Il n'y a pas", "«\u202fIl n'y a pas de\u202f»"),
           ("Peu de", "«\u202fPeu de\u202f» donne une quantité")],
}  # fmt: skip


@pytest.mark.parametrize("language", ["es", "fr"])
def test_claims_by_their_form_in_spanish_and_french(language: str) -> None:
    found = suggest(ARTICLES[language], load_cues(language), language)
    for start, cue in EXPECTED[language]:
        draft = next((s for s in found if s.quote.startswith(start)), None)
        assert draft is not None, [s.quote for s in found]
        assert draft.kind.value == "assertion", draft
        assert cue in draft.why, draft.why
        assert draft.reading_sure > 0.35, draft  # ranked above a plain sentence
