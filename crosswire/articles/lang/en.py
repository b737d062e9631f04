"""English: the words crosswire reads page metadata with (see crosswire.articles.lang)."""

CODE = "en"
BYLINE_PREFIXES = (
    "by", "written by", "posted by", "reporting by", "words by", "story by", "text by", "author", "authors",
    "interview:", "words:",
)  # fmt: skip
NAME_JOINERS = ("and", "&")
OTHER_ROLES = (
    "editing", "edited", "additional reporting", "compiled", "translated", "graphics", "graphic", "photos",
    "photo", "photography", "illustration", "illustrations", "video", "produced", "design",
)  # fmt: skip
ROLE_WORDS = (
    "correspondent", "reporter", "editor", "staff", "writer", "columnist", "bureau", "chief", "contributor",
    "senior", "special", "political", "washington", "seoul", "london", "desk", "news", "analyst", "producer",
    "photographer", "agencies", "team", "newsroom", "posted", "published", "updated", "comments", "comment",
    "share", "read", "more", "minutes", "min", "views",
)  # fmt: skip
NOT_NAMES = (
    "admin", "administrator", "webmaster", "editor", "editors", "author", "authors", "unknown", "anonymous",
    "guest", "user", "root", "staff", "contributor", "contributors", "by", "posted by", "no author", "none",
    "home", "share", "comments", "read more",
)  # fmt: skip
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
DATE_FILLERS = ("of",)
PUBLISHED_CUES = ("posted", "published", "first published", "created", "date", "released", "issued")
MODIFIED_CUES = ("modified", "updated", "last update", "edited", "revised", "last modified")
BOILERPLATE_STARTS = (
    "read more", "read also", "also read", "read next", "see also", "related:", "related articles", "related stories",
    "more:", "sign up", "subscribe", "follow us", "share this", "share on", "click here", "advertisement",
    "photo:", "image:", "credit:", "newsletter", "all rights reserved", "leave a comment", "leave a reply",
    "no comments", "comments", "you are not logged in", "table of contents", "category:", "tags:", "filed under",
)  # fmt: skip
GENERIC_HEADINGS = (
    "home", "news", "latest news", "blog", "articles", "article", "posts", "recent posts", "latest posts",
    "related posts", "uncategorized", "uncategorised", "general", "menu", "main menu", "navigation", "search",
    "archive", "archives", "categories", "category", "topics", "tags", "about", "about us", "contact",
    "sidebar", "comments", "leave a reply", "share", "share this", "related", "more", "main navigation",
)  # fmt: skip
NUMERIC_DAY_FIRST = None  # "4/6/2023" is 6 April in the US and 4 June in Britain
