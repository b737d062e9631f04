"""German: the words crosswire reads page metadata with (see crosswire.articles.lang)."""

CODE = "de"
BYLINE_PREFIXES = (
    "von", "vom", "autor", "autorin", "autoren", "text:", "text von", "ein beitrag von", "beitrag von",
    "geschrieben von", "verfasst von", "artikel von", "alle beiträge von", "zeige alle beiträge von",
    "veröffentlicht von", "erstellt von", "gepostet von", "interview:",
)  # fmt: skip
NAME_JOINERS = ("und", "&")
OTHER_ROLES = (
    "foto", "fotos", "bild", "bilder", "quelle", "übersetzung", "illustration", "grafik", "mitarbeit",
    "redaktion:", "video", "kamera",
)  # fmt: skip
ROLE_WORDS = (
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "chefredakteur", "chefredakteurin",
    "mitarbeiter", "mitarbeiterin", "gastautor", "gastautorin", "gastbeitrag", "veröffentlicht", "aktualisiert",
    "kommentare", "kommentar", "lesezeit", "minuten", "teilen", "mehr", "artikel", "beiträge", "uhr",
)  # fmt: skip
NOT_NAMES = ("autor", "autorin", "gast", "unbekannt", "anonym", "benutzer", "datum", "von", "startseite")
MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "feber": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12, "jan": 1,
    "jän": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dez": 12,
}  # fmt: skip
DATE_FILLERS = ()
PUBLISHED_CUES = ("veröffentlicht", "erschienen", "publiziert", "erstellt", "datum", "gepostet", "online seit")
MODIFIED_CUES = ("aktualisiert", "geändert", "zuletzt", "stand", "letzte änderung", "überarbeitet")
BOILERPLATE_STARTS = (
    "lesen sie auch", "auch lesen", "lies auch", "mehr zum thema", "weitere infos", "weiterlesen",
    "das könnte sie auch interessieren", "das könnte dich auch interessieren",
    "abonnieren", "newsletter", "anzeige", "werbung", "titelbild", "bildquelle", "foto:", "fotos:", "quelle:",
    "inhaltsverzeichnis", "keine kommentare", "kommentare", "sie sind aktuell nicht eingeloggt",
    "sie sind nicht eingeloggt", "vorschau auf den nächsten artikel", "kategorie:", "kategorien:", "schlagwörter:",
    "video verfügbar bis", "teilen", "jetzt teilen", "alle rechte vorbehalten",
    "telefon:", "tel.:", "e-mail:", "fax:", "klicken sie",
)  # fmt: skip
GENERIC_HEADINGS = (
    "allgemein", "themen", "thema", "startseite", "aktuelles", "aktuell", "nachrichten", "news", "blog",
    "archiv", "hauptmenü", "menü", "navigation", "hauptnavigation", "kategorien", "kategorie", "suche",
    "beiträge", "neueste beiträge", "letzte beiträge", "ähnliche beiträge", "artikel", "meldungen",
    "pressemitteilungen", "presse", "kommentare", "teilen", "mehr zum thema", "das könnte sie auch interessieren",
    "über uns", "kontakt", "impressum", "schlagwörter", "tags", "ressorts", "rubriken", "sie sind hier",
)  # fmt: skip
NUMERIC_DAY_FIRST = True
