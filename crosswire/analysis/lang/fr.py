"""French: the words crosswire's analysis reads French articles with (see crosswire.analysis.lang)."""

from crosswire.analysis.lang import LanguagePack
from crosswire.articles.lang.fr import MONTHS

CUE_VERBS = (
    "déclarer", "dire", "affirmer", "ajouter", "estimer", "expliquer", "indiquer", "souligner", "assurer",
    "prévenir", "avertir", "annoncer", "confier", "rappeler", "préciser", "insister", "marteler", "lancer",
    "répondre", "poursuivre", "conclure", "écrire", "juger", "dénoncer", "accuser", "réagir", "commenter",
    "noter", "observer", "confirmer", "démentir", "nier", "reconnaître", "promettre", "menacer", "déplorer",
    "regretter", "résumer", "détailler", "raconter", "témoigner", "signaler", "relever", "lâcher", "glisser",
    "avancer", "soutenir", "plaider", "réclamer", "exhorter", "s'inquiéter", "inquiéter", "alerter",
    "mettre", "tweeter", "publier", "admettre", "reprendre", "continuer", "renchérir", "fustiger", "critiquer",
    "condamner", "qualifier", "jurer", "certifier", "objecter", "rétorquer", "répliquer",
)  # fmt: skip
TITLES = (
    "président", "présidente", "ministre", "conseiller", "conseillère", "porte-parole", "secrétaire", "chef",
    "dirigeant", "dirigeante", "leader", "ambassadeur", "ambassadrice", "général", "amiral", "sénateur",
    "sénatrice", "député", "députée", "directeur", "directrice", "premier", "première", "vice-président",
    "vice-présidente", "m.", "mme", "monsieur", "madame", "dr", "professeur", "professeure", "diplomate",
    "responsable", "haut", "haute", "fonctionnaire", "chancelier", "chancelière", "roi", "reine",
)  # fmt: skip
# Names French writes its own way; the right side is crosswire's canonical (English) name.
ALIASES = {
    "Corée du Nord": "North Korea", "Corée du Sud": "South Korea", "Russie": "Russia",
    "États-Unis": "United States", "Etats-Unis": "United States", "Chine": "China", "Ukraine": "Ukraine",
    "Royaume-Uni": "United Kingdom", "Allemagne": "Germany", "Japon": "Japan", "Iran": "Iran",
    "Maison-Blanche": "White House", "Maison Blanche": "White House", "Kremlin": "Kremlin",
    "Pyongyang": "Pyongyang", "Moscou": "Moscow", "Washington": "Washington", "Pékin": "Beijing",
    "Séoul": "Seoul", "Vladivostok": "Vladivostok", "Union européenne": "European Union",
    "Nations unies": "United Nations", "ONU": "United Nations", "Otan": "NATO", "OTAN": "NATO",
    "Vladimir Poutine": "Vladimir Putin", "Poutine": "Putin", "Kim Jong-un": "Kim Jong Un",
    "Sergueï Choïgou": "Sergei Shoigu", "Choïgou": "Shoigu", "Sergueï Lavrov": "Sergei Lavrov",
    "Volodymyr Zelensky": "Volodymyr Zelenskyy",
}  # fmt: skip

UNITS = {
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month",
    "an": "year", "ans": "year", "année": "year", "années": "year",
}  # fmt: skip
NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "quinze": 15, "vingt": 20, "trente": 30,
}  # fmt: skip

PACK = LanguagePack(
    code="fr",
    quote_marks=(("«", "»"), ("“", "”"), ('"', '"'), ("‹", "›")),
    cue_verbs=frozenset(CUE_VERBS),
    source_markers=("selon", "d'après", "d’après"),
    subject_pronouns=frozenset({"il", "elle", "ils", "elles", "celui-ci", "celle-ci"}),
    titles=frozenset(TITLES),
    entity_labels={"PER": "PERSON", "LOC": "GPE", "ORG": "ORG", "MISC": "MISC"},
    aliases=ALIASES,
    months=MONTHS,
    weekdays={"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    day_words={"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1, "après-demain": 2},
    past_words=frozenset({"dernier", "dernière", "passé", "passée", "précédent", "précédente"}),
    next_words=frozenset({"prochain", "prochaine", "suivant", "suivante"}),
    this_words=frozenset({"ce", "cette", "cet"}),
    units=UNITS,
    numbers=NUMBERS,
    ago_words=("il y a",),
    in_words=("en", "au mois de", "courant"),
    first_day=("1er", "premier"),
    modifier_after=True,
)
