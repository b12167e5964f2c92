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
            "{Where} says: “{quote}” What does this rest on, and what else could explain it?",
            "About the statement “{quote}” ({where}), an inference. Listen for students who "
            "separate what the article reports from what it concludes, and who point to the "
            "words that show the step. The key says: {why} No side to take: ask what supports "
            "the conclusion, not whether it is right.",
        ),
        "source": (
            "{Where} says: “{quote}” How could you check it, and where would you look?",
            "About the statement “{quote}” ({where}), evidence. A good answer names the source "
            "and where to look it up: {check} Evidence shows where a claim can be checked, not "
            "that it is true; if students doubt the source, ask what other record could "
            "confirm it.",
        ),
        "unsourced": (
            "{Where} says: “{quote}” What would you need to see before you believed it?",
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
    questions={
        "inference": (
            "{Where} dice: «{quote}» ¿En qué se apoya, y qué otra cosa podría explicarlo?",
            "Sobre el enunciado «{quote}» ({where}), una inferencia. Fíjese en quién separa lo "
            "que el artículo informa de lo que concluye y señala las palabras que muestran el "
            "paso. La clave dice: {why} No hay que tomar partido: pregunte qué apoya la "
            "conclusión, no si es cierta.",
        ),
        "source": (
            "{Where} dice: «{quote}» ¿Cómo podría comprobarlo, y dónde buscaría?",
            "Sobre el enunciado «{quote}» ({where}), un dato con fuente. Una buena respuesta "
            "nombra la fuente y dónde consultarla: {check} Un dato con fuente muestra dónde se "
            "puede comprobar, no que sea cierto; si dudan de la fuente, pregunte qué otro "
            "registro podría confirmarlo.",
        ),
        "unsourced": (
            "{Where} dice: «{quote}» ¿Qué necesitaría ver para creerlo?",
            "Sobre el enunciado «{quote}» ({where}), una afirmación sin fuente. Fíjese en "
            "apoyos concretos (un recuento, un registro, un experto con nombre) más que en "
            "opiniones sobre lo dicho: {check} No hace falta decidir si es cierto, solo qué lo "
            "demostraría.",
        ),
    },
    general={
        "inference": (
            "¿Qué oración del artículo saca una conclusión en lugar de informar? ¿En qué se "
            "apoya esa conclusión?",
            "Fíjese en quién señala las palabras que muestran el paso de lo informado a lo "
            "concluido y dice en qué se apoya. No hay que tomar partido: pregunte qué apoya la "
            "conclusión, no si es cierta.",
        ),
        "source": (
            "¿Qué fuente nombra el artículo, y cómo podría comprobar que dice lo que el "
            "artículo cuenta?",
            "Una buena respuesta nombra la fuente y dónde consultarla (una página oficial, un "
            "informe, las palabras de la propia persona). Una fuente muestra dónde se puede "
            "comprobar, no que sea cierto.",
        ),
        "unsourced": (
            "Busque algo que el artículo afirma sin fuente. ¿Qué necesitaría ver para creerlo?",
            "Fíjese en apoyos concretos (un recuento, un registro, un experto con nombre) más "
            "que en opiniones sobre lo dicho. No hace falta decidir si es cierto, solo qué lo "
            "demostraría.",
        ),
    },
    read=("Leer el artículo", "Solos, una vez entero."),
    glossary=" Después, repasar las palabras del glosario.",
    sort=(
        "Clasificar los enunciados",
        "En parejas: marcar cada enunciado como dato con fuente, inferencia o afirmación sin "
        "fuente, y escribir cómo lo saben.",
    ),
    answers=(
        "Corregir",
        "Con la clave: pedir las palabras que muestran cada tipo, y aceptar un segundo tipo "
        "donde la clave lo permite.",
    ),
    discuss=(
        "Comentar las preguntas",
        "Pedir razones, no veredictos: en qué se apoya cada afirmación y cómo comprobarla.",
    ),
    preparation="Una hoja del alumno por estudiante.",
)

FRENCH = Words(
    paragraph="le paragraphe {number}",
    article="l'article",
    questions={
        "inference": (
            "{Where} dit : « {quote} » Sur quoi cela repose-t-il, et qu'est-ce qui pourrait "
            "l'expliquer autrement ?",
            "À propos de l'énoncé « {quote} » ({where}), une inférence. Écoutez les élèves qui "
            "distinguent ce que l'article rapporte de ce qu'il conclut, et qui montrent les "
            "mots qui marquent ce passage. Le corrigé dit : {why} Pas de camp à prendre : "
            "demandez ce qui appuie la conclusion, pas si elle est juste.",
        ),
        "source": (
            "{Where} dit : « {quote} » Comment pourriez-vous le vérifier, et où chercheriez-vous ?",
            "À propos de l'énoncé « {quote} » ({where}), une information sourcée. Une bonne "
            "réponse nomme la source et où la consulter : {check} Une source montre où l'on "
            "peut vérifier, pas que c'est vrai ; si les élèves doutent de la source, demandez "
            "quel autre document pourrait le confirmer.",
        ),
        "unsourced": (
            "{Where} dit : « {quote} » Que vous faudrait-il voir pour le croire ?",
            "À propos de l'énoncé « {quote} » ({where}), une affirmation sans source. Écoutez "
            "les appuis concrets (un décompte, un document, un expert nommé) plutôt que les "
            "avis sur ce qui est dit : {check} Inutile de décider si c'est vrai, seulement ce "
            "qui le prouverait.",
        ),
    },
    general={
        "inference": (
            "Quelle phrase de l'article tire une conclusion au lieu de rapporter un fait ? Sur "
            "quoi cette conclusion repose-t-elle ?",
            "Écoutez les élèves qui montrent les mots marquant le passage de ce qui est "
            "rapporté à ce qui est conclu, et qui disent sur quoi il repose. Pas de camp à "
            "prendre : demandez ce qui appuie la conclusion, pas si elle est juste.",
        ),
        "source": (
            "Quelle source l'article nomme-t-il, et comment vérifier qu'elle dit ce que "
            "l'article rapporte ?",
            "Une bonne réponse nomme la source et où la consulter (une page officielle, un "
            "rapport, les propos de la personne elle-même). Une source montre où l'on peut "
            "vérifier, pas que c'est vrai.",
        ),
        "unsourced": (
            "Trouvez une affirmation que l'article donne sans source. Que vous faudrait-il voir "
            "pour la croire ?",
            "Écoutez les appuis concrets (un décompte, un document, un expert nommé) plutôt que "
            "les avis sur ce qui est dit. Inutile de décider si c'est vrai, seulement ce qui le "
            "prouverait.",
        ),
    },
    read=("Lire l'article", "Seuls, une fois en entier."),
    glossary=" Puis revoir les mots du glossaire.",
    sort=(
        "Classer les énoncés",
        "Par deux : marquer chaque énoncé information sourcée, inférence ou affirmation sans "
        "source, et écrire comment on le sait.",
    ),
    answers=(
        "Corriger",
        "Avec le corrigé : demander les mots qui montrent chaque type, et accepter un second "
        "type là où le corrigé le permet.",
    ),
    discuss=(
        "Discuter les questions",
        "Demander des raisons, pas des verdicts : sur quoi repose chaque affirmation et "
        "comment la vérifier.",
    ),
    preparation="Une fiche élève par élève.",
)

WORDS = {"en": ENGLISH, "es": SPANISH, "fr": FRENCH}
