"""Spanish: the words crosswire reads page metadata with (see crosswire.articles.lang)."""

CODE = "es"
BYLINE_PREFIXES = ("por", "autor", "autora", "autores", "escrito por", "redactado por", "publicado por", "texto:")
NAME_JOINERS = ("y", "e", "&")
OTHER_ROLES = ("foto", "fotos", "fotografía", "traducción", "edición", "ilustración", "vídeo", "video")
ROLE_WORDS = (
    "corresponsal", "periodista", "redactor", "redactora", "enviado", "enviada", "especial", "publicado",
    "actualizado", "comentarios", "compartir", "lectura",
)  # fmt: skip
NOT_NAMES = ("autor", "anónimo", "invitado", "desconocido", "inicio")
MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "ene": 1, "feb": 2,
    "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11,
    "dic": 12,
}  # fmt: skip
DATE_FILLERS = ("de", "del")
PUBLISHED_CUES = ("publicado", "fecha de publicación", "creado")
MODIFIED_CUES = ("actualizado", "modificado", "actualización", "última modificación")
BOILERPLATE_STARTS = (
    "le puede interesar", "te puede interesar", "lea también", "lee también", "leer más", "síguenos", "siguenos",
    "contenido relacionado", "suscríbete", "suscribete", "newsletter", "todos los derechos reservados",
    "comentarios", "publicidad",
)  # fmt: skip
GENERIC_HEADINGS = (
    "inicio", "portada", "noticias", "actualidad", "blog", "archivo", "categorías", "temas", "menú",
    "menú principal", "sin categoría", "artículos", "buscar", "comentarios", "compartir", "contacto",
    "etiquetas", "lo más leído", "te puede interesar",
)  # fmt: skip
NUMERIC_DAY_FIRST = True
