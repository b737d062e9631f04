"""Cleaning scraped text dumps: a scored line classifier in the spirit of jusText.

A dump is the visible text of a page, one block a line: menus, widgets, captions and comment
forms mixed with the article. Each line is scored on general features (length, stop-word
density, punctuation, title case, link-like text, repetition inside the page, boilerplate cue
phrases), then revised by its context: the body is the run of good lines after the headline,
short lines inside it survive as subheadings, and everything around it is page chrome except the
lines that carry metadata (masthead, headline, byline, dates), which are handed to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from crosswire.articles import lang
from crosswire.articles.bylines import parse_byline_line
from crosswire.articles.dates import DateMention, find_dates
from crosswire.articles.language import detect_language, stop_words
from crosswire.articles.outlets import by_name


class Label(StrEnum):
    BODY = "body"
    HEADING = "heading"
    HEADLINE = "headline"
    MASTHEAD = "masthead"
    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"


class Quality(StrEnum):
    GOOD = "good"
    NEAR = "near"
    SHORT = "short"
    BAD = "bad"


_CUES = re.compile(
    r"\b(?:leave a (?:comment|reply)|post a comment|your comment|comment data|to write comments|"
    r"recent comments|\d+\s+comments?\b|comments? \(\d+\)|log ?in\b|sign ?in\b|sign up|subscribe|newsletter|"
    r"cookies?\b|privacy policy|terms of (?:use|service)|all rights reserved|copyright|advertis\w*|"
    r"sponsored|most (?:viewed|read|popular|shared|emailed)|related (?:stories|articles|news|posts|content|topics)|"
    r"recommended(?: for you| stories| articles)?$|trending|read more|read next|see also|also read|source link|"
    r"link copied|copy link|share (?:this|on|via)|follow us|click here|tap here|font size|text size|"
    r"print (?:this|article)|back to top|skip to|reduce spam|akismet|javascript|your browser|button|icon\b|"
    r"download (?:the|our) app|whatsapp|facebook|twitter|telegram|instagram|linkedin|reddit|"
    r"write to us|contact us|about us|editor'?s picks?|top stories|latest news|more from|watch:|listen:)",
    re.I,
)
_READER_PROMPT = re.compile(r"^(?:please|click|tap|log in|sign|subscribe|to write|leave|follow|share|join)\b", re.I)
_NAV_SEPARATORS = re.compile(r"\s(?:>|»|›|/|\|)\s")
_GLUED_HOME = re.compile(r"^Home(?=[A-Z])|^Home\s*(?:>|»|›|/|\|)")
_HASHTAG = re.compile(r"(?:^|\s)#\w+")
_URL = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
_CREDIT_SUFFIX = re.compile(
    r"(?:\((?P<paren>[^()]{2,60})\)|\[(?P<bracket>[^\[\]]{2,60})\])\s*$",
)
_CREDIT_WORD = re.compile(r"^(?:[A-Z][\w.'-]*|photo|file|getty|images?|courtesy|[/:&\s,-])+$", re.I)
_POSITIONAL = re.compile(r"\((?:left|right|centre|center|top|bottom|front|rear|L|R|C|second from \w+)\)", re.I)
_PHOTO_VERBS = re.compile(
    r"\b(?:speaks|stands?|sits|poses?|gestures|looks on|walks|arrives|attends|waves|shakes hands|is seen|"
    r"are seen|is spotted|are spotted|listens|watches|delivers (?:a|his|her) speech|holds up)\b",
)
_PHOTO_TIME = re.compile(
    r"\b(?:on|last) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\bin (?:19|20)\d\d\b|"
    r"\bon (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d"
)
_SPEECH = re.compile(r"\b(?:said|says|added|told|according to|stated|noted|asked)\b", re.I)
_QUOTE = re.compile(r"[\"“”«»]|(?:^|\s)['‘]|['’](?:\s|$)")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NEWSPAPER_WORDS = re.compile(
    r"\b(?:Herald|Times|Post|News|Daily|Journal|Tribune|Gazette|Telegraph|Guardian|Chronicle|Observer|Express|"
    r"Mail|Star|Sun|Press|Agency|Review|Standard|Monitor|Insider|Wire|Today|Magazine|Independent|Record|"
    r"Dispatch|Courier|Mirror|Examiner|Ilbo|Shimbun)\b"
)
_SUFFIX_SEPARATOR = r"\s+(?:\||–|—|-|::)\s+"
TITLE_SUFFIX = re.compile(rf"^(?P<title>.{{15,}}?){_SUFFIX_SEPARATOR}(?P<suffix>[^|–—]{{2,40}})$")
_TITLE_SEPARATOR = re.compile(_SUFFIX_SEPARATOR)
MAX_SUFFIX_CHARS = 40  # an outlet's name after a title: "Port strike goes on | The Harbour Times"

GOOD_MIN_WORDS = 10
GOOD_MIN_STOP_DENSITY = 0.2
SHORT_MAX_WORDS = 6
TOP_REGION_LINES = 15


@dataclass
class Line:
    index: int
    text: str
    offset: int
    words: list[str]
    stop_density: float
    gaps: int = 0
    quality: Quality = Quality.NEAR
    label: Label = Label.BOILERPLATE
    caption_like: bool = False
    dates: list[DateMention] = field(default_factory=list)

    @property
    def ends_sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))

    @property
    def title_case_ratio(self) -> float:
        return sum(word[0].isupper() for word in self.words) / len(self.words) if self.words else 0.0


@dataclass(frozen=True)
class TextDump:
    """A classified dump: the body, and the lines holding metadata for the metadata stage."""

    lines: tuple[Line, ...]
    language: str | None
    language_confidence: float

    def labelled(self, *labels: Label) -> list[Line]:
        return [line for line in self.lines if line.label in labels]

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.labelled(Label.BODY, Label.HEADING))

    @property
    def headline(self) -> Line | None:
        found = self.labelled(Label.HEADLINE)
        return found[0] if found else None


def classify_dump(content: str, known_headline: str | None = None, record: bool = False) -> TextDump:
    """Label every line of a dump; the body is what is labelled BODY or HEADING.

    With `known_headline` (from a JSON record) the headline is that line if the dump prints it,
    and no other line is taken for it. A `record`'s text (a JSON record's `text` field) was cut
    from its page by whoever wrote the record: given as one paragraph, it is the body even where
    the cleaner would read it as chrome (a lead naming Facebook twice reads like "Share on
    Facebook"), a headline or a dateline, since those come on lines of their own and this text
    has no others.
    """
    language, confidence = detect_language(content)
    lines = _split_lines(content, stop_words(language))
    counts = _repetition_counts(lines)
    languages = lang.reading_languages(language)
    for line in lines:
        line.quality = _initial_quality(line, counts)
        line.dates = find_dates(line.text, languages)
    headline = _find_known(lines, known_headline) if known_headline else _find_headline(lines, counts)
    _label_metadata(lines, headline)
    _label_body(lines, headline)
    if record and len(lines) == 1:
        lines[0].label = Label.BODY
    return TextDump(tuple(lines), language, confidence)


def _split_lines(content: str, stops: frozenset[str]) -> list[Line]:
    lines: list[Line] = []
    offset = 0
    for raw in content.split("\n"):
        text = re.sub(r"[\s\u200b\ufeff]+", " ", raw).strip()
        if text:
            words = _WORD.findall(text)
            density = sum(word.lower() in stops for word in words) / len(words) if words else 0.0
            gaps = len(re.findall(r"\S(?: {2,}|\t)\S", raw))
            lines.append(Line(len(lines), text, offset + raw.find(text[:1]), words, density, gaps))
        offset += len(raw) + 1
    return lines


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _repetition_counts(lines: list[Line]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in lines:
        key = _normal(line.text)
        counts[key] = counts.get(key, 0) + 1
    return counts


def _initial_quality(line: Line, counts: dict[str, int]) -> Quality:
    if _is_boilerplate(line, counts):
        return Quality.BAD
    words = len(line.words)
    prose = line.ends_sentence or bool(_QUOTE.search(line.text)) or words >= 25
    if words >= GOOD_MIN_WORDS and line.stop_density >= GOOD_MIN_STOP_DENSITY and prose:
        return Quality.GOOD
    if words <= SHORT_MAX_WORDS:
        return Quality.SHORT
    return Quality.NEAR


def _is_boilerplate(line: Line, counts: dict[str, int]) -> bool:
    text, words = line.text, len(line.words)
    letters = sum(char.isalpha() for char in text)
    has_quote = bool(_QUOTE.search(text))
    line.caption_like = _looks_like_caption(line, has_quote)
    checks = (
        letters < 0.5 * len(text) or not line.words,
        counts.get(_normal(text), 0) > 1,
        bool(_CUES.search(text)) and (words <= 20 or len(_CUES.findall(text)) >= 2) and not has_quote,
        bool(_READER_PROMPT.match(text)) and not has_quote,
        bool(_GLUED_HOME.match(text)) or len(_NAV_SEPARATORS.findall(text)) >= 2,
        len(_HASHTAG.findall(text)) >= 2,
        bool(_URL.search(text)) and words < 15,
        _is_doubled(text),
        _looks_like_menu(line),
    )
    return any(checks)


def _looks_like_menu(line: Line) -> bool:
    """A row of section names: title case, no function words, often spaced out by the scraper."""
    if line.ends_sentence or len(line.words) < 3:
        return False
    if line.gaps >= 2:
        return True
    return len(line.words) >= 5 and line.title_case_ratio >= 0.9 and line.stop_density == 0


def _looks_like_caption(line: Line, has_quote: bool) -> bool:
    """Photo captions: a trailing credit, a (left)/(right) cue or a present-tense photo verb, and no speech."""
    if has_quote or _SPEECH.search(line.text) or len(line.words) > 60:
        return False
    credit = _CREDIT_SUFFIX.search(line.text)
    credited = bool(credit and _CREDIT_WORD.match(credit.group("paren") or credit.group("bracket") or ""))
    posed = bool(_PHOTO_VERBS.search(line.text) and _PHOTO_TIME.search(line.text))
    return credited or bool(_POSITIONAL.search(line.text)) or (posed and len(line.words) <= 35)


def _is_doubled(text: str) -> bool:
    """A caption printed twice on one line by the scraper."""
    middle = len(text) // 2
    for split in range(max(1, middle - 3), min(len(text), middle + 4)):
        left, right = text[:split].strip(), text[split:].strip()
        if len(left) > 20 and left == right:
            return True
    return False


def _find_headline(lines: list[Line], counts: dict[str, int]) -> Line | None:
    top = _top_region(lines)
    scored = [(score, line) for line in top if (score := _headline_score(line, lines, counts)) > 0]
    if not scored:
        return None
    return max(scored, key=lambda pair: (pair[0], -pair[1].index))[1]


def _find_known(lines: list[Line], headline: str) -> Line | None:
    """The top line that prints the known headline, alone or with an outlet's name after it.

    A line that opens with the headline and goes on with more text is body (a record whose text
    repeats its title as the first sentence): the headline is then the one the record gives.
    """
    key = _normal(headline)
    return next((line for line in _top_region(lines) if _prints_headline(line.text, key)), None)


def _prints_headline(text: str, key: str) -> bool:
    if _normal(text) == key:
        return True
    for separator in _TITLE_SEPARATOR.finditer(text):
        if _normal(text[: separator.start()]) == key:
            return len(text) - separator.end() <= MAX_SUFFIX_CHARS
    return False


def _top_region(lines: list[Line]) -> list[Line]:
    region: list[Line] = []
    for line in lines[:TOP_REGION_LINES]:
        if line.quality is Quality.GOOD and line.ends_sentence and len(line.words) > 12:
            break
        region.append(line)
    return region


def _headline_score(line: Line, lines: list[Line], counts: dict[str, int]) -> float:
    words = len(line.words)
    if not 3 <= words <= 30 or line.dates or parse_byline_line(line.text) or _is_masthead(line):
        return 0.0
    repeated = counts.get(_normal(line.text), 0) > 1
    if line.quality is Quality.BAD and not (TITLE_SUFFIX.match(line.text) or repeated):
        return 0.0
    score = 1.0 + 0.5 * (1 - line.index / TOP_REGION_LINES)
    if repeated or _echoed_in_breadcrumb(line, lines):
        score += 1.0
    if TITLE_SUFFIX.match(line.text):
        score += 0.5
    if line.text.endswith(".") and words > 12:
        score -= 0.8
    following = lines[line.index + 1 : line.index + 4]
    if any(other.dates or parse_byline_line(other.text) for other in following):
        score += 0.4
    return score


def _echoed_in_breadcrumb(line: Line, lines: list[Line]) -> bool:
    """Breadcrumbs end with the (often truncated) headline: 'Home » World » Consequences for...'."""
    key = _normal(line.text)
    for other in lines[: line.index]:
        tail = _normal(re.sub(r"\.\.\.|…", "", other.text))
        if (
            other is not line
            and len(tail) > 20
            and any(key.startswith(tail[-cut:]) for cut in (30, 40) if len(tail) >= cut)
        ):
            return True
    return False


def _is_masthead(line: Line) -> bool:
    if len(line.words) > 5 or line.ends_sentence or line.title_case_ratio < 0.6:
        return False
    entry = by_name(line.text)
    return bool(entry and not entry.is_agency) or bool(_NEWSPAPER_WORDS.search(line.text))


def _label_metadata(lines: list[Line], headline: Line | None) -> None:
    for line in lines:
        if line is headline:
            line.label = Label.HEADLINE
        elif _is_dateline(line):
            line.label = Label.DATELINE
        elif parse_byline_line(line.text):
            line.label = Label.BYLINE
        elif headline and line.index < headline.index and _is_masthead(line):
            line.label = Label.MASTHEAD


def _is_dateline(line: Line) -> bool:
    if not line.dates:
        return False
    rest = line.text
    for mention in line.dates:
        rest = rest.replace(mention.text, " ")
    return len(_WORD.findall(rest)) <= 6


def _label_body(lines: list[Line], headline: Line | None) -> None:
    start = headline.index + 1 if headline else 0
    good = [line for line in lines[start:] if line.quality is Quality.GOOD and line.label is Label.BOILERPLATE]
    if not good:
        return
    first, last = good[0].index, good[-1].index
    _label_dek(lines, start, first)
    for line in lines[first : last + 1]:
        if line.label is Label.BOILERPLATE:
            line.label = _label_inside_body(line, lines, last)


def _label_dek(lines: list[Line], start: int, first_good: int) -> None:
    """A standfirst right under the headline is article text even though it lacks a full stop."""
    for line in lines[start:first_good]:
        if line.label is Label.BOILERPLATE and line.quality is Quality.NEAR and not line.caption_like:
            if line.stop_density >= GOOD_MIN_STOP_DENSITY and len(line.words) >= GOOD_MIN_WORDS:
                line.label = Label.BODY
            return
        if line.label is Label.BOILERPLATE and line.quality is not Quality.BAD:
            return


def _label_inside_body(line: Line, lines: list[Line], last: int) -> Label:
    if line.quality is Quality.BAD:
        return Label.BOILERPLATE
    if line.caption_like and not (line.index == last and line.ends_sentence and len(line.words) > 20):
        return Label.CAPTION
    if line.quality is Quality.GOOD or line.ends_sentence:
        return Label.BODY
    following = lines[line.index + 1] if line.index + 1 < len(lines) else None
    if len(line.words) <= 12 and following is not None and following.quality is Quality.GOOD:
        return Label.HEADING
    return Label.BODY if line.quality is Quality.NEAR else Label.BOILERPLATE
