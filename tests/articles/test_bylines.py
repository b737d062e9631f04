from crosswire.articles.bylines import parse_byline_line, parse_credit
from crosswire.records import Byline


def test_all_caps_byline_with_email() -> None:
    assert parse_byline_line("BY SARAH KIM [kim.sarah@joongang.co.kr]") == Byline(("Sarah Kim",), ())


def test_role_after_comma_is_not_a_name() -> None:
    assert parse_byline_line("By Lee Bon-young, Washington correspondent") == Byline(("Lee Bon-young",), ())


def test_agency_byline_is_an_agency_not_an_author() -> None:
    assert parse_byline_line("By Yonhap") == Byline((), ("Yonhap",))
    assert parse_credit("Jane Doe, Associated Press") == Byline(("Jane Doe",), ("Associated Press",))


def test_several_authors_and_editing_credit() -> None:
    assert parse_byline_line("By Dana Ortiz and Peter Vance | The Riverside Chronicle") == Byline(
        ("Dana Ortiz", "Peter Vance"), ()
    )
    assert parse_byline_line("Reporting by Jonas Berg; Editing by Clara Holm") == Byline(("Jonas Berg",), ())


def test_sentences_are_not_bylines() -> None:
    assert parse_byline_line("By the end of the week the talks had collapsed.") is None
    assert parse_byline_line("Sullivan said the talks were advancing") is None


def test_names_in_scripts_without_case() -> None:
    assert parse_credit("田中 恵子") == Byline(("田中 恵子",), ())
    assert parse_credit("김민지 기자") == Byline(("김민지 기자",), ())
