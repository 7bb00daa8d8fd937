"""Hypothesis strategies for news documents assembled from hostile pieces.

Real corpora broke storyline with a "½" tagged as a person, "the near future", a fortnight, a
year 197980 and a record published 9999-12-31.  These strategies write news-like sentences (our
own, from templates) whose slots take realistic names, dates and places mixed with such pieces:
names that clean to nothing or to punctuation, other scripts, emoji, bidi controls, letters
that case-insensitive regexes read as ASCII, control characters and half a UTF-16 pair,
year-like numbers at and beyond the calendar's ends, vague and rare time words, very long
tokens, empty sentences, and duplicate documents.
`corpora()` gives a list of documents to write as text files, HTML pages or JSON Lines records
with a `published` date that may sit at the calendar's edges or be no date at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from hypothesis import strategies as st

PEOPLE = [
    "Sergey Lavrov", "David Miliband", "Petra Lindqvist", "Amina Haddad", "Kenji Watanabe",
    "Marta Kowalska", "Mr Lavrov", "Ms Haddad", "Foreign Secretary David Miliband",
]  # fmt: skip
PLACES = ["Moscow", "London", "Oslo", "Geneva", "Nairobi", "Britain", "Russia", "the UK"]
ORGS = ["the Foreign Office", "Gazprom", "the European Commission", "NATO", "the Kremlin"]
HOSTILE_NAMES = [
    "``", "''", "½", "™", "«", "»", "—", "…", "Mr ½", "Mr ``", "Dr —", "Сергей Лавров",
    "محمد بن سلمان", "習近平", "🙂", "🇺🇦", "Amina 🙂 Haddad", "\u202eHaddad\u202c",
    "\u2066Petra\u2069 Lindqvist", "\u202aKenji\u202b", "ſergey Lavrov", "İlham Aliyev",
    "\u202dLavrov\u202c", "\u2067Haddad\u2069", "\u2068Oslo\u2069", "ﹰ", "Mr ﹰ", "X" * 400,
    "O'Brien-Smith-Jones-" * 20,
]  # fmt: skip
WHEN = [
    "on 3 March 2015", "yesterday", "last week", "on Tuesday", "in June 2008", "last spring",
    "in the near future", "in a near future", "a fortnight ago", "two fortnights ago",
    "some time ago", "for some time", "in the coming decades", "in 0", "in 9999", "in -1", "in 10000",
    "in the year 9999", "197980 years ago", "122989 years earlier", "10000 years from now",
    "a millennium ago", "next year", "by year-end", "on Christmas Day", "thıs ſummer",
    "laſt Auguſt", "at 10:35 a.m. (0735 GMT) Friday", "1/2/03", "2015-03-04", "the 1960s",
    "the 21st century", "three weeks later", "the following day", "in the third quarter",
    "",
]  # fmt: skip
NUMBERS = ["0", "1", "3", "20", "500", "9999", "-1", "10000", "197980", "½", "²"]
TEMPLATES = [
    "{a} met {b} in {p} {w}.",
    "{a} said {w} that {o} would respond to the proposal.",
    "{o} accused {a} of blocking the talks {w}, officials in {p} said.",
    "The {n}th anniversary of the meeting between {a} and {b} in {p} was marked {w}.",
    "For the first time in {n} years, {a} visited {p} {w}.",
    "{a} was killed in {p} {w}, police said.",
    "{a} will visit {p} {w} to sign an agreement with {o}.",
    "It was not until {w} that {a} spoke to {b} again.",
    "{a} resigned {w} after {n} months in office.",
    "{o} announced {w} that it would cut {n} jobs in {p}.",
]
NOISE = [
    "", " ", ".", " . ", "\u200b", "\u202e", "\u2069", "🙂", "\n", "«»", "—", "…", "\ufeff",
    "\ud83d", "\x00", "\x0b", "\r\n",
]  # fmt: skip
PUBLISHED = [
    None, "2015-03-04", "0001-01-01", "9999-12-31", "9999-12", "0001", "9999", "0000-01-01",
    "10000-01-01", "2015-02-30", "not a date", "2015-03-04T10:00:00Z",
]  # fmt: skip


@dataclass(frozen=True)
class Doc:
    """One generated document: its text, a title, and how it is given to storyline."""

    title: str
    text: str
    published: str | None
    form: str  # "text" (a .txt file), "json" (a JSON Lines record) or "html" (a web page)

    @property
    def readable(self) -> str:
        """The text as ingest hands it on: half a UTF-16 pair, which no UTF-8 text can hold,
        read as U+FFFD."""
        return re.sub("[\ud800-\udfff]", "\ufffd", self.text)


def _slot(realistic: list[str]) -> st.SearchStrategy[str]:
    """Mostly realistic fillers, sometimes a hostile one."""
    return st.one_of(st.sampled_from(realistic), st.sampled_from(realistic),
                     st.sampled_from(HOSTILE_NAMES))  # fmt: skip


@st.composite
def sentences(draw) -> str:
    template = draw(st.sampled_from(TEMPLATES))
    sentence = template.format(
        a=draw(_slot(PEOPLE)),
        b=draw(_slot(PEOPLE)),
        p=draw(_slot(PLACES)),
        o=draw(_slot(ORGS)),
        w=draw(st.sampled_from(WHEN)),
        n=draw(st.sampled_from(NUMBERS)),
    )
    if draw(st.booleans()):
        at = draw(st.integers(0, len(sentence)))
        sentence = sentence[:at] + draw(st.sampled_from(NOISE)) + sentence[at:]
    return sentence


EMPTY_SENTENCES = ["", ".", " . ", "!?", "\u200b."]


@st.composite
def texts(draw) -> str:
    sentence = st.one_of(sentences(), sentences(), sentences(), st.sampled_from(EMPTY_SENTENCES))
    paragraphs = draw(st.lists(st.lists(sentence, min_size=1, max_size=4), min_size=1,
                               max_size=4))  # fmt: skip
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    if draw(st.integers(0, 9)) == 0:  # a long text: the same paragraphs many times over
        text = "\n\n".join([text] * draw(st.integers(5, 15)))
    return text


@st.composite
def docs(draw) -> Doc:
    text = draw(texts())
    title = draw(st.one_of(st.just(text.split(".")[0][:80]), st.sampled_from(HOSTILE_NAMES)))
    form = draw(st.sampled_from(["text", "json", "html"]))
    return Doc(title, text, draw(st.sampled_from(PUBLISHED)), form)


@st.composite
def corpora(draw) -> list[Doc]:
    """One to four documents, with an exact or a re-dated duplicate now and then."""
    found = draw(st.lists(docs(), min_size=1, max_size=4))
    if draw(st.integers(0, 3)) == 0:
        found.append(found[0])
    if draw(st.integers(0, 3)) == 0:
        first = found[0]
        found.append(Doc(first.title, first.text, draw(st.sampled_from(PUBLISHED)), "json"))
    return found


def write(folder: Path, corpus: list[Doc]) -> Path:
    """The documents as files under `folder`: text and HTML files, and one JSON Lines file."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i, doc in enumerate(corpus):
        if doc.form == "json":
            record = {"title": doc.title, "text": doc.text}
            if doc.published is not None:
                record["published"] = doc.published
            lines.append(json.dumps(record))  # escaped: "\ud83d" alone is valid JSON
        else:  # half a UTF-16 pair becomes bytes no UTF-8 reader accepts, as scrapes have
            page = _html(doc) if doc.form == "html" else f"{doc.title}\n\n{doc.text}\n"
            path = folder / f"doc{i}.{'html' if doc.form == 'html' else 'txt'}"
            path.write_text(page, encoding="utf-8", errors="surrogatepass")
    if lines:
        (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _html(doc: Doc) -> str:
    """A news page: the date in its metadata, the title, the paragraphs (escaped)."""
    meta = (
        f'<meta property="article:published_time" content="{escape(doc.published)}">'
        if doc.published
        else ""
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in doc.text.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{escape(doc.title)}</title>{meta}</head><body>"
        f"<article><h1>{escape(doc.title)}</h1>{body}</article></body></html>"
    )
