"""Italian: the words crosswire reads page metadata with (see crosswire.articles.lang)."""

CODE = "it"
BYLINE_PREFIXES = ("a cura di", "autore", "autrice", "scritto da", "pubblicato da")
NAME_JOINERS = ("e", "&")
OTHER_ROLES = ("foto", "traduzione", "illustrazione", "video")
ROLE_WORDS = ("corrispondente", "giornalista", "redattore", "redattrice", "inviato", "inviata", "pubblicato")
NOT_NAMES = ("autore", "anonimo", "ospite", "redazione web")
MONTHS = {
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8,
    "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12, "gen": 1, "feb": 2, "mar": 3, "apr": 4,
    "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10, "nov": 11, "dic": 12,
}  # fmt: skip
DATE_FILLERS = ()
PUBLISHED_CUES = ("pubblicato", "data di pubblicazione")
MODIFIED_CUES = ("aggiornato", "modificato", "ultimo aggiornamento")
BOILERPLATE_STARTS = ("leggi anche", "leggi di più", "iscriviti", "newsletter", "condividi", "commenti", "pubblicità")
GENERIC_HEADINGS = (
    "home", "notizie", "ultime notizie", "blog", "archivio", "categorie", "argomenti", "menu", "senza categoria",
    "articoli", "cerca", "commenti", "condividi", "contatti",
)  # fmt: skip
NUMERIC_DAY_FIRST = True
