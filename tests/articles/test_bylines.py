from crosswire.articles.bylines import is_placeholder, parse_byline_line, parse_credit
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


def test_bylines_in_several_languages() -> None:
    assert parse_byline_line("Von Anna Weber") == Byline(("Anna Weber",), ())
    assert parse_byline_line("von Lars Fischer und Alina Schadwinkel") == Byline(
        ("Lars Fischer", "Alina Schadwinkel"), ()
    )
    assert parse_byline_line("Par Claire Dubois et Marc Petit") == Byline(("Claire Dubois", "Marc Petit"), ())
    assert parse_byline_line("Por Juan Carlos Muñoz y Ana Ruiz") == Byline(("Juan Carlos Muñoz", "Ana Ruiz"), ())
    assert parse_byline_line("Text: Anna Weber; Fotos: Tom Meier") == Byline(("Anna Weber",), ())


def test_sentences_opening_like_bylines_are_not_bylines_in_any_language() -> None:
    assert parse_byline_line("Von dort aus ging es weiter nach Berlin") is None
    assert parse_byline_line("Par ailleurs, le gouvernement a annoncé un plan") is None
    assert parse_byline_line("Por eso la reunión se aplazó") is None
    assert parse_byline_line("Interview With The Vampire Star") is None


def test_author_fields_may_hold_handles_but_not_placeholders() -> None:
    assert parse_credit("gnaddrig", handles=True) == Byline(("gnaddrig",), ())
    assert parse_credit("Zeige alle Beiträge von Petra Ruland", handles=True) == Byline(("Petra Ruland",), ())
    assert parse_credit("gnaddrig") is None  # a line of text must name people as names
    for placeholder in ("admin", "Autor", "www.example.com", "Anonymous"):
        assert parse_credit(placeholder, handles=True) is None, placeholder
        assert is_placeholder(placeholder)


def test_handles_outlets_and_trailing_particles_are_not_part_of_names() -> None:
    assert parse_credit("Williams Perdomo @wperdomod") == Byline(("Williams Perdomo",), ())
    assert parse_byline_line("Written by Dana Ortiz on | ") == Byline(("Dana Ortiz",), ())
    assert parse_credit("The Guardian, Anna Fazackerley") == Byline(("Anna Fazackerley",), ())
