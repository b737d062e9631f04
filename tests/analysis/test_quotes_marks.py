"""Quotation-mark spans on raw text: glyph mix-ups, unclosed marks, paragraphs, single marks, markup."""

from crosswire.analysis.quotes_marks import MarkedSpan, marked_spans


def spans(text: str) -> list[tuple[str, bool]]:
    return [(text[span.start : span.end], span.closed) for span in marked_spans(text)]


def inner(text: str, span: MarkedSpan) -> str:
    return text[span.inner_start : span.inner_end]


def test_straight_curly_and_guillemet_pairs() -> None:
    text = '"One," he said. “Two,” she said. «Three,» they said. „Four,“ it said.'
    assert [s for s, _ in spans(text)] == ['"One,"', "“Two,”", "«Three,»", "„Four,“"]


def test_wrong_closing_glyph_closes_the_quote() -> None:
    text = "Since then, “we have not seen any supply to Russia,’ he said, adding it is unclear “what changed.”"
    found = marked_spans(text)
    assert [inner(text, s) for s in found] == ["we have not seen any supply to Russia,", "what changed."]
    assert not found[0].closed and found[1].closed


def test_nested_single_marks_do_not_close_the_double_quote() -> None:
    text = "“He called it ‘nonsense,’ and left the room,” she said."
    [span] = marked_spans(text)
    assert inner(text, span) == "He called it ‘nonsense,’ and left the room,"


def test_unclosed_mark_ends_at_its_attribution_or_paragraph() -> None:
    text = "“We will win this fight, he said. Then he left.\n\nThe next paragraph is news."
    [span] = marked_spans(text)
    assert inner(text, span) == "We will win this fight,"
    text = 'The mayor said "the plan is dead and that is final.\n\nThe council met on Friday.'
    [span] = marked_spans(text)
    assert span.end <= text.index("\n") and not span.closed


def test_long_unclosed_quote_is_cut_at_a_sentence_end() -> None:
    text = "He said “this runs on. " + "More words follow here. " * 40 + "\n\nNext."
    [span] = marked_spans(text)
    assert inner(text, span) == "this runs on."


def test_stray_closing_mark_before_an_attribution() -> None:
    text = 'The talks failed. We will try again next week," the minister said.'
    [span] = marked_spans(text)
    assert inner(text, span) == "We will try again next week,"


def test_multi_paragraph_quote() -> None:
    text = "“First part of the statement.\n\n“Second part.\n\n“Last part,” she said.\n\nAfter."
    found = marked_spans(text)
    assert [inner(text, s) for s in found] == ["First part of the statement.", "Second part.", "Last part,"]
    assert [(s.continued, s.continues) for s in found] == [(True, False), (True, True), (False, True)]


def test_single_marks_as_main_marks_but_not_apostrophes() -> None:
    text = "North will 'pay a price,' U.S. says; the voters' choice isn't the ’90s, 'cause 'Trump' won."
    assert [s for s, _ in spans(text)] == ["'pay a price,'", "'Trump'"]


def test_two_apostrophes_stand_for_a_double_mark() -> None:
    text = "''There was a backlash against 'Primates of Park Avenue,''' she said. ''Yes,'' he said."
    found = marked_spans(text)
    assert [inner(text, s) for s in found] == ["There was a backlash against 'Primates of Park Avenue,'", "Yes,"]


def test_markup_attributes_are_not_quotes() -> None:
    text = '<tweet date="2016-06-29" author="@someone">We said "hello" to them</tweet>'
    assert [s for s, _ in spans(text)] == ['"hello"']


def test_text_without_marks() -> None:
    assert marked_spans("Nothing is quoted here, isn't it?") == []
    assert marked_spans("") == []
