"""Hostile and impossible data, round three (issue 24): nothing outside the
mirror, no nonsense that builds, no traceback, look-alikes refused, downloads
safe by OWASP's rule, a content security policy and a build lock. One fixture
and the exact expected message per case."""

import base64
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from analysis.data import check, datasets, layers, schemas, tables
from analysis.errors import DataError, ValidationError
from analysis.paths import DATA_DIR_ENV, REPO_ROOT
from analysis.tools import publish, site, spreadsheet
from conftest import CheckRun, line_of, phase_bounds, problems_of, refusal, replace_in_line, shifted

COMPARED = "compared after Unicode normalisation (NFKC), case folding and trimming"
ERA_RULE = "within period 'evidence_tables' of periods.csv (2013-03-01 to 2014-12-31)"
HISTORY_RULE = "within period 'history' of periods.csv (1920-01-01 to 2015-12-31)"
CONTIGUOUS_RULE = "a phase starts the day after the previous one ends (phases neither overlap nor leave a gap)"
INVISIBLE_RULE = (
    "no invisible format character (separator, directional mark, BOM, soft hyphen, zero-width character, variation selector or filler)"
)
CONFINED_RULE = (
    "is not a normalised relative path inside the mirror and the cache (no '..' part, no leading '/' or '.', no backslash or colon)"
)


def append_row(path: Path, row: str) -> int:
    """Append a CSV row to a table; returns its line."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    return text.count("\n") + 1


# ------------------------------------------------------------ 1. confined fetching


def manifest_with(tmp_path: Path, *, mirror_path: str, url: str = "https://example.org/demo.csv", sha256: str = "0" * 64) -> Path:
    path = tmp_path / "manifest.toml"
    path.write_text(
        f'[datasets.demo]\ntitle = "t"\nmirror_path = "{mirror_path}"\nurl = "{url}"\nsha256 = "{sha256}"\nlicence = "l"\ncitation = "c"\n',
        encoding="utf-8",
    )
    return path


def test_a_mirror_path_climbing_out_of_the_cache_is_refused_and_the_file_outside_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    payload = hashlib.sha256(b"overwritten").hexdigest()
    path = manifest_with(tmp_path, mirror_path="../../victim.txt", sha256=payload)
    with pytest.raises(DataError) as refused:
        datasets.fetch("demo", datasets=datasets.manifest(path), mirror=tmp_path / "mirror", cache=tmp_path / "cache" / "deep")
    assert str(refused.value) == f"{path}: [datasets.demo] mirror_path '../../victim.txt' {CONFINED_RULE}"
    assert victim.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("mirror_path", ["/etc/hostname", "../../../../../../etc/hostname", "./geo/x.csv", "geo/../x.csv", "C:x.csv"])
def test_a_mirror_path_to_a_file_outside_the_mirror_is_refused_without_reading_it(tmp_path: Path, mirror_path: str) -> None:
    path = manifest_with(tmp_path, mirror_path=mirror_path)
    with pytest.raises(DataError) as refused:
        datasets.manifest(path)
    assert str(refused.value) == f"{path}: [datasets.demo] mirror_path {mirror_path!r} {CONFINED_RULE}"
    assert "sha256 mismatch" not in str(refused.value)


def test_a_link_in_the_mirror_to_a_file_outside_is_refused_and_its_digest_never_printed(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("not the project's", encoding="utf-8")
    mirror = tmp_path / "mirror"
    (mirror / "geo").mkdir(parents=True)
    (mirror / "geo" / "x.csv").symlink_to(secret)
    declared = datasets.manifest(manifest_with(tmp_path, mirror_path="geo/x.csv"))
    with pytest.raises(DataError) as refused:
        datasets.fetch("demo", datasets=declared, mirror=mirror, cache=tmp_path / "cache")
    assert str(refused.value) == (
        f"[datasets.demo] mirror_path 'geo/x.csv' leads outside the mirror ({mirror}) through a symbolic link: refused, not read"
    )
    assert hashlib.sha256(secret.read_bytes()).hexdigest() not in str(refused.value)


@pytest.mark.parametrize("url", ["http://example.org/demo.csv", "file:///etc/passwd", "ftp://example.org/x", "https:///nohost"])
def test_an_address_that_is_not_https_is_refused_naming_the_entry_and_field(tmp_path: Path, url: str) -> None:
    path = manifest_with(tmp_path, mirror_path="geo/x.csv", url=url)
    with pytest.raises(DataError) as refused:
        datasets.manifest(path)
    assert str(refused.value) == f"{path}: [datasets.demo] url {url!r} is not an https:// address with a host"


def test_a_file_address_in_the_manifest_stops_make_check_with_a_message_not_a_traceback(data_copy: Path) -> None:
    manifest = data_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    start = text.index('url = "', text.index("[datasets.hsg_visits_2010s]"))
    end = text.index('"', start + len('url = "'))
    manifest.write_text(text[:start] + 'url = "file:///etc/passwd' + text[end:], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "analysis.data", "check"],
        env={**os.environ, DATA_DIR_ENV: str(data_copy)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "[datasets.hsg_visits_2010s] url 'file:///etc/passwd' is not an https:// address with a host" in result.stdout


# ------------------------------------------------------------ 2. structural rules


def test_a_collapse_phase_starting_in_1900_is_refused(data_copy: Path) -> None:
    start, _ = phase_bounds(data_copy / "phases.csv")["collapse"]
    in_1900 = "1900" + start[4:]
    line = line_of(data_copy / "phases.csv", "collapse")
    replace_in_line(data_copy / "phases.csv", line, f",{start},", f",{in_1900},")
    assert refusal(data_copy, "phases", line, "start", in_1900, ERA_RULE) in problems_of("phases", data_copy)


def test_overlapping_phases_are_refused(data_copy: Path) -> None:
    bounds = phase_bounds(data_copy / "phases.csv")
    end = bounds["resumption"][1]
    replace_in_line(data_copy / "phases.csv", line_of(data_copy / "phases.csv", "resumption"), f",{end},", f",{shifted(end, days=10)},")
    framework = line_of(data_copy / "phases.csv", "framework")
    expected = refusal(data_copy, "phases", framework, "start", bounds["framework"][0], CONTIGUOUS_RULE)
    assert expected in problems_of("phases", data_copy)


def test_phases_that_leave_a_gap_are_refused(data_copy: Path) -> None:
    start = phase_bounds(data_copy / "phases.csv")["framework"][0]
    later = shifted(start, days=9)
    line = line_of(data_copy / "phases.csv", "framework")
    replace_in_line(data_copy / "phases.csv", line, f",{start},", f",{later},")
    assert refusal(data_copy, "phases", line, "start", later, CONTIGUOUS_RULE) in problems_of("phases", data_copy)


def test_phases_out_of_order_are_refused(data_copy: Path) -> None:
    path = data_copy / "phases.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2], lines[3] = lines[3], lines[2]
    path.write_text("\n".join(lines), encoding="utf-8")
    rule = "the five phases are listed once each, in the book's order ['reset', 'resumption', 'framework', 'collapse', 'aftermath']"
    assert refusal(data_copy, "phases", 3, "phase", "framework", rule) in problems_of("phases", data_copy)


def test_a_missing_phase_is_refused(data_copy: Path) -> None:
    path = data_copy / "phases.csv"
    path.write_text("\n".join(path.read_text(encoding="utf-8").split("\n")[:5]) + "\n", encoding="utf-8")
    rule = "the five phases are listed once each, in the book's order ['reset', 'resumption', 'framework', 'collapse', 'aftermath']"
    assert refusal(data_copy, "phases", 5, "phase", "collapse", rule) in problems_of("phases", data_copy)


def test_every_date_column_is_bounded_by_a_named_period() -> None:
    unbounded = [
        f"{table.file}:{name}"
        for table in schemas.TABLES.values()
        for name, spec in table.columns.items()
        if spec.kind == "date" and not spec.period
    ]
    assert unbounded == []
    with pytest.raises(ValueError, match=r"a date column names the period of periods.csv its dates must fall in"):
        schemas.Column("date")


def test_a_tranche_released_in_2100_is_refused(data_copy: Path) -> None:
    replace_in_line(data_copy / "prisoner_releases.csv", 3, ",2013-08-14,26,", ",2100-08-13,26,")
    assert refusal(data_copy, "prisoner_releases", 3, "actual_date", "2100-08-13", ERA_RULE) in problems_of("prisoner_releases", data_copy)


def test_a_reference_fact_dated_before_the_book_s_history_is_refused(data_copy: Path) -> None:
    path = data_copy / "reference_facts.csv"
    line = line_of(path, "peres_born")
    replace_in_line(path, line, ",1923-08-02,", ",1823-08-02,")
    assert refusal(data_copy, "reference_facts", line, "date", "1823-08-02", HISTORY_RULE) in problems_of("reference_facts", data_copy)


def test_a_period_outside_the_book_s_history_is_refused(data_copy: Path) -> None:
    replace_in_line(data_copy / "periods.csv", 2, ",2013-03-20,2014-07-27,", ",1066-10-14,2014-07-27,")
    assert refusal(data_copy, "periods", 2, "start", "1066-10-14", HISTORY_RULE) in problems_of("periods", data_copy)


def test_a_duplicated_settlement_site_row_is_refused(data_copy: Path) -> None:
    path = data_copy / "settlement_sites.csv"
    copied = path.read_text(encoding="utf-8").split("\n")[7]
    assert copied == "S03,Gilo,east_jerusalem,400,no,jns_2013_08_11_tenders,"
    line = append_row(path, copied)
    rule = f"a row repeats no other ({COMPARED}): it repeats line 8"
    assert refusal(data_copy, "settlement_sites", line, None, copied, rule) in problems_of("settlement_sites", data_copy)


def test_a_second_row_for_the_same_site_of_an_announcement_is_refused(data_copy: Path) -> None:
    line = append_row(data_copy / "settlement_sites.csv", "S03,GILO,east_jerusalem,100,no,jns_2013_08_11_tenders,")
    rule = f"one row per site of an announcement ({COMPARED})"
    assert refusal(data_copy, "settlement_sites", line, "site", "GILO", rule) in problems_of("settlement_sites", data_copy)


def test_a_site_the_map_cannot_place_is_refused_by_the_check(data_copy: Path) -> None:
    replace_in_line(data_copy / "settlement_sites.csv", 8, "S03,Gilo,", "S03,Atlantis,")
    with pytest.raises(ValidationError) as refused:
        layers.east_jerusalem_sites_placed(data_copy)
    assert refusal(data_copy, "settlement_sites", 8, "site", "Atlantis", layers.SITE_PLACED_RULE) in str(refused.value)
    assert layers.SITE_PLACED_RULE == (
        "an East Jerusalem site is one the map can place: a neighbourhood of "
        "analysis.data.layers.SITE_NEIGHBOURHOODS or a COTO settlement point of that name"
    )


def test_a_claim_linking_to_a_figure_its_page_lacks_is_refused(data_copy: Path) -> None:
    path = data_copy / "evidence_methods.csv"
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "#fig-collapse-prisoners" in text)
    replace_in_line(path, line, "#fig-collapse-prisoners", "#fig-collapse-nowhere")
    with pytest.raises(ValidationError) as refused:
        tables.figure_links_resolve(data_copy)
    rule = "names a figure of its page: a `:name:` label in chapters/<page>"
    assert refusal(data_copy, "evidence_methods", line, "figure", "collapse.html#fig-collapse-nowhere", rule) in str(refused.value)


@pytest.mark.parametrize(
    ("event", "day", "moved_to", "table", "bound", "column"),
    [
        # The reset ends on Kerry's announcement in Amman (E020); re-dated alone, it left the phase where it was.
        ("E020", "2013-07-19", "2013-07-18", "phases", "reset", "end"),
        ("E109", "2013-12-27", "2013-12-28", "periods", "first_offer_to_pollard_parole", "start"),
    ],
)
def test_an_event_re_dated_without_the_period_it_bounds_is_refused_by_the_check(
    data_copy: Path, event: str, day: str, moved_to: str, table: str, bound: str, column: str
) -> None:
    events = data_copy / "events.csv"
    replace_in_line(events, line_of(events, event), f"{event},{day},", f"{event},{moved_to},")
    bounded = line_of(data_copy / f"{table}.csv", bound)
    with pytest.raises(ValidationError) as refused:
        tables.period_events_agree(data_copy)
    rule = f"{tables.PERIOD_EVENT_RULE}: {event} is dated {moved_to}"
    assert refusal(data_copy, table, bounded, column, day, rule) in str(refused.value)
    assert tables.PERIOD_EVENT_RULE == "falls on the date of the event named beside it (start_event, end_event), as events.csv gives it"


def test_a_period_bound_naming_no_event_is_refused_by_the_check(data_copy: Path) -> None:
    periods = data_copy / "periods.csv"
    line = line_of(periods, "teen_abduction")
    replace_in_line(periods, line, ",E092,E092", ",E092,E999")
    with pytest.raises(ValidationError) as refused:
        tables.period_events_agree(data_copy)
    assert refusal(data_copy, "periods", line, "end_event", "E999", "names an event of events.csv") in str(refused.value)


# ------------------------------------------------------------ 5. no traceback


def test_seats_in_arabic_indic_digits_are_one_refusal_and_every_other_input_is_still_checked(
    data_copy: Path, check_in_process: Callable[[Path], CheckRun]
) -> None:
    path = data_copy / "knesset_2013.csv"
    line = line_of(path, "Yesh Atid")
    replace_in_line(path, line, ",19,", ",1٩,")
    replace_in_line(data_copy / "settlement_sites.csv", 8, "S03,Gilo,", "S03,Atlantis,")
    result = check_in_process(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert refusal(data_copy, "knesset_2013", line, "seats", "1٩", "a non-negative whole number in ASCII digits") in result.stdout
    assert refusal(data_copy, "settlement_sites", 8, "site", "Atlantis", layers.SITE_PLACED_RULE) in result.stdout
    checked = [row for row in result.stdout.split("\n\n")[0].splitlines() if row.startswith(("table", "links", "places"))]
    assert len(checked) == len(schemas.TABLES) + 3  # the tables, the figure links and the two checks of places
    # The tables whose rules read the seats (evidence_methods names parties) fail with it, on its one refusal;
    # the links of evidence_methods.csv with them; every other input passes.
    readers = readers_of("knesset_2013")
    assert readers >= {"evidence_methods"}
    failed = sorted(row.split()[1] for row in checked if not row.endswith("ok"))
    assert failed == sorted(["knesset_2013.csv", "evidence_methods.csv", "settlement_sites.csv", *(f"{name}.csv" for name in readers)])
    assert result.stdout.count("\nproblem ") == 2


def readers_of(name: str) -> set[str]:
    """The tables whose rules read `name`'s, directly or through another table's."""
    found: set[str] = set()
    frontier = {name}
    while frontier:
        frontier = {table for table, schema in schemas.TABLES.items() if set(schema.reads) & frontier and table not in found}
        found |= frontier
    return found


def test_a_party_name_with_a_trailing_space_is_refused(data_copy: Path) -> None:
    path = data_copy / "knesset_2013.csv"
    line = line_of(path, "Yesh Atid")
    replace_in_line(path, line, "Yesh Atid,", "Yesh Atid ,")
    message = problems_of("knesset_2013", data_copy)
    assert refusal(data_copy, "knesset_2013", line, "party", "Yesh Atid ", "no leading or trailing whitespace") in message


def test_an_error_no_rule_foresaw_is_reported_for_its_input_and_the_others_are_still_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_load = tables.load

    def broken_load(name: str, directory: Path | None = None):
        if name == "grand_bargain":
            raise KeyError("component")
        return real_load(name, directory)

    monkeypatch.setattr(tables, "load", broken_load)
    assert check.check() is False
    printed = capsys.readouterr().out
    assert f"{'table':<8}{'grand_bargain.csv':<34}  FAILED (problem 1)" in printed
    assert f"grand_bargain.csv: KeyError: 'component': {check.UNFORESEEN}" in printed
    assert f"{'table':<8}{'knesset_2013.csv':<34} {12:>8} rows  ok" in printed
    assert "Traceback" not in printed


# ------------------------------------------------------------ 3. text rules


def test_an_id_with_arabic_indic_digits_is_refused(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    line = line_of(path, "E073")
    replace_in_line(path, line, "E073,", "E٠٧٣,")
    message = problems_of("events", data_copy)
    assert refusal(data_copy, "events", line, "event_id", "E٠٧٣", "matches E\\d{3} (ASCII digits and letters)") in message
    assert refusal(data_copy, "events", line, "event_id", "E٠٧٣", "ASCII only (a key or id)") in message


def test_a_date_in_arabic_indic_digits_is_refused(data_copy: Path) -> None:
    replace_in_line(data_copy / "prisoner_releases.csv", 3, ",2013-08-14,26,", ",٢٠١٣-٠٨-١٣,26,")
    message = problems_of("prisoner_releases", data_copy)
    assert refusal(data_copy, "prisoner_releases", 3, "actual_date", "٢٠١٣-٠٨-١٣", "an ISO date YYYY-MM-DD") in message


UNIQUE_RULE = f"unique within the table (empty cells apart), {COMPARED}"
MIXED_RULE = "no word mixes letters of two scripts (a look-alike, such as a Cyrillic letter in a Latin name)"


@pytest.mark.parametrize(
    ("party", "rules"),
    [
        ("Yesh Atid ", ["no leading or trailing whitespace"]),
        ("YESH ATID", [UNIQUE_RULE]),
        ("Ｙｅｓｈ Ａｔｉｄ", [UNIQUE_RULE]),
        ("Yesh \u0410tid", [MIXED_RULE]),
        ("Yesh Atid\u200b", [INVISIBLE_RULE, UNIQUE_RULE]),
    ],
    ids=["trailing space", "case", "full width", "Cyrillic A", "zero-width space"],
)
def test_a_look_alike_of_a_party_is_refused(data_copy: Path, party: str, rules: list[str]) -> None:
    line = append_row(data_copy / "knesset_2013.csv", f"{party},Yair Lapid,0,no,mag972_2013_01_final_results,toi_19th_knesset")
    message = problems_of("knesset_2013", data_copy)
    for rule in rules:
        assert refusal(data_copy, "knesset_2013", line, "party", party, rule) in message


@pytest.mark.parametrize(
    ("term", "rule"),
    [("the 2014 gaza war", UNIQUE_RULE), ("The 2014 G\u0430za war", MIXED_RULE), ("The 2014\u00a0Gaza war", UNIQUE_RULE)],
    ids=["case", "Cyrillic a", "no-break space"],
)
def test_a_look_alike_of_a_house_term_is_refused(data_copy: Path, term: str, rule: str) -> None:
    line = append_row(data_copy / "house_terms.csv", f"{term},usage,,why,tnr2014")
    assert refusal(data_copy, "house_terms", line, "term", term, rule) in problems_of("house_terms", data_copy)


@pytest.mark.parametrize(
    "character",
    ["\u2028", "\u2029", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad", "\u2060", "\u180e", "\u3164", "\u115f", "\ufe0f", "\U000e0100"],
    ids=[
        "line separator",
        "paragraph separator",
        "LRM",
        "RLM",
        "ALM",
        "BOM",
        "soft hyphen",
        "word joiner",
        "MVS",
        "Hangul filler",
        "choseong filler",
        "variation selector 16",
        "variation selector 17",
    ],
)
def test_an_invisible_format_character_inside_a_field_is_refused(data_copy: Path, character: str) -> None:
    path = data_copy / "knesset_2013.csv"
    line = line_of(path, "Yesh Atid")
    replace_in_line(path, line, "Yair Lapid", f"Yair{character}Lapid")
    message = problems_of("knesset_2013", data_copy)
    assert refusal(data_copy, "knesset_2013", line, "leader", f"Yair{character}Lapid", INVISIBLE_RULE) in message


GLUED = 'Ma\'ale HaZeitim -- "B"...'


def glue_output(name: str, text: str) -> dict:
    """A stored notebook output as myst_nb.glue writes it."""
    prefix = "application/papermill.record/"
    return {
        "output_type": "display_data",
        "data": {f"{prefix}text/plain": repr(text)},
        "metadata": {"scrapbook": {"name": name, "mime_prefix": prefix}},
    }


@pytest.mark.rebuild  # builds a page with Sphinx
def test_a_glued_value_appears_on_the_page_as_in_its_table_while_the_prose_keeps_its_typography(tmp_path: Path) -> None:
    book_extensions = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]["extensions"]
    extensions = [name for name in book_extensions if name in ("myst_nb", "analysis.tools.verbatim_glue")]
    assert extensions == ["myst_nb", "analysis.tools.verbatim_glue"]
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(f"extensions = {extensions!r}\nnb_execution_mode = 'off'\n", encoding="utf-8")
    cells = [
        {"cell_type": "markdown", "id": "prose", "metadata": {}, "source": "# Glue\n\nThe site's name is {glue:text}`site`."},
        {
            "cell_type": "code",
            "id": "code",
            "metadata": {},
            "execution_count": 1,
            "source": "glue('site', s)",
            "outputs": [glue_output("site", GLUED)],
        },
    ]
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    (source / "index.ipynb").write_text(
        json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": kernel, "cells": cells}), encoding="utf-8"
    )
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(tmp_path / "html")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert '<p>The site’s name is <span class="pasted-text">Ma\'ale HaZeitim -- &quot;B&quot;...</span>.</p>' in page


# ------------------------------------------------------------ 4. spreadsheet safety


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=", "'="),
        ("-", "'-"),
        ("+972 Magazine", "'+972 Magazine"),
        ("-394", "'-394"),
        ("@home", "'@home"),
        ("\tcell", "'\tcell"),
        ("\rcell", "'\rcell"),
        ("- a dash", "'- a dash"),
        ("Peace Now", "Peace Now"),
        ("", ""),
    ],
)
def test_every_text_cell_starting_a_formula_is_neutralised_whatever_follows(cell: str, shown: str) -> None:
    assert spreadsheet.spreadsheet_safe(cell) == shown


def test_numeric_columns_stay_numbers_and_text_columns_are_neutralised() -> None:
    text = "value,note\n-3,-3\n4.5,+4\n"
    assert publish.safe_csv(text, {"value"}) == "value,note\n-3,'-3\n4.5,'+4\n"
    assert publish.numeric_columns("claims") == {"claimed_value"}
    assert [publish.figure_cell(value) for value in (-3, -0.5, "-0.5", None, "=1")] == ["-3", "-0.5", "'-0.5", "", "'=1"]


def test_the_published_sources_table_neutralises_a_publisher_name_starting_with_plus() -> None:
    published = publish.safe_csv((REPO_ROOT / "data" / "sources.csv").read_text(encoding="utf-8"), publish.numeric_columns("sources"))
    assert ",'+972 Magazine," in published and ",+972 Magazine," not in published


# ------------------------------------------------------------ 6. content security policy


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


PAGE = (
    '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8" />\n<script src="_static/vega.min.js"></script>\n'
    '<script>var a = 1;</script>\n</head>\n<body><button onclick="window.print()">print</button>\n'
    '<script type="text/javascript">\n  draw();\n</script>\n</body>\n</html>\n'
)


def test_a_page_s_policy_allows_the_site_and_the_hash_of_each_of_its_own_inline_scripts_only() -> None:
    policy = site.content_security_policy(PAGE)
    script_src = policy.split(";")[0].split()
    assert script_src == [
        "script-src",
        "'self'",
        *sorted([sha256_source("var a = 1;"), sha256_source("\n  draw();\n")]),
        "'unsafe-hashes'",
        sha256_source("window.print()"),
    ]
    assert "default-src 'self'" in policy.split("; ") and "object-src 'none'" in policy.split("; ")


def test_the_policy_is_the_first_element_after_the_charset_and_rewriting_it_changes_nothing() -> None:
    secured = site.with_policy(PAGE)
    assert secured.index('<meta http-equiv="Content-Security-Policy"') == secured.index('<meta charset="utf-8" />') + len(
        '<meta charset="utf-8" />\n'
    )
    assert site.with_policy(secured) == secured
    injected = secured.replace("</body>", "<script>alert(1)</script></body>")
    assert sha256_source("alert(1)") not in secured and sha256_source("alert(1)") in site.with_policy(injected)


# ------------------------------------------------------------ 7. build lock


def test_a_second_build_in_the_same_checkout_says_it_waits_then_waits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock = tmp_path / "book-build.lock"
    first = threading.Thread(target=site.run_locked, args=(["sleep", "0.8"], lock))
    first.start()
    # The holder writes its name into the lock once it holds it.
    deadline = time.monotonic() + 10
    while not (lock.is_file() and lock.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.01)
    started = time.monotonic()
    assert site.run_locked(["true"], lock) == 0
    waited = time.monotonic() - started
    first.join()
    printed = capsys.readouterr().out
    assert f"==> another `make book` is building this checkout (pid {os.getpid()}, started " in printed
    assert printed.rstrip().endswith("): waiting for it to finish")
    assert waited >= 0.4


@pytest.mark.rebuild  # runs make, which runs the build's lock
def test_make_book_runs_its_steps_under_the_build_lock() -> None:
    result = subprocess.run(["make", "-n", "book"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    commands = [line for line in result.stdout.splitlines() if "analysis." in line]
    assert commands[0] == ".venv/bin/python -m analysis.tools.site --lock make --no-print-directory book BOOK_LOCK_HELD=1"


def test_events_re_dated_under_a_phase_and_a_period_are_both_refused(data_copy: Path) -> None:
    """With both phases.csv and periods.csv wrong, the check named only the first."""
    events = data_copy / "events.csv"
    for event, day, moved in (("E020", "2013-07-19", "2013-07-18"), ("E109", "2013-12-27", "2013-12-28")):
        replace_in_line(events, line_of(events, event), f"{event},{day},", f"{event},{moved},")
    with pytest.raises(DataError) as refused:
        tables.period_events_agree(data_copy)
    assert "phases.csv" in str(refused.value) and "periods.csv" in str(refused.value)
