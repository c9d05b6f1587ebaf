"""A table that passed its rules is read again without them, but only while
everything its validation read and ran is what it was: other bytes anywhere
(the table, a table its rules read, the account, a dataset, the rules'
code) are validated afresh and refused as loudly as ever."""

import shutil
import sys
from pathlib import Path

import pytest

from analysis.data import datasets, fingerprint, reads, schemas, tables, text_rules
from analysis.errors import ValidationError
from analysis.paths import DATA_DIR_ENV, REPO_ROOT, SHARED_DIR_ENV, shared_dir
from conftest import line_of, replace_in_line

# Caches a new process would fill with the very same values: the imports parsed
# from a module's bytes (its key), and the invisible characters of this Python's
# Unicode database. Emptied with the rest, they cost this file some 3 s of CPU.
KEPT_ACROSS_PROCESSES = {fingerprint._names_imported, text_rules.invisible_characters}


def forget_this_process() -> None:
    """Empty every in-process cache of the package that a new process could fill
    otherwise, and its record of inputs already noted, as a new process starts."""
    for name, module in list(sys.modules.items()):
        if name.startswith("analysis."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)) and value not in KEPT_ACROSS_PROCESSES:
                    value.cache_clear()
    reads._recorded.clear()


def inputs_noted_loading(name: str, log: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    forget_this_process()
    monkeypatch.setenv(reads.LOG_ENV, str(log))
    tables.load(name)
    monkeypatch.delenv(reads.LOG_ENV)
    return reads.read_log(log)


@pytest.fixture
def empty_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    records = tmp_path / "validated"
    monkeypatch.setattr(tables, "VALIDATED_DIR", records)
    forget_this_process()
    yield records
    forget_this_process()


def test_a_recorded_table_notes_every_input_its_validation_reads(
    empty_record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chapter's fingerprint lists what its tables' validation read; a table read
    from its record must note the same inputs, or an edit of the travel record (which
    the meetings' rules read) would leave the chapters that load meetings fresh."""
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    for name in sorted(schemas.TABLES):
        validated = inputs_noted_loading(name, tmp_path / f"{name}-validated.log", monkeypatch)
        assert list(empty_record.glob(f"{name}-*")), f"{name}: a pass left no record"
        recorded = inputs_noted_loading(name, tmp_path / f"{name}-recorded.log", monkeypatch)
        assert recorded == validated, name
    assert "dataset:hsg_kerry_travels" in recorded_inputs(tmp_path, "meetings", monkeypatch)
    assert any(key.startswith("shared:seed/") for key in recorded_inputs(tmp_path, "claims", monkeypatch))


def recorded_inputs(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    return inputs_noted_loading(name, tmp_path / f"{name}-again.log", monkeypatch)


def test_a_recorded_table_is_read_without_running_its_rules(empty_record: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tables.load("meetings")
    forget_this_process()

    def rules_run(*arguments: object) -> list:
        raise AssertionError("the rules ran again for bytes that passed them")

    monkeypatch.setattr(tables, "_schema_problems", rules_run)
    assert len(tables.load("meetings")) > 0


def test_edited_bytes_are_validated_afresh_though_the_table_passed_before(empty_record: Path, data_copy: Path) -> None:
    assert len(tables.load("events", data_copy)) > 0
    path = data_copy / "events.csv"
    line = line_of(path, "E010")
    date = path.read_text(encoding="utf-8").split("\n")[line - 1].split(",")[1]
    replace_in_line(path, line, f",{date},", ",2013-02-30,")
    forget_this_process()
    with pytest.raises(ValidationError, match=f"events.csv, line {line}, column 'date': value '2013-02-30'"):
        tables.load("events", data_copy)
    assert len(list(empty_record.glob("events-*"))) == 1, "a refusal was recorded as a pass"


def record_of(name: str, directory: Path) -> Path:
    forget_this_process()
    return tables._validation_record(name, tables._file_versions(directory, name))


def test_the_record_is_named_by_every_input_and_by_the_rules_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    monkeypatch.setenv(DATA_DIR_ENV, str(data))

    def renamed(name: str, edit) -> bool:
        before = record_of(name, data)
        edit()
        return record_of(name, data) != before

    def append_a_line(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8") + "A line added.\n", encoding="utf-8")

    assert renamed("events", lambda: append_a_line(data / "actors.csv")), "a table its rules read changed"

    manifest = data / "manifest.toml"
    declared = fingerprint.declared_sha256("hsg_kerry_travels")
    changed = manifest.read_text(encoding="utf-8").replace(declared, "0" * len(declared), 1)
    assert renamed("meetings", lambda: manifest.write_text(changed, encoding="utf-8")), "the travel record its rules read changed"

    shared = tmp_path / "shared"
    shutil.copytree(shared_dir() / "seed", shared / "seed")
    monkeypatch.setenv(SHARED_DIR_ENV, str(shared))
    quoting = "claims"
    assert any(spec.seed_quote for spec in schemas.TABLES[quoting].columns.values())
    account = next((shared / "seed").glob("*.txt"))

    def change_the_account() -> None:
        """A new version of the account, and its digest in the manifest (an account that differs from its digest is refused)."""
        pinned = datasets.seed_sha256(manifest)
        append_a_line(account)
        manifest.write_text(manifest.read_text(encoding="utf-8").replace(pinned, datasets.sha256_of(account), 1), encoding="utf-8")

    assert renamed(quoting, change_the_account), "the account its quotes are checked against changed"

    validator = fingerprint.module_closure(["analysis.data.tables"])
    assert {"analysis.data.schemas", "analysis.data.text_rules", "analysis.data.seed", "analysis.data.records"} <= set(validator)


def test_a_new_release_date_validates_the_corrections_afresh(empty_record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The corrections' rules read the edition's release date in CITATION.cff: a
    record of their pass holds only while that file is what it was, or a log with
    a correction after an earlier release would still be read as passed."""
    from analysis.data import edition

    assert len(tables.load("corrections")) > 0
    assert list(empty_record.glob("corrections-*"))
    citation = tmp_path / "CITATION.cff"
    text = edition.CITATION.read_text(encoding="utf-8")
    released = f'date-released: "{edition.released():%Y-%m-%d}"'
    assert released in text
    citation.write_text(text.replace(released, 'date-released: "2026-11-27"'), encoding="utf-8")
    (tmp_path / "_toc.yml").write_bytes((tables.REPO_ROOT / "_toc.yml").read_bytes())  # the other file the corrections' rules read
    monkeypatch.setattr(tables, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(edition, "CITATION", citation)
    forget_this_process()
    with pytest.raises(ValidationError, match="a correction is dated no later than the edition"):
        tables.load("corrections")


def test_a_copy_of_data_reads_the_tables_it_did_not_change_as_they_passed_and_no_others(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one process a table that passed is not read or validated again from a scratch copy of data/ with the
    same bytes (most tests of hostile data change one table and build from the rest); a change to anything its
    validation reads (here the edition's release date, which the corrections' rules read) still validates it."""
    from analysis.data import edition

    passed = tables.load("corrections")
    monkeypatch.setattr(tables, "read_rows", lambda *arguments: pytest.fail("a table that passed was read again"))
    assert tables.load("corrections", data_copy).equals(passed)

    citation = tmp_path / "CITATION.cff"
    text = edition.CITATION.read_text(encoding="utf-8")
    citation.write_text(text.replace(f'date-released: "{edition.released():%Y-%m-%d}"', 'date-released: "2026-11-27"'), encoding="utf-8")
    (tmp_path / "_toc.yml").write_bytes((tables.REPO_ROOT / "_toc.yml").read_bytes())
    monkeypatch.setattr(tables, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(edition, "CITATION", citation)
    with pytest.raises(pytest.fail.Exception, match="a table that passed was read again"):
        tables.load("corrections", shutil.copytree(data_copy, tmp_path / "another_copy"))


@pytest.mark.parametrize("name", sorted(schemas.TABLES))
def test_a_tables_rules_read_only_what_its_record_is_keyed_by(name: str, empty_record: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pass is kept (on disk, and in memory by the same digest) under the bytes of the tables `Table.reads` and
    the datasets `Table.datasets` name: a rule reading another would be served a pass after that input changed
    (evidence_methods' rule on contradicted events read events.csv before `reads` named it)."""
    loaded, fetched = set(), set()
    load, fetch = tables.load, datasets.fetch

    def loading(table: str, directory: Path | None = None) -> object:
        loaded.add(table)
        return load(table, directory)

    def fetching(dataset: str, *arguments: object, **keywords: object) -> Path:
        fetched.add(dataset)
        return fetch(dataset, *arguments, **keywords)

    monkeypatch.setattr(tables, "load", loading)
    monkeypatch.setattr(datasets, "fetch", fetching)
    tables.load(name)
    assert loaded <= {name, "sources", *tables._validated_with(name)}
    assert fetched <= set(tables._datasets_read(name))


def test_the_gate_trusts_no_record_a_forged_one_beside_a_broken_table_is_refused(
    empty_record: Path, data_copy: Path, check_in_process
) -> None:
    """A record's name is a digest anyone can compute: written as "passed" beside a Knesset of 130 seats, it
    turned every rule of the table off, and `analysis.data check` printed ok. The check validates afresh."""
    path = data_copy / "knesset_2013.csv"
    line = line_of(path, "Labor")
    replace_in_line(path, line, ",15,", ",25,")
    forged = record_of("knesset_2013", data_copy)
    forged.parent.mkdir(parents=True, exist_ok=True)
    forged.write_text("passed\n", encoding="utf-8")
    forget_this_process()
    run = check_in_process(data_copy)
    assert run.returncode == 1
    assert "knesset_2013.csv                    FAILED" in run.stdout and "add up to the Knesset's 120" in run.stdout
