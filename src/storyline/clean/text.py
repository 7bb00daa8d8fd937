"""storyline's own cleaner for plain-text scrapes (the page's visible text, one block per line).

The steps, each from evidence a single page carries, plus the corpus `Templates`:

1. Lines are read and scored for *prose-ness*: length, terminal punctuation, stopword density,
   web-furniture cues (subscribe, comments, share, per annum...), a publisher addressing the reader
   ("your support", "we need reporters", outside quotations), and learned boilerplate.  Boilerplate
   sentences glued onto the edges of a real line are cut off ("...difference.Foreign Secretary").
2. The body is the best contiguous run of lines (a maximum-scoring segment, as in body-text
   extraction): prose lines score their length, furniture scores against it, and short in-body
   lines such as factbox headings cost little, so they survive between prose paragraphs while an
   isolated teaser in a trailing sidebar does not.
3. Metadata comes from the lines before the body only: title, standfirst, byline, dateline (and an
   "Updated" date kept apart), and a publisher name found in the boilerplate that was removed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from storyline.lexicon.stopwords import LINE_STOPWORDS as STOPWORDS
from storyline.records import ParagraphKind
from storyline.textkit import sentence_spans

from .dateline import parse_dateline
from .templates import Templates, name_candidates, normalize

__all__ = ["clean_text"]

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_INSIDE = re.compile(r"\w ?[.!?…][\"'”’)\]}]*(?:\s|$)")
# A quotation never runs past the next opening mark, so an unclosed one costs one scan, not one
# scan per later mark (unclosed marks made long lines quadratic).
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]{12,}’")
_BULLET = re.compile(r"^\s*(?:[*•·▪►‣◦–—-]|\d{1,2}[.)])\s*")
# `\w++` is possessive: a word is never split between repetitions (that backtracked without end).
_CREDIT = re.compile(r"^\s*[(\[][^()\[\]]{1,60}[)\]]\s*$|^\s*[-–—|/:]?\s*(?:\w++\s*){0,6}$")


# Web furniture: any of these in a short line marks it; in a long prose line each costs a little.
_CUES = re.compile(
    r"\b(?:sign(?:ed)?[ -]?(?:up|in|out)|log(?:ged)?[ -]?(?:in|out)|login|register(?:ing|ed)?|"
    r"subscri(?:be|bed|ber|bers|ption|ptions)|newsletters?|notifications?|cookies?|"
    r"privacy(?: policy| notice| settings)?|terms (?:of|and) (?:use|service|conditions)|"
    r"all rights reserved|copyright|advertisements?|advertis(?:e|ing|er)|sponsored|"
    r"donat(?:e|es|ion|ions)|paywalls?|per annum|salary|recruitment|job widget|"
    r"click (?:here|to)|tap (?:here|to)|read (?:more|next|full)|continue reading|"
    r"related (?:articles?|stories|content|posts|topics|coverage)|recommended|"
    r"most (?:popular|read|viewed|shared|commented)|trending|share (?:this|on|via|article)|"
    r"follow (?:us|on)|click to follow|comments?|commenting|forum|skip to|back to top|"
    r"you (?:may|might) also like|more from|latest (?:stories|news|headlines|videos?)|"
    r"(?:download|get) (?:the|our) app|app store|google play|reprints?|whatsapp|facebook|"
    r"twitter|pinterest|linkedin|reddit|instagram|youtube|tiktok|rss|email (?:this|us|address)|"
    r"print (?:this|article)|getty images|shutterstock|image (?:credit|source)|"
    r"photo(?:graph)?(?: credit)?:|view (?:gallery|comments)|editor'?s picks|"
    r"explore|topics|tags|menu|search|home ?page|contact us|about us|our team|"
    r"leave a (?:comment|reply)|post a comment|loading|javascript|browser|"
    r"thank you for (?:registering|reading|subscribing)|"
    r"we(?:'| a)re sorry|join (?:our|the) (?:conversation|community|forum|debate))\b",
    re.IGNORECASE,
)
# The publisher speaking to the reader about itself (outside quotations).
_READER_CUES = re.compile(
    r"\b(?:your (?:support|donation|contribution|inbox|email|subscription|account|browser|"
    r"privacy|consent)|support (?:us|our (?:journalism|work|reporting)|independent journalism)|"
    r"we need (?:reporters|your)|our (?:journalism|reporting|newsletter|readers|journalists)|"
    r"(?:stay|keep) up to date|independent journalism|quality journalism)\b",
    re.IGNORECASE,
)
# Where a comment thread begins: the body never runs across one of these lines.
_COMMENTS = re.compile(
    r"^\W*(?:\d+\s+(?:comments?|responses?|replies|thoughts)\b"
    r"|(?:top[- ]rated |user |reader |latest |show |view |load |see )?(?:all )?\d*\s*comments?"
    r"\s*(?:\(\d+\)|\d+)?\W*$"
    r"|leave a (?:comment|reply)|post a comment|add a comment|comments? feed"
    r"|join (?:the|our) (?:discussion|conversation|commenting)|commenting forum"
    r"|(?:\d+ )?(?:responses?|thoughts) (?:to|on) [“\"])",
    re.IGNORECASE,
)
_SAYS = re.compile(r"^\S+(?: \S+){0,3} (?:says|said|wrote|writes):?$", re.IGNORECASE)
_SECOND = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"\b(?:we|us|our|ours)\b", re.IGNORECASE)
_PUBLISHER_SPEAK = re.compile(
    r"\b(?:notifications?|sign up|newsletters?|subscri\w+|readers?|journalism|journalists|"
    r"reporters|support|donations?|edition|apps?|emails?|copyright|rights reserved|trusted|"
    r"follow)\b|©",
    re.IGNORECASE,
)

_NAME_WORD = r"[A-Z][a-zA-Z'’.-]+"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|der|da|di|le|la|bin|al|ibn)){{1,3}}"
_BYLINE = re.compile(
    rf"^(?:by|words by|written by|reporting by)\s+(?P<name>{_NAME})\b", re.IGNORECASE
)
_NAME_LINE = re.compile(rf"^(?P<name>{_NAME})$")
_SITE_SUFFIX = re.compile(r"^(?P<title>.{12,}?)\s+(?:[-–—|·:]|::)\s+(?P<site>[^-–—|·]{2,40})$")


@dataclass
class _Line:
    text: str
    words: int
    stop: float
    score: float = 0.0
    junk: bool = False  # furniture or learned boilerplate: never body, never metadata
    caption: bool = False
    barrier: bool = False  # a comment thread starts here
    removed: list[str] = field(default_factory=list)  # boilerplate cut from this line


def clean_text(text: str, templates: Templates):
    """Clean one plain-text scrape into an `Extraction` (paragraphs with kinds, and metadata)."""
    from storyline.clean import Extraction

    lines = _read(text, templates)
    found = Extraction()
    if not lines:
        return found
    start, end = _extend(lines, *_body_segment(lines))
    head = _head(lines, start)
    title_at = _title(lines, head, found)
    body_from = _metadata(lines, head, title_at, start, found)
    paragraphs: list[tuple[str, ParagraphKind]] = []
    for i in _standfirst(lines, head, title_at):
        paragraphs.append((lines[i].text, "standfirst"))
    for line in lines[max(start, body_from) : end]:
        if line.junk or line.caption or _is_meta_line(line, found):
            continue
        paragraphs.append((_BULLET.sub("", line.text) if _is_list(line) else line.text,
                           _kind(line)))  # fmt: skip
    if not any(kind != "heading" for _, kind in paragraphs):
        paragraphs += [(line.text, "body") for line in _plain_prose(lines)]
    found.paragraphs = paragraphs
    found.publisher = _publisher(lines, templates, found)
    return found


def _plain_prose(lines: list[_Line]) -> list[_Line]:
    """When scoring finds no body, the lines that are plainly prose (sentences of common words),
    so that a page the scores misjudge (one 5,000-character line quoting readers' "we" and "you",
    a one-sentence record in braces, which the title took) keeps its text instead of being
    skipped; a page of product names or headlines alone has no such line and is still no
    article."""
    return [
        line
        for line in lines
        if not (line.junk or line.caption or line.barrier)
        and line.words >= 8
        and line.stop >= 0.2
        and _SENTENCE_INSIDE.search(line.text)
    ]


# -- reading and scoring lines -----------------------------------------------------------------


def _read(text: str, templates: Templates) -> list[_Line]:
    lines = [_make(line) for line in _unwrap(text) if _WORD.search(line)]
    for line in lines:
        _strip_glued(line, templates)
    _mark_captions(lines)
    for line in lines:
        line.barrier = line.words <= 12 and bool(_COMMENTS.search(line.text))
        if line.junk:
            line.score = -1.5
        else:
            line.score = _score(line)
    return lines


def _unwrap(text: str) -> list[str]:
    """Lines of the scrape, with hard-wrapped blocks joined back: a line that stops mid-sentence
    (no terminal punctuation, and ending on a comma or function word, or followed by a line
    starting in lower case) continues on the next line of the same block.

    A joined line is kept as its parts until the end: growing one string (and reading it whole
    at every join) made a long wrapped block quadratic."""
    out: list[list[str]] = []
    joinable = False
    for raw in text.splitlines():
        line = _SPACE.sub(" ", raw).strip()
        if not line:
            joinable = False
            continue
        if joinable and out and _continues(out[-1], line):
            out[-1].append(line)
        else:
            out.append([line])
        joinable = True
    return [" ".join(parts) for parts in out]


def _continues(parts: list[str], line: str) -> bool:
    """Whether `line` continues the line joined from `parts`; reads only its last parts."""
    previous = parts[-1]
    if _TERMINAL.search(previous) or (len(parts) == 1 and len(previous) < 3):
        return False
    if line[0].islower():
        return True
    if parse_dateline(line, 3):
        return False
    last = previous.rsplit(" ", 1)[-1].lower()
    words = sum(len(part.split()) for part in parts[-4:])  # every part holds a word
    return previous.endswith(",") or (last in _JOINERS and words >= 4)


_JOINERS = frozenset(
    ["the", "a", "an", "of", "to", "in", "for", "with", "and", "or", "by", "on", "at", "from"]
)


def _make(text: str) -> _Line:
    words = _WORD.findall(text)
    stop = sum(w.lower() in STOPWORDS for w in words) / len(words) if words else 0.0
    return _Line(text, len(words), stop)


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _furniture_sentence(text: str, templates: Templates) -> bool:
    """A sentence that is boilerplate on its own: learned, or the publisher addressing readers."""
    if templates.is_boilerplate(text):
        return True
    outside = _outside_quotes(text)
    if _READER_CUES.search(outside):
        return True
    words = len(_WORD.findall(text))
    return words <= 12 and bool(_CUES.search(outside)) and bool(_SECOND.search(outside))


def _strip_glued(line: _Line, templates: Templates) -> None:
    """Learned or reader-addressing boilerplate at a line's edges is cut off; a line that is all
    boilerplate becomes junk."""
    if templates.is_boilerplate(line.text):
        line.junk, line.removed = True, [line.text]
        return
    spans = sentence_spans(line.text)
    if len(spans) < 2:
        return
    first, last = 0, len(spans)
    while first < last and _furniture_sentence(line.text[slice(*spans[first])], templates):
        first += 1
    while last > first and _furniture_sentence(line.text[slice(*spans[last - 1])], templates):
        last -= 1
    if first == 0 and last == len(spans):
        return
    cut = first + len(spans) - last
    if first == last or (cut >= 2 and 2 * cut >= len(spans)):
        line.junk, line.removed = True, [line.text]
        return
    kept = line.text[spans[first][0] : spans[last - 1][1]].strip()
    line.removed = [line.text[slice(*s)] for s in spans[:first] + spans[last:]]
    fresh = _make(kept)
    line.text, line.words, line.stop = fresh.text, fresh.words, fresh.stop


def _mark_captions(lines: list[_Line]) -> None:
    """A photo caption is printed twice: as is, then with a credit ("... (PA wire)")."""
    for a, b in itertools.pairwise(lines):
        if a.junk or b.junk:
            continue
        na, nb = normalize(a.text), normalize(b.text)
        if not na or a.words < 3:
            continue
        if (
            nb == na
            and not _SENTENCE_END.search(a.text)
            or nb.startswith(na + " ")
            and _CREDIT.match(b.text[len(a.text) :] or "x")
        ):
            a.caption = b.caption = True


def _score(line: _Line) -> float:
    """Prose-ness in about [-1.5, 1]: above zero a body line, below it furniture."""
    n, text = line.words, line.text
    outside = _outside_quotes(text)
    cues = len(_CUES.findall(outside))
    if line.caption:
        return -1.0
    if n < 15 and cues or _SAYS.match(text):
        return -1.2
    if re.fullmatch(r"[\W\d_]*", text) or parse_dateline(text, 3):
        return -1.0
    terminal = bool(_TERMINAL.search(text))
    if terminal and n >= 8:
        score = 1.0
    elif terminal and n >= 4:
        score = 0.5
    elif n >= 20 and line.stop >= 0.25:
        score = 0.3
    elif n >= 12 and line.stop >= 0.3:
        score = -0.1
    else:
        score = -0.5
    if line.stop < 0.12 and (n >= 15 or (terminal and n >= 8)):
        score -= 0.7
    score -= 0.4 * min(cues, 3) * min(1.0, 30 / n)
    return score - _address_penalty(outside)


def _address_penalty(outside: str) -> float:
    """The publisher talking to its reader, per sentence: a cue phrase ("your support"), or "we"
    and "you" in one sentence; "we" alone (a publisher's voice, or a blog's) costs a little."""
    sentences = [outside[a:b] for a, b in sentence_spans(outside)] or [outside]
    penalty = 0.0
    for sentence in sentences:
        if _READER_CUES.search(sentence):
            penalty += 2.0
        elif _SECOND.search(sentence) and _FIRST_PLURAL.search(sentence):
            penalty += 1.2
        elif _FIRST_PLURAL.search(sentence):
            penalty += 0.3
    return penalty / len(sentences) if len(sentences) > 2 else penalty


def _weight(line: _Line) -> float:
    if line.barrier:
        return -1e9
    if line.score > 0:
        return line.score * min(line.words, 150)
    return line.score * (min(line.words, 60) + 4)


def _body_segment(lines: list[_Line]) -> tuple[int, int]:
    """The maximum-scoring contiguous run of lines (Kadane), as [start, end)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    prose_seen, discount = 0.0, 1.0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        weight = _weight(line)
        if line.barrier and prose_seen >= 50:
            discount = 0.25  # a comment thread after the article: readers' prose counts less
        if weight > 0:
            prose_seen += weight
            weight *= discount
        total += weight
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _extend(lines: list[_Line], start: int, end: int) -> tuple[int, int]:
    """Take in one neighbouring line on each side when it is a full sentence that merely scored
    low (a last line that mentions "privacy" or "the App Store")."""

    def sentence(line: _Line) -> bool:
        return (
            not (line.junk or line.barrier or line.caption)
            and line.words >= 4
            and line.score > -1.5
            and bool(_SENTENCE_END.search(line.text))
            and not _READER_CUES.search(_outside_quotes(line.text))
        )

    if start == end:
        return start, end
    if start > 0 and sentence(lines[start - 1]):
        start -= 1
    if end < len(lines) and sentence(lines[end]):
        end += 1
    return start, end


# -- metadata ----------------------------------------------------------------------------------


def _head(lines: list[_Line], start: int) -> list[int]:
    """Indices of usable lines before the body (plus the first few inside it, for datelines)."""
    upto = min(len(lines), start + 3)
    return [i for i in range(upto) if not lines[i].junk]


def _title(lines: list[_Line], head: list[int], found) -> int | None:
    candidates = [
        i
        for i in head
        if 2 <= lines[i].words <= 30
        and not lines[i].caption
        and lines[i].score <= 0.5
        and not _CUES.search(lines[i].text)
        and not _READER_CUES.search(lines[i].text)
        and not parse_dateline(lines[i].text)
        and not _NAME_LINE.match(lines[i].text)
        and not lines[i].text.endswith(".")
    ]
    above_dateline = [
        i
        for i, after in zip(head, head[1:], strict=False)
        if 2 <= lines[i].words <= 30
        and not lines[i].text.endswith(".")
        and not parse_dateline(lines[i].text)
        and parse_dateline(lines[after].text)
    ]
    if above_dateline and (not candidates or above_dateline[0] < candidates[0]):
        candidates.insert(0, above_dateline[0])  # the line right above a dateline is a headline
    if not candidates:
        return None
    first = candidates[0]
    match = _SITE_SUFFIX.match(lines[first].text)
    if match and len(match.group("site").split()) <= 4 and match.group("site")[:1].isupper():
        bare = normalize(match.group("title"))
        for i in candidates[1:]:
            if normalize(lines[i].text) == bare:
                found.title = lines[i].text
                found.publisher = match.group("site").strip()
                return i
        found.title = match.group("title").strip()
        return first
    found.title = lines[first].text
    return first


def _standfirst(lines: list[_Line], head: list[int], title_at: int | None) -> list[int]:
    """Prose lines right after the title, before the byline or dateline: the standfirst."""
    if title_at is None:
        return []
    picked = []
    for i in range(title_at + 1, min(title_at + 3, len(lines))):
        line = lines[i]
        if i not in head or line.caption or line.words < 8 or line.stop < 0.2:
            break
        if _CUES.search(line.text) or _READER_CUES.search(line.text) or line.score < -0.5:
            break
        if parse_dateline(line.text) or _byline(line.text, bare=True):
            break
        if line.score > 0.5:  # a real paragraph is body, not standfirst
            break
        picked.append(i)
    return picked[:2]


def _metadata(lines: list[_Line], head: list[int], title_at, start: int, found) -> int:
    """Byline, dateline and updated date near the title; returns where body lines may begin."""
    lo = max(0, (title_at if title_at is not None else 0) - 2)
    near = [i for i in head if i >= lo]
    body_from = 0
    for i in near:
        dl = parse_dateline(lines[i].text)
        if dl is None:
            continue
        if dl.published and found.published is None:
            found.published, found.published_how = dl.published, "dateline"
        if dl.updated and found.updated is None:
            found.updated = dl.updated
        if dl.rest and found.byline is None:
            byline = _byline(dl.rest, bare=True)
            if byline:
                found.byline = byline
        if found.byline is None:
            for j in (i - 1, i + 1):
                if j in near and j != title_at:
                    byline = _byline(lines[j].text, bare=True)
                    if byline:
                        found.byline = byline
                        break
        body_from = max(body_from, i + 1) if i >= start else body_from
    if found.byline is None:
        for i in near:
            if i == title_at:
                continue
            byline = _byline(lines[i].text)
            if byline:
                found.byline = byline
                break
    if found.published and found.updated and found.updated.earliest < found.published.earliest:
        found.updated = None
    return body_from


def _byline(text: str, bare: bool = False) -> str | None:
    text = text.strip(" -–—|,·")
    match = _BYLINE.match(text)
    if match:
        return match.group("name")
    if bare:
        match = _NAME_LINE.match(text)
        if match and not _CUES.search(text) and 2 <= len(text.split()) <= 4:
            return match.group("name")
    return None


def _is_meta_line(line: _Line, found) -> bool:
    if found.title and line.text == found.title:
        return True
    if line.words <= 12 and parse_dateline(line.text):
        return True
    return bool(found.byline and line.words <= 6 and found.byline in line.text)


def _is_list(line: _Line) -> bool:
    return bool(_BULLET.match(line.text)) and line.words >= 3


def _kind(line: _Line) -> ParagraphKind:
    if _is_list(line):
        return "list"
    if line.words <= 15 and not _SENTENCE_END.search(line.text) and line.score <= 0:
        return "heading"
    return "body"


def _publisher(lines: list[_Line], templates: Templates, found) -> str | None:
    """A publisher name from the boilerplate removed from this page (learned names first)."""
    if found.publisher:
        return found.publisher
    removed: list[str] = []
    for line in lines:
        if line.junk or line.score < -0.5:
            removed.append(line.text)
        removed.extend(r for r in line.removed if r != line.text)
    scores: Counter[str] = Counter()
    speaking: set[str] = set()  # names the publisher uses about itself ("sign up to The X")
    for text in removed:
        speaks = bool(_PUBLISHER_SPEAK.search(text))
        for name in set(name_candidates(text)):
            scores[name] += 2.0 if speaks else 0.25
            if speaks:
                speaking.add(name)
    if not scores:
        return None
    learned = {name: templates.name_support(name) for name in scores}
    if any(learned.values()):
        best = max(learned, key=lambda n: (learned[n], scores[n], n.startswith("The ")))
        return best
    for name in list(scores):
        key = name.removeprefix("The ")
        scores[name] += 0.25 * sum(1 for text in removed if key in text and name not in text)
    if not speaking:
        return None
    best = max(speaking, key=lambda n: (scores[n], n.startswith("The "), len(n)))
    return best if scores[best] >= 2 else None
