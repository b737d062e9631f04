"""The template filters that stand between untrusted text and the page."""

from __future__ import annotations

import pytest

from crosswire.interfaces.web.templating import (
    SNIPPET_MARKS,
    environment,
    render,
    safe_url,
    snippet_markup,
    unquoted,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.org/a?b=1", "https://example.org/a?b=1"), (" http://example.org ", "http://example.org"),
     ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None), ("data:text/html,<script>", None),
     ("//evil.example/x", None), ("/relative", None), ("http://[::1", None), (None, None), ("", None)],
)  # fmt: skip
def test_only_web_addresses_become_links(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_snippets_are_escaped_and_only_the_match_marked() -> None:
    opening, closing = SNIPPET_MARKS
    markup = snippet_markup(f"<script>x</script> {opening}price{closing} <mark>")
    assert str(markup) == "&lt;script&gt;x&lt;/script&gt; <mark>price</mark> &lt;mark&gt;"


def test_pages_show_dates_as_people_write_them() -> None:
    filters = environment().filters
    assert filters["when"]("2023-09-12T13:45:00+09:00") == "12 September 2023, 13:45 UTC+09:00"
    assert filters["readable"]("2023-W35") == "week of 28 August 2023"


def test_quotation_marks_are_removed_only_around_the_quotation() -> None:
    assert unquoted("“they will pay a price”") == "they will pay a price"
    assert unquoted("talks were “actively advancing.”") == "talks were “actively advancing.”"
    assert unquoted("this is not going to reflect well,”") == "this is not going to reflect well,"


def test_templates_escape_by_default() -> None:
    html = render("error.html", allow_ingest=False, search_query='"><script>', status=404, reason="Not Found",
                  message="<img src=x onerror=alert(1)>")  # fmt: skip
    assert "<script>" not in html and "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
