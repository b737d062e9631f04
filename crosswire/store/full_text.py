"""Full-text search over articles: SQLite's FTS5 index, or PostgreSQL's tsvector column with a GIN index.

Both read the same two query languages: plain words (every word must occur, nothing is an operator)
and FTS5's syntax, which for PostgreSQL is parsed here and written as a tsquery, so a malformed
query is refused with the same kind of message on either.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from crosswire.store.dialect import Connection, Dialect

SearchSyntax = Literal["words", "fts5"]
HIGHLIGHT = ("<mark>", "</mark>")
SNIPPET_WORDS = 16
POSTGRESQL_COLUMNS = {"headline": "A", "text": "B"}  # the weight each column's words carry in the tsvector

_DATABASE_TROUBLE = ("locked", "busy", "disk", "unable to open", "malformed", "interrupt", "memory")


MAX_QUERY_CHARACTERS = 1000
MAX_QUERY_WORDS = 64


class SearchSyntaxError(ValueError):
    """A full-text query that cannot be read; the message says where it went wrong."""


class QueryTooLarge(ValueError):
    """A query over the length or word-count cap; the message says which, and the cap.

    Ranking and snippets cost more with every term a query holds, and with repeated terms their
    cost grows with the square of the query's length: the caps keep one request's work bounded.
    """


def check_query_size(query: str) -> None:
    """Refuse a query longer than `MAX_QUERY_CHARACTERS` or of more than `MAX_QUERY_WORDS` words."""
    if len(query) > MAX_QUERY_CHARACTERS:
        raise QueryTooLarge(f"the query is {len(query):,} characters long; at most {MAX_QUERY_CHARACTERS:,} are read")
    words = len(query.split())
    if words > MAX_QUERY_WORDS:
        raise QueryTooLarge(f"the query has {words:,} words; at most {MAX_QUERY_WORDS} are read")


def search(
    connection: Connection,
    dialect: Dialect,
    query: str,
    syntax: SearchSyntax,
    highlight: tuple[str, str],
    limit: int,
    offset: int,
) -> list[Any]:
    check_query_size(query)
    if dialect.name == "sqlite":
        return _sqlite_search(connection, query, syntax, highlight, limit, offset)
    tsquery = postgresql_query(query, syntax)
    if not tsquery:
        return []
    sql = f"""
        SELECT id, headline, outlet, published, source, url, ts_headline('crosswire', text, {tsquery}, :options)
               AS snippet
        FROM (SELECT id, headline, outlet, published, source, url, text, rowid,
                     ts_rank(search_document, {tsquery}) AS rank
              FROM articles WHERE search_document @@ {tsquery}
              ORDER BY rank DESC, rowid LIMIT :limit OFFSET :offset) AS found
        ORDER BY rank DESC, rowid
        """
    parameters = {"query": _query_text(query, syntax), "options": _headline_options(highlight)}
    return connection.execute(sql, {**parameters, "limit": limit, "offset": offset}).fetchall()


def count(connection: Connection, dialect: Dialect, query: str, syntax: SearchSyntax) -> int:
    check_query_size(query)
    if dialect.name == "sqlite":
        match = _match_expression(query, syntax)
        if not match:
            return 0
        sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
        return int(_run_match(connection, sql, (match,))[0][0])
    tsquery = postgresql_query(query, syntax)
    if not tsquery:
        return 0
    sql = f"SELECT count(*) FROM articles WHERE search_document @@ {tsquery}"
    return int(connection.execute(sql, {"query": _query_text(query, syntax)}).fetchone()[0])


# SQLite


def _sqlite_search(
    connection: Connection, query: str, syntax: SearchSyntax, highlight: tuple[str, str], limit: int, offset: int
) -> list[Any]:
    match = _match_expression(query, syntax)
    if not match:
        return []
    sql = f"""
        SELECT articles.id, articles.headline, articles.outlet, articles.published, articles.source,
               articles.url, snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_WORDS}) AS snippet
        FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid
        WHERE articles_fts MATCH ?
        ORDER BY articles_fts.rank
        LIMIT ? OFFSET ?
        """
    return _run_match(connection, sql, (*highlight, match, limit, offset))


def _match_expression(query: str, syntax: SearchSyntax) -> str:
    return query.strip() if syntax == "fts5" else fts_query(query)


def _run_match(connection: Connection, sql: str, parameters: tuple[Any, ...]) -> list[Any]:
    """FTS5 reports a malformed query only when the statement runs, so both steps are guarded; an
    error that is not the database's own trouble (a lock, the disk) is the query's fault."""
    try:
        return connection.execute(sql, parameters).fetchall()
    except sqlite3.OperationalError as error:
        message = str(error)
        if any(trouble in message for trouble in _DATABASE_TROUBLE):
            raise
        raise SearchSyntaxError(message.removeprefix("fts5: ")) from error


def fts_query(text: str) -> str:
    """Each word of user text, once, as a quoted FTS5 string: no operator or punctuation can break the
    query, and a repeated word adds no work (each repetition would cost as much as a new word)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in distinct_words(text))


def distinct_words(text: str) -> list[str]:
    """The words of user text in order, each once whatever its case."""
    first: dict[str, str] = {}
    for word in text.split():
        first.setdefault(word.casefold(), word)
    return list(first.values())


# PostgreSQL


def postgresql_query(query: str, syntax: SearchSyntax) -> str:
    """The SQL expression of the query's tsquery (bound as `:query`), or "" when it has no words."""
    if syntax == "words":
        return "plainto_tsquery('crosswire', :query)" if query.strip() else ""
    return "to_tsquery('crosswire', :query)" if tsquery_text(query) else ""


def _query_text(query: str, syntax: SearchSyntax) -> str:
    return " ".join(distinct_words(query)) if syntax == "words" else tsquery_text(query)


def _headline_options(highlight: tuple[str, str]) -> str:
    start, stop = (mark.replace('"', '""') for mark in highlight)
    return (
        f'StartSel="{start}", StopSel="{stop}", MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, '
        'MaxFragments=1, FragmentDelimiter="…"'
    )


_TOKEN = re.compile(
    r'(?P<space>\s+)|(?P<string>"(?:[^"]|"")*(?:"|$))|(?P<word>\w+)|(?P<mark>[()*:+])|(?P<other>.)', re.DOTALL
)
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass
class _Token:
    kind: str  # string, word, operator, mark, other, end
    text: str


def _tokens(query: str) -> Iterator[_Token]:
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        text = match.group()
        if kind == "space":
            continue
        if kind == "string" and (len(text) < 2 or not text.endswith('"')):
            raise SearchSyntaxError(f"unterminated string: {text}")
        yield _Token("operator" if kind == "word" and text in _OPERATORS else kind, text)
    yield _Token("end", "")


def tsquery_text(query: str) -> str:
    """An FTS5 query as tsquery text: phrases as `<->` chains, AND `&`, OR `|`, NOT `& !`, prefix `:*`,
    and the column filters `headline:` and `text:` as weights; NEAR has no tsquery counterpart."""
    return _Parser(list(_tokens(query))).parse()


class _Parser:
    """Recursive descent over FTS5's grammar; NOT binds tighter than AND, AND (or no operator) than OR."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.position = 0

    def parse(self) -> str:
        if self._peek().kind == "end":
            return ""
        expression = self._or()
        self._expect_end()
        return expression

    def _peek(self) -> _Token:
        return self.tokens[self.position]

    def _take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def _error(self) -> SearchSyntaxError:
        return SearchSyntaxError(f'syntax error near "{self._peek().text}"')

    def _expect_end(self) -> None:
        if self._peek().kind != "end":
            raise self._error()

    def _or(self) -> str:
        parts = [self._and()]
        while self._peek().text == "OR":
            self._take()
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    def _and(self) -> str:
        parts = [self._not()]
        while self._peek().text == "AND" or self._starts_primary():
            if self._peek().text == "AND":
                self._take()
            parts.append(self._not())
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def _not(self) -> str:
        expression = self._primary()
        while self._peek().text == "NOT":
            self._take()
            expression = f"({expression} & !{self._primary()})"
        return expression

    def _starts_primary(self) -> bool:
        token = self._peek()
        return token.kind in ("string", "word") or token.text == "("

    def _primary(self, weight: str = "") -> str:
        token = self._peek()
        if token.text == "(":
            self._take()
            expression = self._or()
            if self._take().text != ")":
                self.position -= 1
                raise self._error()
            return expression
        if token.kind == "word" and token.text == "NEAR" and self.tokens[self.position + 1].text == "(":
            raise SearchSyntaxError("NEAR queries are not supported on PostgreSQL")
        if token.kind == "word" and self.tokens[self.position + 1].text == ":":
            return self._column_filter()
        if token.kind not in ("string", "word"):
            raise self._error()
        return self._phrase(weight)

    def _column_filter(self) -> str:
        column = self._take().text
        self._take()
        if column not in POSTGRESQL_COLUMNS:
            raise SearchSyntaxError(f"no such column: {column}")
        if self._peek().kind not in ("string", "word"):
            raise self._error()
        return self._phrase(POSTGRESQL_COLUMNS[column])

    def _phrase(self, weight: str) -> str:
        """A string or word, joined to the next by `+`, the last word a prefix when `*` follows."""
        words = _words(self._take().text)
        while self._peek().text == "+":
            self._take()
            if self._peek().kind not in ("string", "word"):
                raise self._error()
            words += _words(self._take().text)
        prefix = self._peek().text == "*"
        if prefix:
            self._take()
        if not words:
            raise SearchSyntaxError("a phrase without words")
        lexemes = [f"'{word}':{weight}" if weight else f"'{word}'" for word in words]
        if prefix:
            lexemes[-1] = f"'{words[-1]}':*{weight}"
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"


def _words(text: str) -> list[str]:
    """The words of a string or bareword; quotes and punctuation separate words, as FTS5's tokenizer does."""
    return re.findall(r"\w+", text.removeprefix('"').removesuffix('"').replace('""', '"'))
