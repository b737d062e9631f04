"""French: the words crosswire reads page metadata with (see crosswire.articles.lang)."""

CODE = "fr"
BYLINE_PREFIXES = (
    "par", "auteur", "auteure", "auteurs", "écrit par", "rédigé par", "propos recueillis par", "publié par",
    "texte:",
)  # fmt: skip
NAME_JOINERS = ("et", "&")
OTHER_ROLES = ("photo", "photos", "crédit", "crédits", "traduction", "illustration", "vidéo", "édition")
ROLE_WORDS = (
    "correspondant", "correspondante", "journaliste", "rédacteur", "rédactrice", "envoyé", "envoyée", "spécial",
    "spéciale", "publié", "modifié", "commentaires", "partager", "lecture",
)  # fmt: skip
NOT_NAMES = ("auteur", "anonyme", "invité", "inconnu", "rédaction en ligne", "accueil")
MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "janv": 1, "févr": 2, "fév": 2, "avr": 4, "juil": 7, "déc": 12,
}  # fmt: skip
DATE_FILLERS = ()
PUBLISHED_CUES = ("publié", "mis en ligne", "créé", "date de publication", "paru")
MODIFIED_CUES = ("mis à jour", "modifié", "actualisé", "dernière modification")
BOILERPLATE_STARTS = (
    "lire aussi", "à lire aussi", "voir aussi", "lire la suite", "crédits photos", "crédit photo", "abonnez-vous",
    "inscrivez-vous", "partager", "newsletter", "tous droits réservés", "commentaires", "publicité",
)  # fmt: skip
GENERIC_HEADINGS = (
    "accueil", "actualités", "actualité", "actus", "blog", "archives", "catégories", "rubriques", "menu",
    "menu principal", "non classé", "thèmes", "articles", "à la une", "recherche", "commentaires", "partager",
    "à propos", "contact", "mots-clés", "sur le même sujet", "à lire aussi",
)  # fmt: skip
NUMERIC_DAY_FIRST = True
