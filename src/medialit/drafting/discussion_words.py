"""The words of the suggested questions, notes and plan (:mod:`.discussion`), by language.

A question is ``(text, notes)``, filled with ``{quote}`` (the statement's first words),
``{where}`` / ``{Where}`` ("paragraph 7"), ``{why}`` and ``{check}`` (the draft's own). The
notes teach a method and never take a side: what to listen for, not what to conclude. The
question prints on the student's sheet, beside the statements to sort, so its words never
presuppose a kind ("What is this conclusion drawn from", "No source is given" told the
students the answer); the notes, in the key only, name it.
"""

from __future__ import annotations

from dataclasses import dataclass

# One question for every statement quoted, whatever its kind: three forms, one a kind, in a
# fixed order told the students which statement was which ("How could you check it" beside
# the evidence). What it rests on and how to check it is the method for all three.
ASKED_EN = "{Where} says: “{quote}” What does it rest on, and how could you check it?"
ASKED_ES = "{Where} dice: «{quote}» ¿En qué se apoya y cómo podrías comprobarlo?"
ASKED_FR = "{Where} dit : « {quote} » Sur quoi cela repose-t-il, et comment le vérifier ?"


@dataclass(frozen=True)
class Words:
    """One language's questions, general questions (no draft fits), and plan steps."""

    paragraph: str
    article: str
    questions: dict[str, tuple[str, str]]
    general: dict[str, tuple[str, str]]
    read: tuple[str, str]
    glossary: str
    """Added to reading's details when the lesson has a glossary (none is suggested)."""
    sort: tuple[str, str]
    answers: tuple[str, str]
    discuss: tuple[str, str]
    preparation: str


ENGLISH = Words(
    paragraph="paragraph {number}",
    article="the article",
    questions={
        "inference": (
            ASKED_EN,
            "About the statement “{quote}” ({where}), an inference. Listen for students who "
            "separate what the article reports from what it concludes, and who point to the "
            "words that show the step. The key says: {why} No side to take: ask what supports "
            "the conclusion, not whether it is right.",
        ),
        "source": (
            ASKED_EN,
            "About the statement “{quote}” ({where}), evidence. A good answer names the source "
            "and where to look it up: {check} Evidence shows where a claim can be checked, not "
            "that it is true; if students doubt the source, ask what other record could "
            "confirm it.",
        ),
        "unsourced": (
            ASKED_EN,
            "About the statement “{quote}” ({where}), an assertion. Listen for concrete kinds "
            "of support (a count, a record, a named expert) rather than opinions about the "
            "claim: {check} Students need not decide whether it is true, only what would show "
            "it.",
        ),
    },
    general={
        "inference": (
            "Which sentence of the article draws a conclusion instead of reporting something? "
            "What does that conclusion rest on?",
            "Listen for students who point to the words that show the step from what is "
            "reported to what is concluded, and who say what it rests on. No side to take: ask "
            "what supports the conclusion, not whether it is right.",
        ),
        "source": (
            "Which source does the article name, and how could you check that it says what "
            "the article reports?",
            "A good answer names the source and a place to look it up (an official page, a "
            "report, the person's own words). Evidence shows where a claim can be checked, not "
            "that it is true.",
        ),
        "unsourced": (
            "Find a claim the article gives without a source. What would you need to see "
            "before you believed it?",
            "Listen for concrete kinds of support (a count, a record, a named expert) rather "
            "than opinions about the claim. Students need not decide whether it is true, only "
            "what would show it.",
        ),
    },
    read=("Read the article", "Alone, once through."),
    glossary=" Then go over the words in the glossary.",
    sort=(
        "Sort the statements",
        "In pairs: mark each statement evidence, inference or assertion, and write how you know.",
    ),
    answers=(
        "Go over the answers",
        "With the answer key: ask for the words that show each kind, and accept a second kind "
        "where the key allows it.",
    ),
    discuss=(
        "Discuss the questions",
        "Ask for reasons, not verdicts: what each claim rests on and how to check it.",
    ),
    preparation="One student sheet per student.",
)

SPANISH = Words(
    paragraph="el párrafo {number}",
    article="el artículo",
    # Tú in the students' questions, usted in the teacher's notes (as the drafts' checks).
    questions={
        "inference": (
            ASKED_ES,
            "Sobre el enunciado «{quote}» ({where}), una inferencia. Fíjese en los alumnos que "
            "distinguen entre lo que el artículo cuenta y lo que concluye, y que señalan las "
            "palabras que marcan ese paso. Según las soluciones: {why} No hay que tomar "
            "partido: pregunte en qué se basa la conclusión, no si es cierta.",
        ),
        "source": (
            ASKED_ES,
            "Sobre el enunciado «{quote}» ({where}), un dato con fuente. Una buena respuesta "
            "nombra la fuente y dónde consultarla: {check} La fuente indica dónde se puede "
            "comprobar el dato, no que sea cierto; si dudan de la fuente, pregunte qué otro "
            "registro podría confirmarlo.",
        ),
        "unsourced": (
            ASKED_ES,
            "Sobre el enunciado «{quote}» ({where}), una afirmación sin fuente. Fíjese en si "
            "proponen apoyos concretos (un recuento, un registro, un experto identificado) más "
            "que opiniones sobre lo dicho: {check} Los alumnos no tienen que decidir si es "
            "cierto, solo qué lo demostraría.",
        ),
    },
    general={
        "inference": (
            "¿Qué oración del artículo saca una conclusión en lugar de informar de un hecho? "
            "¿En qué se basa esa conclusión?",
            "Fíjese en los alumnos que señalan las palabras que marcan el paso de lo que se "
            "informa a lo que se concluye, y que dicen en qué se basa. No hay que tomar "
            "partido: pregunte en qué se basa la conclusión, no si es cierta.",
        ),
        "source": (
            "¿Qué fuente cita el artículo y cómo podrías comprobar que esa fuente dice de "
            "verdad lo que el artículo le atribuye?",
            "Una buena respuesta nombra la fuente y dónde consultarla (una página oficial, un "
            "informe, las palabras de la propia persona). Citar una fuente muestra dónde se "
            "puede comprobar algo, no que sea cierto.",
        ),
        "unsourced": (
            "Busca algo que el artículo afirme sin citar ninguna fuente. ¿Qué necesitarías ver "
            "para creerlo?",
            "Fíjese en si proponen apoyos concretos (un recuento, un registro, un experto "
            "identificado) más que opiniones sobre lo dicho. Los alumnos no tienen que decidir "
            "si es cierto, solo qué lo demostraría.",
        ),
    },
    read=("Leer el artículo", "Individualmente, una lectura completa."),
    glossary=" Después, repasar las palabras del glosario.",
    sort=(
        "Clasificar los enunciados",
        "En parejas: marcar cada enunciado como dato con fuente, inferencia o afirmación sin "
        "fuente, y escribir cómo lo saben.",
    ),
    answers=(
        "Corregir en común",
        "Con las soluciones: pedir las palabras que revelan cada tipo y aceptar un segundo "
        "tipo cuando las soluciones lo admitan.",
    ),
    discuss=(
        "Comentar las preguntas",
        "Pedir razones, no veredictos: en qué se basa cada enunciado y cómo comprobarlo.",
    ),
    preparation="Una hoja de trabajo por alumno.",
)

# French typography, as the catalogue (catalogues/fr.toml): a no-break space (U+00A0) before
# ":", a narrow one (U+202F) before ; ! ? and inside « », so that no line starts with them.
FRENCH = Words(
    paragraph="le paragraphe {number}",
    article="l’article",
    questions={
        "inference": (
            ASKED_FR,
            "À propos de l’énoncé « {quote} » ({where}), une inférence. Soyez "
            "attentif aux élèves qui distinguent ce que l’article rapporte de ce qu’il conclut, "
            "et qui repèrent les mots qui marquent ce passage. Selon le corrigé : {why} Il "
            "ne s’agit pas de prendre parti : demandez ce qui étaye la conclusion, pas si "
            "elle est juste.",
        ),
        "source": (
            ASKED_FR,
            "À propos de l’énoncé « {quote} » ({where}), une information sourcée. "
            "Une bonne réponse nomme la source et indique où la consulter : {check} Une "
            "source indique où vérifier une information, pas qu’elle est vraie ; si les "
            "élèves doutent de la source, demandez quel autre document pourrait la confirmer.",
        ),
        "unsourced": (
            ASKED_FR,
            "À propos de l’énoncé « {quote} » ({where}), une affirmation sans source. "
            "Soyez attentif aux appuis concrets que proposent les élèves (un décompte, un "
            "document, un expert nommé) plutôt qu’aux avis sur ce qui est dit : {check} "
            "Les élèves n’ont pas à décider si c’est vrai, seulement à dire ce qui le "
            "prouverait.",
        ),
    },
    general={
        "inference": (
            "Quelle phrase de l’article tire une conclusion au lieu de rapporter un fait ? "
            "Sur quoi cette conclusion repose-t-elle ?",
            "Soyez attentif aux élèves qui repèrent les mots marquant le passage de ce qui est "
            "rapporté à ce qui est conclu, et qui disent sur quoi repose la conclusion. Il ne "
            "s’agit pas de prendre parti : demandez ce qui étaye la conclusion, pas si "
            "elle est juste.",
        ),
        "source": (
            "Quelle source l’article cite-t-il, et comment vérifier qu’elle dit bien ce que "
            "l’article lui fait dire ?",
            "Une bonne réponse nomme la source et indique où la consulter (une page officielle, "
            "un rapport, les propos de la personne elle-même). Une source indique où vérifier "
            "une information, pas qu’elle est vraie.",
        ),
        "unsourced": (
            "Trouvez une affirmation que l’article avance sans citer de source. Que vous "
            "faudrait-il voir pour y croire ?",
            "Soyez attentif aux appuis concrets que proposent les élèves (un décompte, un "
            "document, un expert nommé) plutôt qu’aux avis sur ce qui est dit. Les élèves "
            "n’ont pas à décider si c’est vrai, seulement à dire ce qui le prouverait.",
        ),
    },
    read=("Lire l’article", "Individuellement, une lecture complète."),
    glossary=" Puis revoir les mots du glossaire.",
    sort=(
        "Classer les énoncés",
        "Par deux : classer chaque énoncé comme information sourcée, inférence ou "
        "affirmation sans source, et justifier ce choix par écrit.",
    ),
    answers=(
        "Corriger en commun",
        "Avec le corrigé : demander les mots qui montrent chaque type, et accepter un "
        "second type quand le corrigé le prévoit.",
    ),
    discuss=(
        "Discuter des questions",
        "Demander des raisons, pas des verdicts : sur quoi repose chaque énoncé et "
        "comment le vérifier.",
    ),
    preparation="Une fiche par élève.",
)

WORDS = {"en": ENGLISH, "es": SPANISH, "fr": FRENCH}
