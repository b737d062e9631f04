"""The HTML pages: server-rendered, escaped, usable without JavaScript."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from crosswire.interfaces.dossier_view import dossier_view
from crosswire.interfaces.highlight import highlight
from crosswire.interfaces.web import views
from crosswire.interfaces.web.templating import SNIPPET_MARKS, render
from crosswire.store import Store
from crosswire.store.store import QueryTooLarge, SearchSyntaxError

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDependency = Annotated[Store, Depends(views.open_store)]
Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=views.MAX_OFFSET)]


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page, with what every page's header needs."""
    context.setdefault("search_query", "")
    html = render(template, allow_ingest=request.app.state.allow_ingest, **context)
    return HTMLResponse(html, status_code=status_code)


@router.get("/")
def stories(
    request: Request,
    store: StoreDependency,
    q: str = "",
    outlet: str = "",
    since: str = "",
    until: str = "",
    limit: Limit = views.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    """The stories newest first, each with its outlets and the first sentence of its summary, filtered by
    title, outlet and dates (a date that is no ISO date is left out of the filter, and said so)."""
    chosen = views.StoryChoice.of(q, outlet, since, until)
    items, total = store.story_page(limit, offset, chosen.matching, **chosen.filters)
    glances = store.story_glances([item["id"] for item in items])
    items = [{**item, **glances[item["id"]]} for item in items]
    return page(
        request,
        "stories.html",
        page=views.page_of(request, items, total, limit, offset),
        filter=chosen.matching,
        chosen=chosen,
        outlets=store.story_outlets(),
    )


@router.get("/stories/{story_id}", response_model=None)
def story(request: Request, story_id: str, store: StoreDependency) -> HTMLResponse | RedirectResponse:
    current = store.current_story_id(story_id)
    if current != story_id:
        return RedirectResponse(views.story_path(current), status_code=301)
    dossier = views.dossier_or_404(store, story_id)
    href = request.app.state.article_href
    view = dossier_view(dossier, store.article_briefs(list(dossier["articles"])), href)
    return page(request, "story.html", view=view, href=href, link_entities=True)


@router.get("/articles")
def articles(
    request: Request, store: StoreDependency, limit: Limit = views.DEFAULT_LIMIT, offset: Offset = 0
) -> HTMLResponse:
    items = store.article_page(limit, offset)
    return page(request, "articles.html", page=views.page_of(request, items, store.count_articles(), limit, offset))


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, store: StoreDependency) -> HTMLResponse:
    details = views.article_details(store, article_id)
    analysis = details["analysis"]
    return page(
        request,
        "article.html",
        article=details,
        story=details["story"],
        highlighted=highlight(details["text"], analysis),
        analysed=analysis is not None,
        analysis_note=analysis.cut_note(len(details["text"])) if analysis else None,
        entities=views.entity_summary(details),
        times=views.dated_times(analysis, details["inferred_date"]),
        inferred_date=details["inferred_date"],
        metadata_fields=views.metadata_rows(details["metadata"]),
    )


@router.get("/entities/{name:path}")
def entity(request: Request, name: str, store: StoreDependency) -> HTMLResponse:
    return page(request, "entity.html", entity=views.entity_or_404(store, name))


@router.get("/search")
def search(
    request: Request,
    store: StoreDependency,
    q: str = "",
    syntax: Literal["words", "fts5"] = "words",
    limit: Limit = 20,
    offset: Offset = 0,
) -> HTMLResponse:
    context: dict[str, Any] = {"search_query": q, "syntax": syntax, "error": None, "too_large": False, "page": None}
    if q.strip():
        try:
            hits = store.search(q, limit=limit, offset=offset, syntax=syntax, highlight=SNIPPET_MARKS)
            total = store.count_search(q, syntax)
        except (SearchSyntaxError, QueryTooLarge) as error:
            context.update(error=str(error), too_large=isinstance(error, QueryTooLarge))
            return page(request, "search.html", status_code=400, **context)
        context["page"] = views.page_of(request, hits, total, limit, offset)
    return page(request, "search.html", **context)
