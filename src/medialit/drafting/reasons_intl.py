"""The ``why`` and the ``check`` of a draft in Spanish and French, as :mod:`.reasons` writes
them in English: the same reasons, each naming what makes this passage its kind here.

Each template is filled with the words found in the passage: ``{cue}`` (the word that shows
the kind), ``{said}`` ("Quoted from X: "), ``{source}`` and ``{where}`` (the source a figure
comes from and where the article names it), ``{journal}`` (", in Nature"), ``{noun}`` (what
a figure counts), ``{central}`` (the note on the article's central claim), ``{study}`` (the
study or record to open) and ``{speaker}``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    """One language's reasons, checks and the phrases they are built from."""

    why: dict[str, str]
    check: dict[str, str]
    where: dict[str, str]
    said: str
    journal: str
    central: str
    study: str
    here: str
    counted: str
    """What a figure counts when the words after it do not say."""


SPANISH = Wording(
    why={
        "saying": "Dice de quién vienen las palabras ({cue}): prueba de que se dijeron, no de "
        "que lo dicho sea cierto.",
        "vague": "«{cue}» no nombra a nadie a quien preguntar: ¿quién exactamente, y dónde lo "
        "dijo?",
        "hedged finding": "Informa de lo que encontró {source}, pero «{cue}» muestra que es su "
        "lectura de los resultados, no algo medido: ¿qué del estudio lo respalda, y con qué "
        "seguridad?{central}",
        "finding": "Informa de lo que encontró {cue} y el artículo dice dónde se "
        "publicó{journal}: cualquiera puede consultarlo.",
        "record": "Remite a un registro que cualquiera puede consultar («{cue}»){journal}.",
        "attributed": "Dice de dónde viene la información («{cue}»): eso se puede comprobar, "
        "aunque solo muestra que se dijo.",
        "correlation": "«{cue}»: el estudio comparó grupos de personas, lo que muestra que dos "
        "cosas van juntas, no que una cause la otra.{central}",
        "link": "{said}«{cue}» dice que dos cosas van juntas: ¿qué muestra ese vínculo, y "
        "muestra que una causó la otra?{central}",
        "certainty": "{said}«{cue}» lo presenta como cosa zanjada, pero nada aquí muestra cómo "
        "se sabe.",
        "judgement": "{said}«{cue}» juzga en lugar de informar: quite la palabra y vea qué "
        "hecho comprobable queda.",
        "generalisation": "{said}«{cue}» lo hace valer para todos los casos, y el artículo no "
        "cuenta ninguno: un solo caso que no encaje lo desmentiría.",
        "recommendation": "{said}«{cue}» da un consejo: dice al lector qué hacer, y eso no es un "
        "hecho que se pueda comprobar.",
        "causal": "{said}«{cue}» une una causa y un efecto: ese vínculo es una conclusión, y el "
        "artículo no muestra en qué se apoya.",
        "comparison": "{said}«{cue}» compara, pero no da cifras de ninguno de los dos lados.",
        "superlative": "{said}«{cue}» lo pone por encima de todos los demás casos, y el "
        "artículo no da el registro con que se comparó.",
        "prediction": "{said}«{cue}» lo convierte en una conjetura o un pronóstico, sacado de "
        "algo que el artículo no muestra.{central}",
        "sourced number": "La cifra «{cue}» tiene una fuente, que el artículo nombra {where} "
        "({source}): se puede comprobar allí.",
        "nearby number": "La cifra «{cue}» ({noun}) no trae fuente propia; la fuente que el "
        "artículo nombra {where} ({source}) puede ser de donde viene.",
        "unsourced number": "La cifra «{cue}» ({noun}) no trae fuente, ni aquí ni antes en el "
        "párrafo: ¿quién contó, y cómo?",
        "plain": "{said}se afirma como un hecho, sin fuente y sin nada que muestre cómo se sabe.",
        "rhetorical": "{said}«{cue}» hace una pregunta que solo espera una respuesta: una "
        "conclusión presentada como pregunta, sin las razones que la mostrarían.",
        "stance": "«{cue}» da la creencia o la esperanza de quien escribe: una opinión, que el "
        "artículo no muestra.",
        "own account": "{speaker} habla de su propio estado o de lo que hizo («{cue}»): solo "
        "esa persona puede contarlo, así que la prueba es que lo dijo.",
        "plan": "{said}«{cue}» anuncia un plan, no un pronóstico sacado de pruebas: dice lo que "
        "se piensa hacer, y se puede comprobar pasada la fecha.",
        "observed": "Informa de lo que pasó en términos que se pueden comprobar (quién, qué, "
        "dónde, cuándo), no una opinión ni una conclusión.",
        "conclusion": "{said}«{cue}» saca una conclusión de lo que se acaba de contar: ¿en qué "
        "se apoya, y lo muestra el artículo?",
        "amount": "{said}«{cue}» da una cantidad sin contarla: ¿cuántos exactamente, de cuántos, "
        "y quién los contó?",
        "method": "{said}Dice cómo se obtuvieron los resultados («{cue}»): el método es parte de "
        "la prueba, y se puede comprobar donde se describe el trabajo.",
        "concluded": "{said}saca una conclusión de lo que el artículo informa: el paso de los "
        "hechos a la conclusión es de quien escribe (o de quien habla), y el artículo no muestra "
        "todo aquello en que se apoya.",
        "hedged claim": "{said}«{cue}» lo matiza, pero nada aquí dice de dónde viene ni cómo se "
        "sabe: una afirmación sin apoyo.",
    },
    check={
        "saying": "Busque lo que dijo o publicó {speaker} (un comunicado, una entrevista, un "
        "artículo) y compárelo con el artículo.",
        "vague": "Busque quién lo dijo primero; si no se puede nombrar a nadie, trátelo como un "
        "rumor.",
        "finding": "Abra {study} y busque este resultado en su resumen.",
        "hedged finding": "Abra {study} y vea con qué límites e incertidumbre presentan sus "
        "autores este resultado.",
        "record": "Consulte el registro ({study}) y compruebe que dice esto.",
        "attributed": "Busque la declaración o el informe original y compare la redacción.",
        "correlation": "Lea {study}: ¿comparó grupos o puso a prueba una causa? ¿Qué dice de "
        "sus propios límites?",
        "link": "Busque en qué se apoya el vínculo (una prueba, un registro, una comparación) y "
        "pregúntese si otra cosa podría explicarlo.",
        "sourced number": "Busque «{cue}» en {study}.",
        "nearby number": "Compruebe si {source} da «{cue}»; si no, busque quién contó.",
        "unsourced number": "Busque un recuento oficial ({noun}: un organismo público, un censo, "
        "un estudio con nombre) y compárelo con «{cue}».",
        "prediction": "Anote lo que se pronostica y compruebe más tarde lo que pasó de verdad.",
        "recommendation": "Busque quién da este consejo y en qué pruebas se apoya.",
        "causal": "Pregúntese qué más podría explicarlo y busque una fuente que muestre el "
        "vínculo.",
        "comparison": "Busque las cifras de los dos lados de la comparación.",
        "superlative": "Busque el registro con que se compara (una lista, las mediciones de un "
        "organismo) y compruebe que nada lo supera.",
        "speaker": "Pregúntese en qué se apoya lo dicho ({speaker} es quien habla) y busque una "
        "fuente que no dependa de quien habla.",
        "plain": "Pregúntese qué lo demostraría (un recuento, un registro, una fuente con "
        "nombre) y búsquelo.",
        "observed": "Busque otro informe o un registro (una página oficial, un acta, un "
        "documento con nombre) que muestre lo mismo.",
        "conclusion": "Busque en el artículo los hechos de los que se saca la conclusión, y "
        "pregúntese si llevan a ella o si otra explicación encaja igual.",
        "amount": "Busque un recuento (un registro, una encuesta, un estudio con nombre) que diga "
        "cuántos son.",
        "method": "Abra {study} y lea cómo se hizo (su sección de métodos o de datos).",
        "concluded": "Busque en el artículo en qué se apoya la conclusión, y pregúntese qué otra "
        "cosa podría explicar los mismos hechos.",
        "hedged claim": "Pregunte quién lo dice y cómo lo sabe, y busque una fuente que lo "
        "muestre.",
    },
    where={
        "in the same sentence": "en la misma oración",
        "as the speaker": "como quien habla",
        "in this sentence": "en esta oración",
        "in the sentence before": "en la oración anterior",
        "in this paragraph's first sentence": "en la primera oración del párrafo",
        "in this paragraph": "en este párrafo",
        "in the paragraph before": "en el párrafo anterior",
    },
    said="Según {speaker}: ",
    journal=", en {journal}",
    central=" Es la afirmación sobre la que se construye el artículo.",
    study="el estudio de {journal}",
    here="(Aquí: «{topic}».)",
    counted="lo contado",
)

# The spaces before : ; ! ? and inside « » are no-break ones (U+00A0, U+202F), as in the
# French catalogue: a key's line never starts with them.
FRENCH = Wording(
    why={
        "saying": "Cela dit de qui viennent les propos ({cue}) : la preuve qu’ils ont été tenus, "
        "pas que ce qui est dit est vrai.",
        "vague": "« {cue} » ne nomme personne que l’on puisse interroger : qui exactement, et "
        "où l’a-t-on dit ?",
        "hedged finding": "Cela rapporte ce qu’a trouvé {source}, mais « {cue} » montre que "
        "c’est leur lecture des résultats, non une mesure : qu’est-ce qui l’appuie dans "
        "l’étude, et avec quelle certitude ?{central}",
        "finding": "Cela rapporte ce qu’a trouvé {cue}, et l’article dit où c’est "
        "paru{journal} : chacun peut le consulter.",
        "record": "Cela renvoie à un document que chacun peut consulter (« {cue} »){journal}.",
        "attributed": "Cela dit d’où vient l’information (« {cue} ») : on peut le vérifier, "
        "même si cela montre seulement que cela a été dit.",
        "correlation": "« {cue} » : l’étude a comparé des groupes de personnes, ce qui montre "
        "que deux choses vont ensemble, pas que l’une cause l’autre.{central}",
        "link": "{said}« {cue} » dit que deux choses vont ensemble : qu’est-ce qui montre ce "
        "lien, et montre-t-il que l’une a causé l’autre ?{central}",
        "certainty": "{said}« {cue} » présente la chose comme acquise, mais rien ici ne montre "
        "comment on le sait.",
        "judgement": "{said}« {cue} » juge au lieu de rapporter : retirez le mot et voyez quel "
        "fait vérifiable il reste.",
        "generalisation": "{said}« {cue} » vaut pour tous les cas, et l’article n’en compte "
        "aucun : un seul cas qui ne colle pas suffirait à le réfuter.",
        "recommendation": "{said}« {cue} » donne un conseil : cela dit au lecteur quoi faire, ce "
        "qui n’est pas un fait vérifiable.",
        "causal": "{said}« {cue} » relie une cause à un effet : ce lien est une conclusion, et "
        "l’article ne montre pas sur quoi elle repose.",
        "comparison": "{said}« {cue} » compare, mais ne donne de chiffres pour aucun des deux "
        "côtés.",
        "superlative": "{said}« {cue} » le place au-dessus de tous les autres cas, et "
        "l’article ne donne pas le registre auquel il a été comparé.",
        "prediction": "{said}« {cue} » en fait une conjecture ou une prévision, tirée de ce que "
        "l’article ne montre pas.{central}",
        "sourced number": "Le chiffre « {cue} » a une source, que l’article nomme {where} "
        "({source}) : on peut le vérifier là.",
        "nearby number": "Le chiffre « {cue} » ({noun}) n’a pas de source propre ; la source "
        "que l’article nomme {where} ({source}) pourrait en être l’origine.",
        "unsourced number": "Le chiffre « {cue} » ({noun}) n’a pas de source, ni ici ni plus "
        "haut dans le paragraphe : qui a compté, et comment ?",
        "plain": "{said}c’est affirmé comme un fait, sans source et sans rien qui montre "
        "comment on le sait.",
        "rhetorical": "{said}« {cue} » pose une question qui n’attend qu’une réponse : une "
        "conclusion présentée comme une question, sans les raisons qui la montreraient.",
        "stance": "« {cue} » donne la croyance ou l’espoir de l’auteur : une opinion, que "
        "l’article ne démontre pas.",
        "own account": "{speaker} parle de son propre état ou de ce qu’il a fait (« {cue} ») : "
        "lui seul peut le dire, donc la preuve est qu’il l’a dit.",
        "plan": "{said}« {cue} » annonce un projet, pas une prévision tirée de preuves : cela "
        "dit ce qui est prévu, et se vérifie une fois la date passée.",
        "observed": "Cela rapporte ce qui s’est passé en termes vérifiables (qui, quoi, où, "
        "quand), pas une opinion ni une conclusion.",
        "conclusion": "{said}« {cue} » tire une conclusion de ce qui vient d’être dit : sur "
        "quoi repose-t-elle, et l’article le montre-t-il ?",
        "amount": "{said}« {cue} » donne une quantité sans la compter : combien au juste, sur "
        "combien, et qui a compté ?",
        "method": "{said}Cela dit comment les résultats ont été obtenus (« {cue} ») : la méthode "
        "fait partie de la preuve, et on peut la vérifier là où le travail est décrit.",
        "concluded": "{said}cela tire une conclusion de ce que l’article rapporte : le passage "
        "des faits à la conclusion est celui de l’auteur (ou de la personne qui parle), et "
        "l’article ne montre pas tout ce sur quoi elle repose.",
        "hedged claim": "{said}« {cue} » le nuance, mais rien ici ne dit d’où cela vient "
        "ni comment on le sait : une affirmation sans appui.",
    },
    check={
        "saying": "Cherchez ce qu’a dit ou publié {speaker} (un communiqué, un entretien, un "
        "article) et comparez avec l’article.",
        "vague": "Cherchez qui l’a dit en premier ; si personne ne peut être nommé, traitez-le "
        "comme une rumeur.",
        "finding": "Ouvrez {study} et cherchez ce résultat dans son résumé.",
        "hedged finding": "Ouvrez {study} et voyez avec quelles limites et quelle incertitude "
        "ses auteurs présentent ce résultat.",
        "record": "Consultez le document ({study}) et vérifiez qu’il dit cela.",
        "attributed": "Cherchez la déclaration ou le rapport d’origine et comparez la formulation.",
        "correlation": "Lisez {study} : a-t-elle comparé des groupes ou testé une cause ? Que "
        "dit-elle de ses propres limites ?",
        "link": "Cherchez sur quoi repose ce lien (un essai, un document, une comparaison) et "
        "demandez-vous si autre chose pourrait l’expliquer.",
        "sourced number": "Cherchez « {cue} » dans {study}.",
        "nearby number": "Vérifiez si {source} donne « {cue} » ; sinon, cherchez qui a compté.",
        "unsourced number": "Cherchez un décompte officiel ({noun} : un organisme public, un "
        "recensement, une étude nommée) et comparez-le avec « {cue} ».",
        "prediction": "Notez ce qui est prévu et vérifiez plus tard ce qui s’est vraiment passé.",
        "recommendation": "Cherchez qui donne ce conseil et sur quelles preuves il s’appuie.",
        "causal": "Demandez-vous ce qui pourrait l’expliquer d’autre et cherchez une source qui "
        "montre le lien.",
        "comparison": "Cherchez les chiffres des deux côtés de la comparaison.",
        "superlative": "Cherchez le registre auquel il est comparé (une liste, les mesures d’un "
        "organisme) et vérifiez que rien ne le dépasse.",
        "speaker": "Demandez-vous sur quoi reposent ces propos ({speaker} parle) et cherchez "
        "une source qui ne dépende pas de la personne qui parle.",
        "plain": "Demandez-vous ce qui le prouverait (un décompte, un document, une source "
        "nommée) et cherchez-le.",
        "observed": "Cherchez un autre compte rendu ou un document (une page officielle, un "
        "procès-verbal, un document nommé) qui montre la même chose.",
        "conclusion": "Cherchez dans l’article les faits dont la conclusion est tirée, et "
        "demandez-vous s’ils y mènent ou si une autre explication convient aussi bien.",
        "amount": "Cherchez un décompte (un document, une enquête, une étude nommée) qui dise "
        "combien ils sont.",
        "method": "Ouvrez {study} et lisez comment le travail a été fait (ses méthodes ou ses "
        "données).",
        "concluded": "Cherchez dans l’article ce sur quoi repose la conclusion, et demandez-vous "
        "ce qui pourrait expliquer autrement les mêmes faits.",
        "hedged claim": "Demandez qui le dit et comment il le sait, puis cherchez une source qui "
        "le montre.",
    },
    where={
        "in the same sentence": "dans la même phrase",
        "as the speaker": "comme la personne qui parle",
        "in this sentence": "dans cette phrase",
        "in the sentence before": "dans la phrase précédente",
        "in this paragraph's first sentence": "dans la première phrase du paragraphe",
        "in this paragraph": "dans ce paragraphe",
        "in the paragraph before": "dans le paragraphe précédent",
    },
    said="Selon {speaker} : ",
    journal=", dans {journal}",
    central=" C’est l’affirmation sur laquelle repose l’article.",
    study="l’étude parue dans {journal}",
    here="(Ici : « {topic} ».)",
    counted="ce qui est compté",
)

WORDINGS = {"es": SPANISH, "fr": FRENCH}
