"""Choosing page metadata from competing evidence: dates by vote, local days, headlines."""

from crosswire.articles.metadata import DateEvidence, choose_page_dates, without_site_name


def _published(value: str, source: str, weight: float = 2.0, *, local_day: bool = False) -> DateEvidence:
    return DateEvidence(value, source, "published", weight, local_day)


def test_the_day_most_sources_name_wins_at_its_most_precise_value() -> None:
    choice = choose_page_dates(
        [
            _published("2021-10-27T20:35:36+01:00", "time[itemprop]", 2.0),
            _published("2021-10-28T13:21:30+01:00", "meta date", 1.5),
            _published("2021-10-28", "printed", 2.0, local_day=True),
        ]
    )
    assert choice.published.value == "2021-10-28T13:21:30+01:00"
    assert "printed" in (choice.published.evidence or "")
    assert 0 < choice.published.confidence < 1


def test_a_utc_stamp_takes_the_offset_of_the_same_moment_stated_elsewhere() -> None:
    choice = choose_page_dates(
        [
            _published("2022-05-04T03:37:37+00:00", "json-ld", 3.0),
            _published("2022-05-03T23:37:37-04:00", "time[datetime]", 2.0),
        ]
    )
    assert choice.published.value == "2022-05-03T23:37:37-04:00"


def test_a_utc_stamp_takes_the_zone_of_a_local_time_printed_for_it() -> None:
    choice = choose_page_dates(
        [
            _published("2022-05-04T00:44:52+00:00", "meta", 3.0),
            _published("2022-05-03T20:44:00", "printed", 2.0, local_day=True),
        ]
    )
    assert choice.published.value == "2022-05-03T20:44:52-04:00"


def test_a_utc_stamp_moves_to_the_local_day_the_page_prints() -> None:
    choice = choose_page_dates(
        [_published("2023-11-09T05:30:59+00:00", "json-ld", 3.0), _published("2023-11-08", "URL", 2.0, local_day=True)]
    )
    assert choice.published.value == "2023-11-08"
    assert "2023-11-09T05:30:59+00:00" in (choice.published.evidence or "")


def test_a_day_too_far_from_the_utc_moment_is_not_its_local_day() -> None:
    choice = choose_page_dates(
        [
            _published("2023-11-09T15:00:00+00:00", "json-ld", 3.0),
            _published("2023-11-08", "printed", 2.0, local_day=True),
        ]
    )
    assert choice.published.value == "2023-11-09T15:00:00+00:00"


def test_chrome_and_modified_dates_never_become_the_publication_date() -> None:
    choice = choose_page_dates(
        [
            DateEvidence("2024-06-18", "printed in the comments", "chrome", 2.0),
            DateEvidence("2023-01-05T10:00:00+01:00", "dateModified", "modified", 3.0),
        ]
    )
    assert choice.published.value is None
    assert choice.modified.value == "2023-01-05T10:00:00+01:00"
    assert {date.role for date in choice.page_dates} == {"chrome", "modified"}


def test_site_names_come_off_titles_at_either_end() -> None:
    sites = {"weinkenner de", "weinkenner", "aoc media"}
    assert without_site_name("St. Magdalener: Rotweine | Weinkenner.de", sites) == "St. Magdalener: Rotweine"
    assert without_site_name("Retraite | AOC media - Analyse Opinion Critique", sites) == "Retraite"
    assert without_site_name("Weinkenner - Rotweine aus Südtirol", sites) == "Rotweine aus Südtirol"
    assert without_site_name("Rotweine: mit Eleganz", sites) == "Rotweine: mit Eleganz"
