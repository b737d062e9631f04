"""Portuguese: the words crosswire reads page metadata with (see crosswire.articles.lang)."""

CODE = "pt"
BYLINE_PREFIXES = ("por", "autor", "autora", "escrito por", "publicado por", "texto:")
NAME_JOINERS = ("e", "&")
OTHER_ROLES = ("foto", "fotos", "tradução", "ilustração", "vídeo")
ROLE_WORDS = ("correspondente", "jornalista", "redator", "redatora", "enviado", "enviada", "publicado")
NOT_NAMES = ("autor", "anônimo", "anónimo", "convidado", "início")
MONTHS = {
    "janeiro": 1, "fevereiro": 2, "março": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7, "agosto": 8,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12, "fev": 2, "abr": 4, "mai": 5, "ago": 8,
    "set": 9, "out": 10, "dez": 12,
}  # fmt: skip
DATE_FILLERS = ("de",)
PUBLISHED_CUES = ("publicado", "data de publicação")
MODIFIED_CUES = ("atualizado", "modificado", "atualização")
BOILERPLATE_STARTS = ("leia também", "leia mais", "veja também", "assine", "newsletter", "comentários", "publicidade")
GENERIC_HEADINGS = (
    "início", "notícias", "últimas notícias", "blog", "arquivo", "categorias", "temas", "menu",
    "sem categoria", "artigos", "pesquisar", "comentários", "compartilhar", "partilhar", "contato", "contacto",
)  # fmt: skip
NUMERIC_DAY_FIRST = True
