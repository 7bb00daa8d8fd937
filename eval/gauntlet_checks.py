"""Checking a build's word against what went in: every input must come out as an article, a
duplicate or a skip with a reason, and no document may fail.

The build's `--json` report names each skip (and, in newer versions, each failed document and
each warning) and counts duplicates; `storyline articles --json` names the source of each
article.  What neither names must be a duplicate, so the count of unnamed inputs must equal the
report's duplicate count.  A file name that is not UTF-8 can only be shown approximately, so
sources are compared in each of the ways its undecodable bytes may be shown.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from hostile import Expect

SHOWN = 5  # offending inputs listed per problem; the rest are counted


@dataclass
class Verdict:
    """What the build made of the inputs, and what is wrong with it."""

    articles: int
    duplicates: int
    skips: int
    warnings: list
    failed: list
    problems: list[str]
    skip_reasons: Counter[str]


def shown_as(source: str) -> set[str]:
    """The ways a source may be shown when it holds bytes that are not UTF-8 (a file name's
    surrogate escapes): as they are, as U+FFFD, or escaped as `\\xe9`."""
    if not any("\udc80" <= ch <= "\udcff" for ch in source):
        return {source}
    raw = os.fsencode(source)
    return {source, raw.decode("utf-8", "replace"), raw.decode("utf-8", "backslashreplace")}


class Inputs:
    """The expected inputs of one corpus folder, found by the source names storyline gives."""

    def __init__(self, root: str, expected: Iterable[Expect]):
        self.by_source = {shown: e for e in expected for shown in shown_as(e.item.source(root))}

    def find(self, source: str) -> Expect | None:
        """The input a reported source stands for: itself, or the file a `#lineN` is in."""
        for key in shown_as(source):
            if key in self.by_source:
                return self.by_source[key]
            whole = self.by_source.get(key.rsplit("#", 1)[0])
            if whole is not None and whole.item.line is None:
                return whole
        return None


def judge(root: str, expected: list[Expect], report: dict, articles: list[dict]) -> Verdict:
    """Compare what went in with what the report and the article list say came out."""
    inputs = Inputs(root, expected)
    skipped = report.get("skipped") or []
    failed = report.get("failed") or []
    named = {
        "article": [a.get("source") or "" for a in articles],
        "skip": [s.get("source") or "" for s in skipped],
        "failed": [f.get("source") or "" for f in failed],
    }
    seen: dict[int, set[str]] = {}
    strangers = []
    for outcome, sources in named.items():
        for source in sources:
            found = inputs.find(source)
            if found is None:
                strangers.append(f"{outcome} {source!r}")
            else:
                seen.setdefault(id(found), set()).add(outcome)
    problems = [*_failures(failed, inputs), *_unnamed_skips(skipped)]
    problems += _listed("reported but never given", strangers)
    unnamed = [e for e in expected if id(e) not in seen]
    duplicates = int(report.get("duplicate") or 0)
    if len(unnamed) != duplicates:
        problems += _listed(
            f"{len(unnamed)} inputs are neither an article nor a skip, but the report counts"
            f" {duplicates} duplicates",
            [e.item.source(root) for e in unnamed],
        )
    problems += _expectations(expected, seen, articles, inputs)
    reasons = Counter(reason_kind(s.get("reason") or "") for s in skipped)
    warnings = report.get("warnings") or []
    return Verdict(len(articles), duplicates, len(skipped), warnings, failed, problems, reasons)


def warning_kinds(warnings: list) -> Counter[str]:
    """The warnings summed up by kind, as skips are by reason."""
    return Counter(
        reason_kind(w.get("warning") or "" if isinstance(w, dict) else str(w)) for w in warnings
    )


def reason_kind(reason: str) -> str:
    """A skip's reason without its particulars ("invalid JSON: Expecting value..." -> "invalid
    JSON", numbers as N), so that a corpus's skips can be summed up by kind."""
    kind = re.split(r"[:;(]", reason, maxsplit=1)[0].strip() or "(no reason)"
    return re.sub(r"\d+", "N", kind)


def _listed(what: str, offenders: list[str]) -> list[str]:
    """One problem line naming the first few offenders, or nothing when there are none."""
    if not offenders:
        return []
    more = f" (and {len(offenders) - SHOWN} more)" if len(offenders) > SHOWN else ""
    return [f"{what}: {', '.join(map(repr, offenders[:SHOWN]))}{more}"]


def _failures(failed: list[dict], inputs: Inputs) -> list[str]:
    """Every failed document is a problem, except an input past a documented bound failing at
    that bound's stage (its article is still kept: `_expectations` checks that)."""
    return [
        f"failed: {f.get('source')!r} at {f.get('stage')}: {first_line(str(f.get('error')))}"
        for f in failed
        if not _at_bound(inputs.find(f.get("source") or ""), f.get("stage"))
    ]


def _at_bound(expect, stage) -> bool:
    return expect is not None and expect.bound is not None and expect.bound == stage


def _unnamed_skips(skipped: list[dict]) -> list[str]:
    blank = [s.get("source") or "" for s in skipped if not (s.get("reason") or "").strip()]
    return _listed("skipped without a reason", blank)


def _expectations(expected, seen, articles, inputs: Inputs) -> list[str]:
    """What a hostile input had to become: an article, a skip, a correctly decoded text."""
    problems = []
    for e in expected:
        outcomes = seen.get(id(e), set())
        if e.outcome != "any" and e.outcome not in outcomes:
            got = ", ".join(sorted(outcomes)) or "nothing (a duplicate?)"
            problems.append(f"{e.case}: {e.item.path!r} should give {e.outcome}, gave {got}")
    for article in articles:
        e = inputs.find(article.get("source") or "")
        text = f"{article.get('title') or ''}\n{article.get('text') or ''}"
        if e is not None and e.reads and e.reads not in text:
            problems.append(
                f"{e.case}: {e.item.path!r} should read {e.reads!r},"
                f" reads {_excerpt(text, e.reads)!r}"
            )
    return problems


def _excerpt(text: str, wanted: str) -> str:
    """The start of the text, where the wanted phrase would be (titles come first)."""
    return text[: max(40, len(wanted) + 10)]


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


_FRAME = re.compile(r'^\s*File "([^"]+)", line (\d+),? in (\S+)', re.M)
_TRACEBACK = "Traceback (most recent call last):"
_DUMP = "(most recent call first)"  # Python's fault handler lists the innermost frame first
LONGEST = 240  # characters of an error message shown


def crash_summary(stderr: str, error: str | None = None) -> str:
    """The error of a crashed command, first line, and where in storyline it was raised: the
    innermost frame of storyline's own code in the first traceback printed, which for chained
    exceptions (a worker's error raised again by the engine) is the root cause.  For a command
    the gauntlet stopped, given its `error`, where each process was (its fault-handler dump)."""
    if error is None:
        root = _root_traceback(stderr)
        error, where = _last_error(root), _ours(root)[-1:]
    else:
        blocks = stderr.split(_DUMP)[1:]
        where = list(dict.fromkeys(ours[0] for ours in map(_ours, blocks) if ours))
    error = error if len(error) <= LONGEST else error[: LONGEST - 3] + "..."
    return f"{error}  [at {', '.join(where)}]" if where else error


def _root_traceback(stderr: str) -> str:
    """The first traceback of the output, up to the notice of an exception chained to it."""
    parts = stderr.split(_TRACEBACK, 2)
    if len(parts) < 2:
        return stderr
    return re.split(r"^(?:The above exception|During handling of)", parts[1], flags=re.M)[0]


def _last_error(text: str) -> str:
    """The first line of the exception a traceback ends with (or of the whole text)."""
    frames = list(_FRAME.finditer(text))
    tail = text[frames[-1].end() :] if frames else text
    return next(
        (line for line in tail.splitlines() if line.strip() and not line.startswith(" ")),
        first_line(tail) or "(no message)",
    )


def _ours(text: str) -> list[str]:
    """`storyline/module.py:LINE in FUNCTION` for each frame of storyline's own code."""
    found = []
    for path, line, function in _FRAME.findall(text):
        at = path.replace("\\", "/").rfind("/storyline/")
        short = path[at + 1 :]
        if at >= 0 and "site-packages" not in short:
            found.append(f"{short}:{line} in {function}")
    return found


def warning_text(warning) -> str:
    """A warning as one short line: `source: warning` for the report's {source, warning}, any
    other shape as JSON."""
    if isinstance(warning, dict) and {"source", "warning"} <= warning.keys():
        text = f"{warning['source']}: {warning['warning']}"
    else:
        text = warning if isinstance(warning, str) else json.dumps(warning, ensure_ascii=False)
    return text if len(text) <= 200 else text[:197] + "..."
