"""`--granularity day|month|auto`: one option, the same in Corpus, the CLI, the API and the web
form; "auto" is the timeline told at build time."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline import Corpus
from storyline.cli import app
from storyline.tell import grain
from storyline.web import create_app


@pytest.fixture(scope="module")
def demo(demo_run):
    with Corpus(demo_run[0]) as built:
        yield built


@pytest.fixture(scope="module")
def client(demo_run):
    with TestClient(create_app(demo_run[0], hosts=["testserver"])) as test_client:
        yield test_client


def _grains(entries) -> set[str]:
    return {e.date.granularity for e in entries}


def test_auto_is_the_timeline_told_at_build_time(demo):
    assert demo.timeline(granularity="auto") == demo.timeline()
    assert _grains(demo.timeline()) > {"day"}  # the demo's evidence pools some days


def test_day_and_month_put_every_date_on_that_grain(demo):
    days = demo.timeline(granularity="day", max_dates=30)
    months = demo.timeline(granularity="month", max_dates=30)
    assert days and _grains(days) == {"day"}
    assert months and _grains(months) == {"month"}
    assert all(e.date.earliest == e.date.latest for e in days)


def test_an_unknown_granularity_is_refused():
    with pytest.raises(ValueError, match="day, month, auto"):
        grain("week")  # type: ignore[arg-type]


def test_the_cli_passes_granularity_through(demo_run):
    runner = CliRunner()
    args = ["timeline", "--db", str(demo_run[0]), "--max-dates", "5", "--json"]
    days = json.loads(runner.invoke(app, [*args, "--granularity", "day"]).stdout)
    assert len(days) == 5 and all(e["earliest"] == e["latest"] for e in days)
    refused = runner.invoke(app, [*args, "--granularity", "week"])
    assert refused.exit_code == 2


def test_the_api_and_the_page_pass_granularity_through(client):
    api = client.get("/api/timeline?granularity=month&max=5").json()
    entries = api["timeline"]["entries"]
    assert entries and {e["granularity"] for e in entries} == {"month"}
    assert api["filters"]["granularity"] == "month"
    assert client.get("/api/timeline?granularity=week").status_code == 422
    page = client.get("/timeline?granularity=day")
    assert page.context["c"].filters.granularity == "day"
    assert "<option selected>day</option>" in page.text
