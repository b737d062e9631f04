"""SQLite-style SQL rewritten for psycopg: placeholders outside quotes only, percent signs kept literal."""

from pathlib import Path

import pytest

from crosswire.store.dialect import describe, is_postgresql, translate


def test_placeholders_become_psycopg_ones() -> None:
    assert translate("SELECT ? , ?") == ("SELECT %s , %s", "positional")
    assert translate("WHERE a = ?1 OR b = ?2 OR c = ?1") == ("WHERE a = %(p1)s OR b = %(p2)s OR c = %(p1)s", "numbered")
    assert translate("VALUES (:id, :run_id)") == ("VALUES (%(id)s, %(run_id)s)", "named")


def test_quoted_text_casts_and_percent_signs_stay_literal() -> None:
    sql = "SELECT '?:x 5%', \"end?\", a::text, b % 2 FROM t WHERE c = ?"
    assert translate(sql) == ("SELECT '?:x 5%%', \"end?\", a::text, b %% 2 FROM t WHERE c = %s", "positional")


def test_mixed_placeholder_styles_are_refused() -> None:
    with pytest.raises(ValueError, match="mixes placeholder styles"):
        translate("SELECT ?, :name")


def test_urls_name_servers_and_everything_else_is_a_file() -> None:
    assert is_postgresql("postgresql://me@db.example/news") and is_postgresql("postgres:///news")
    assert not is_postgresql("news.db") and not is_postgresql("postgresql.db")
    assert describe("postgresql://me:pw@db.example:5433/news") == "postgresql://me:***@db.example:5433/news"
    assert describe("news.db") == "news.db"


def test_libpq_key_value_strings_name_servers_too_with_their_password_masked() -> None:
    assert is_postgresql("host=db.example dbname=news") and is_postgresql("dbname = news  port=5433")
    assert not is_postgresql("a=b.db") and not is_postgresql("runs/x=1/news.db") and not is_postgresql(Path("dbname=x"))
    masked = describe("host=db.example dbname=news password=s3cret")
    assert "s3cret" not in masked and "password=***" in masked and "dbname=news" in masked
    assert describe("host=db.example dbname=news") == "host=db.example dbname=news"
