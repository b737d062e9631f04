"""The spaCy pipeline, loaded once per process from an installed package (never downloaded).

The model of each language is one setting (`Settings.spacy_models`), so a larger model can
replace a small one without code changes. Callers that need less of the pipeline pass the components
to disable, and the parse skips them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from crosswire.analysis.sentences import sentence_spans
from crosswire.config import DEFAULT_SETTINGS, Settings

Context = TypeVar("Context")
TEXT_KEY = "crosswire.text"


@Language.component("crosswire_sentences")
def crosswire_sentences(doc: Doc) -> Doc:
    """The parser parses the sentences crosswire's own splitter finds (`crosswire.analysis.sentences`),
    so that a quotation and its attribution are one sentence, and every stage reads the same ones."""
    starts = {start for start, _ in sentence_spans(doc.text)}
    for token in doc[1:]:
        token.is_sent_start = token.idx in starts
    return doc


@cache
def load(model: str, disable: tuple[str, ...] = ()) -> Language:
    try:
        nlp = spacy.load(model, disable=list(disable))
    except OSError as error:
        raise RuntimeError(f"spaCy model {model!r} is not installed; `make install` installs it") from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("crosswire_sentences", before="parser")
    nlp.max_length = 2_000_000
    return nlp


def parse(texts: Iterable[str], settings: Settings = DEFAULT_SETTINGS, disable: tuple[str, ...] = ()) -> Iterator[Doc]:
    """Parsed documents in input order, batched, across `settings.nlp_processes` processes."""
    nlp = load(settings.spacy_model, disable)
    yield from nlp.pipe(texts, batch_size=settings.nlp_batch_size, n_process=settings.nlp_processes)


def parse_with_context(
    items: Iterable[tuple[str, Context]], settings: Settings = DEFAULT_SETTINGS, model: str | None = None
) -> Iterator[tuple[Doc | Exception, Context]]:
    """Like `parse`, streaming (text, context) pairs so each Doc arrives with what it belongs to;
    `model` is the spaCy package of the texts' language (English's by default).

    When spaCy fails on a batch, its texts are parsed again one by one: a text that still fails comes
    back as the exception, in its place, and the texts after it are parsed as before.
    """
    nlp = load(model or settings.spacy_model)
    source = iter(items)
    source_failures: list[Exception] = []
    while True:
        in_flight: deque[tuple[str, Context]] = deque()
        try:
            docs = nlp.pipe(
                _fed(source, in_flight, source_failures),
                as_tuples=True,
                batch_size=settings.nlp_batch_size,
                n_process=settings.nlp_processes,
            )
            for doc, context in docs:
                in_flight.popleft()
                yield doc, context
        except Exception:
            yield from _one_by_one(nlp, in_flight)
            continue
        if source_failures:
            raise source_failures[0]  # the caller's own error, not a text to skip
        return


def _fed(
    source: Iterator[tuple[str, Context]], in_flight: deque[tuple[str, Context]], failures: list[Exception]
) -> Iterator[tuple[str, Context]]:
    """The items as spaCy takes them, each remembered until its Doc comes back; an error of the
    iterator itself ends the stream and is kept for the caller."""
    while True:
        try:
            item = next(source)
        except StopIteration:
            return
        except Exception as error:
            failures.append(error)
            return
        in_flight.append(item)
        yield item


def _one_by_one(nlp: Language, items: Iterable[tuple[str, Context]]) -> Iterator[tuple[Doc | Exception, Context]]:
    for text, context in items:
        try:
            doc: Doc | Exception = nlp(text)
        except Exception as error:
            doc = error
        yield doc, context


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: spaCy rebuilds it from every token on each access, and
    slicing it for each mention made entity finding quadratic in the article's length."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def runs(tokens: Iterable[Token]) -> list[list[Token]]:
    """Tokens in document order, split where one does not follow the one before (around words left out)."""
    found: list[list[Token]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if found and token.i == found[-1][-1].i + 1:
            found[-1].append(token)
        else:
            found.append([token])
    return found


def parse_one(text: str, settings: Settings = DEFAULT_SETTINGS) -> Doc:
    return load(settings.spacy_model)(text)
