"""The JSON API: the same data as the pages, paginated, described at /openapi.json and /docs."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from crosswire.interfaces.web import views
from crosswire.interfaces.web.templating import SNIPPET_MARKS, snippet_markup
from crosswire.records import Analysis, InferredDate, Story
from crosswire.store import Store
from crosswire.store.full_text import MAX_QUERY_CHARACTERS, MAX_QUERY_WORDS
from crosswire.store.store import SearchSyntaxError

router = APIRouter(prefix="/api", tags=["api"])
StoreDependency = Annotated[Store, Depends(views.open_store)]
Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=views.MAX_OFFSET, description="Items to skip.")]
Item = TypeVar("Item")


class PageOf(BaseModel, Generic[Item]):
    """One page of a list; follow `next` until it is null."""

    items: list[Item]
    total: int = Field(description="Items in the whole list.")
    limit: int
    offset: int
    next: str | None = Field(description="Path and query of the next page.")
    previous: str | None


class StoryListItem(BaseModel):
    id: str
    title: str
    articles: int
    outlets: int
    first_published: str | None
    last_published: str | None
    updated_at: str


class ArticleBrief(BaseModel):
    id: str
    headline: str | None
    outlet: str | None
    authors: list[str]
    published: str | None
    language: str | None
    source: str
    url: str | None
    story_id: str | None = None


class StoryDetail(BaseModel):
    """A story's dossier and the articles it cites."""

    dossier: Story
    articles: list[ArticleBrief]


class ArticleSource(BaseModel):
    source: str
    url: str | None
    record_id: str | None
    first_seen: str
    run_id: int


class CopyLink(BaseModel):
    other_id: str
    similarity: float
    kind: Literal["wire-copy", "near-duplicate"]


class StoryRef(BaseModel):
    id: str
    title: str


class ArticleDetail(BaseModel):
    """A stored article: text, metadata with provenance, where it was seen, copies, analysis, story."""

    id: str
    headline: str | None
    outlet: str | None
    authors: list[str]
    agencies: list[str]
    published: str | None
    modified: str | None
    language: str | None
    text: str
    url: str | None
    record_id: str | None
    source: str
    metadata: dict[str, Any] = Field(description="Each field's value, provenance, confidence and evidence.")
    ingested_at: str
    sources: list[ArticleSource]
    near_duplicates: list[CopyLink]
    analysis: Analysis | None = Field(
        description="What the analysis found in the article's own text, against its own date."
    )
    story: StoryRef | None
    inferred_date: InferredDate | None = Field(
        description="For an undated article: the publication date its story infers, with the evidence, and the "
        "times its analysis left unresolved, resolved against that date."
    )


class EntityLabel(BaseModel):
    label: str
    mentions: int
    articles: int


class EntityRoleCount(BaseModel):
    role: str
    articles: int


class EntityArticle(ArticleBrief):
    mentions: int
    story_title: str | None


class EntityQuote(BaseModel):
    """A statement as its article prints it: quoted words ("direct"), reported speech ("indirect"),
    or reported speech around quoted fragments (`mixed`: its text is the whole clause)."""

    id: int
    article_id: str
    text: str
    kind: str
    mixed: bool
    speaker: str | None
    speaker_mention: str | None
    sourcing: str
    relayed_by: str | None
    hedged: bool
    headline: str | None
    outlet: str | None
    published: str | None


class EntityProfile(BaseModel):
    """An entity across every story: what it said and what others said about it."""

    name: str
    labels: list[EntityLabel]
    roles: list[EntityRoleCount]
    articles: list[EntityArticle]
    said: list[EntityQuote]
    said_count: int
    said_about: list[EntityQuote]


class SearchHit(BaseModel):
    id: str
    headline: str | None
    outlet: str | None
    published: str | None
    source: str
    url: str | None
    snippet_html: str = Field(description="The matching passage, HTML-escaped, matches in <mark>.")


class SearchResults(PageOf[SearchHit]):
    query: str
    syntax: Literal["words", "fts5"]


def _page(request: Request, items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return vars(views.page_of(request, items, total, limit, offset))


@router.get("/stories", response_model=PageOf[StoryListItem], summary="Stories, newest first")
def stories(
    request: Request,
    store: StoreDependency,
    q: Annotated[str, Query(description="Only titles containing this.")] = "",
    outlet: Annotated[str | None, Query(description="Only stories this outlet reported.")] = None,
    since: Annotated[date | None, Query(description="Only stories published on or after this day.")] = None,
    until: Annotated[date | None, Query(description="Only stories published on or before this day.")] = None,
    limit: Limit = views.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    days = {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None}
    items, total = store.story_page(limit, offset, q.strip() or None, outlet=outlet, **days)
    return _page(request, items, total, limit, offset)


@router.get(
    "/stories/{story_id}",
    response_model=StoryDetail,
    summary="One story's dossier",
    responses={301: {"description": "The story was merged: the location of the story it is part of now."},
               404: {"description": "No such story."}},
)  # fmt: skip
def story(story_id: str, store: StoreDependency) -> Any:
    current = store.current_story_id(story_id)
    if current != story_id:
        return RedirectResponse(views.story_path(current, "/api"), status_code=301)
    dossier = views.dossier_or_404(store, story_id)
    briefs = store.article_briefs(list(dossier["articles"]))
    return {"dossier": dossier, "articles": [briefs[i] for i in dossier["articles"] if i in briefs]}


@router.get("/articles", response_model=PageOf[ArticleBrief], summary="Articles, newest first")
def articles(request: Request, store: StoreDependency, limit: Limit = views.DEFAULT_LIMIT, offset: Offset = 0) -> Any:
    return _page(request, store.article_page(limit, offset), store.count_articles(), limit, offset)


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article with its analysis",
            responses={404: {"description": "No such article."}})  # fmt: skip
def article(article_id: str, store: StoreDependency) -> Any:
    return views.article_details(store, article_id)


@router.get("/entities/{name:path}", response_model=EntityProfile, summary="An entity across stories",
            responses={404: {"description": "Never mentioned or quoted."}})  # fmt: skip
def entity(name: str, store: StoreDependency) -> Any:
    return views.entity_or_404(store, name)


@router.get("/search", response_model=SearchResults, summary="Full-text search",
            responses={400: {"description": "A malformed query (syntax=fts5), or one over the caps: "
                             f"{MAX_QUERY_CHARACTERS:,} characters, {MAX_QUERY_WORDS} words."}})  # fmt: skip
def search(
    request: Request,
    store: StoreDependency,
    q: Annotated[str, Query(description="Words that must all occur, or an FTS5 query with syntax=fts5.")],
    syntax: Literal["words", "fts5"] = "words",
    limit: Limit = 20,
    offset: Offset = 0,
) -> Any:
    try:
        hits = store.search(q, limit=limit, offset=offset, syntax=syntax, highlight=SNIPPET_MARKS)
        total = store.count_search(q, syntax)
    except SearchSyntaxError as error:
        raise HTTPException(status_code=400, detail=f"malformed full-text query: {error}") from error
    for hit in hits:
        hit["snippet_html"] = str(snippet_markup(hit.pop("snippet")))
    return {**_page(request, hits, total, limit, offset), "query": q, "syntax": syntax}
