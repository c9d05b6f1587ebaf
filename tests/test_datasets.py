"""One manifest, one loader: mirror first, then cache, then download; sha256 always."""

import functools
import hashlib
import http.server
import subprocess
import threading
from pathlib import Path

import pytest

from analysis.data import datasets
from analysis.errors import ChecksumError, DataError
from analysis.paths import REPO_ROOT


def make_dataset(tmp_path: Path, content: bytes, url: str = "http://127.0.0.1:9/none.csv", sha256: str | None = None) -> dict:
    return {
        "demo": datasets.Dataset(
            name="demo",
            title="demo",
            mirror_path="demo/demo.csv",
            url=url,
            sha256=sha256 or hashlib.sha256(content).hexdigest(),
            licence="test",
            citation="test",
        )
    }


def test_every_manifest_entry_resolves_from_the_mirror_with_its_checksum() -> None:
    entries = datasets.manifest()
    assert {"btselem_fatalities", "hsg_kerry_travels", "coto_boundaries", "cbs_localities_2021"} <= set(entries)
    for name, entry in entries.items():
        path = datasets.fetch(name)
        assert datasets.sha256_of(path) == entry.sha256
        assert entry.url.startswith("https://raw.githubusercontent.com/") and len(entry.url.split("/")[5]) == 40


def project_files() -> list[Path]:
    """Every file git tracks or would add (tracked, or untracked and not ignored): what
    can be committed. Walking the folder instead hashed every file of `.venv-lab`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout
    return [REPO_ROOT / name for name in listed.decode("utf-8").split("\0") if name]


def test_no_mirrored_file_is_committed_into_the_project() -> None:
    mirrored = {entry.sha256 for entry in datasets.manifest().values()}
    committed = [path for path in project_files() if path.is_file() and path.stat().st_size > 1000]
    assert not [path for path in committed if datasets.sha256_of(path) in mirrored]


def test_wrong_checksum_names_the_dataset_and_both_hashes(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    (mirror / "demo").mkdir(parents=True)
    (mirror / "demo" / "demo.csv").write_bytes(b"a,b\n1,2\n")
    declared = make_dataset(tmp_path, b"something else")
    with pytest.raises(ChecksumError) as caught:
        datasets.fetch("demo", mirror=mirror, cache=tmp_path / "cache", datasets=declared)
    message = str(caught.value)
    assert "'demo'" in message and declared["demo"].sha256 in message
    assert hashlib.sha256(b"a,b\n1,2\n").hexdigest() in message


def test_undeclared_dataset_is_refused() -> None:
    with pytest.raises(DataError, match="not declared"):
        datasets.fetch("no_such_dataset")


@pytest.fixture
def served(tmp_path: Path):
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_without_a_mirror_it_downloads_verifies_and_caches(tmp_path: Path, served) -> None:
    root, base = served
    content = b"x,y\n3,4\n"
    (root / "demo.csv").write_bytes(content)
    declared = make_dataset(tmp_path, content, url=f"{base}/demo.csv")
    cache = tmp_path / "cache"
    path = datasets.fetch("demo", mirror=tmp_path / "empty-mirror", cache=cache, datasets=declared)
    assert path.read_bytes() == content and path.is_relative_to(cache)
    (root / "demo.csv").unlink()
    assert datasets.fetch("demo", mirror=tmp_path / "empty-mirror", cache=cache, datasets=declared) == path


def test_a_download_with_the_wrong_checksum_is_refused(tmp_path: Path, served) -> None:
    root, base = served
    (root / "demo.csv").write_bytes(b"tampered\n")
    declared = make_dataset(tmp_path, b"original\n", url=f"{base}/demo.csv")
    with pytest.raises(ChecksumError):
        datasets.fetch("demo", mirror=tmp_path / "empty-mirror", cache=tmp_path / "cache", datasets=declared)


def test_a_bad_cached_file_is_replaced_by_a_good_download(tmp_path: Path, served) -> None:
    root, base = served
    content = b"x,y\n5,6\n"
    (root / "demo.csv").write_bytes(content)
    declared = make_dataset(tmp_path, content, url=f"{base}/demo.csv")
    cache = tmp_path / "cache"
    stale = cache / declared["demo"].mirror_path
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"a truncated or tampered copy\n")
    path = datasets.fetch("demo", mirror=tmp_path / "empty-mirror", cache=cache, datasets=declared)
    assert path == stale and path.read_bytes() == content


def test_a_failed_download_leaves_nothing_in_the_cache(tmp_path: Path, served) -> None:
    root, base = served
    (root / "demo.csv").write_bytes(b"tampered\n")
    declared = make_dataset(tmp_path, b"original\n", url=f"{base}/demo.csv")
    cache = tmp_path / "cache"
    with pytest.raises(ChecksumError):
        datasets.fetch("demo", mirror=tmp_path / "empty-mirror", cache=cache, datasets=declared)
    assert not (cache / declared["demo"].mirror_path).exists()
