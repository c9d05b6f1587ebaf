"""One manifest, one loader for the external datasets the book reads.

`fetch(name)` resolves a dataset declared in `data/manifest.toml`: the local
mirror first (`$KERRY_SHARED_DIR/data`, else `../shared/data` beside the
checkout), then the download cache, then the original public address. The
sha256 is verified on every call, wherever the file came from; a cached file
that fails it is downloaded again, and a download that fails it is deleted.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import tomllib
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pooch

from analysis.data import reads
from analysis.errors import ChecksumError, DataError
from analysis.paths import cache_dir, display_path, manifest_path, shared_dir


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    mirror_path: str
    url: str
    sha256: str
    licence: str
    citation: str


FIELDS = tuple(field for field in Dataset.__dataclass_fields__ if field != "name")
CONFINED_PATH_RULE = (
    "is not a normalised relative path inside the mirror and the cache (no '..' part, no leading '/' or '.', no backslash or colon)"
)
HTTPS_RULE = "is not an https:// address with a host"


def is_confined_path(path: str) -> bool:
    """A relative POSIX path, already normalised, that names a file below its root."""
    return (
        bool(path)
        and path == posixpath.normpath(path)
        and not path.startswith(("/", "."))
        and "\\" not in path
        and ".." not in path.split("/")
        and ":" not in path
    )


def is_https_address(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "https" and bool(parts.hostname) and url == url.strip()


# A file on GitHub is cited at a commit: a branch's name ("main") moves, and the
# address would then cite bytes other than those the sha256 pins.
# Where each of GitHub's hosts gives the commit in a file's address: /owner/repository/COMMIT/path,
# /owner/repository/raw|blob/COMMIT/path, /media/owner/repository/COMMIT/path.
GITHUB_COMMIT_SEGMENT = {"raw.githubusercontent.com": 3, "github.com": 4, "media.githubusercontent.com": 4}
PINNED_RULE = "names no commit: an address of a file on GitHub gives the commit (40 hexadecimal digits) it was read at"
COMMIT = re.compile(r"[0-9a-f]{40}")


def is_pinned_address(url: str) -> bool:
    """An address on GitHub names a commit (GITHUB_COMMIT_SEGMENT); any other is taken as it is."""
    parts = urllib.parse.urlsplit(url)
    segment = GITHUB_COMMIT_SEGMENT.get(parts.hostname or "")
    if segment is None:
        return True
    segments = parts.path.split("/")
    return len(segments) > segment + 1 and COMMIT.fullmatch(segments[segment]) is not None


def _manifest_document(path: Path) -> dict:
    """The manifest's TOML, its reading recorded; a missing or malformed manifest is refused naming the file."""
    reads.record(path)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise DataError(f"{display_path(path)}: the manifest of external datasets is missing") from None
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{display_path(path)}: not valid TOML: {error}") from None


def manifest(path: Path | None = None) -> dict[str, Dataset]:
    """Every dataset declared in the manifest; a malformed manifest is refused naming file, line and field."""
    path = path or manifest_path()
    entries = _manifest_document(path).get("datasets")
    if not isinstance(entries, dict) or not entries:
        raise DataError(f"{display_path(path)}: declares no [datasets.NAME] tables")
    problems = []
    for name, fields in entries.items():
        missing = [field for field in FIELDS if not isinstance(fields.get(field), str) or not fields.get(field).strip()]
        unknown = sorted(set(fields) - set(FIELDS))
        if missing:
            problems.append(f"[datasets.{name}] lacks {', '.join(missing)}")
        if unknown:
            problems.append(f"[datasets.{name}] has unknown field(s) {', '.join(unknown)}")
        if isinstance(fields.get("sha256"), str) and not re.fullmatch(r"[0-9a-f]{64}", fields["sha256"]):
            problems.append(f"[datasets.{name}] sha256 is not 64 hexadecimal digits: {fields['sha256']!r}")
        if isinstance(fields.get("mirror_path"), str) and not is_confined_path(fields["mirror_path"]):
            problems.append(f"[datasets.{name}] mirror_path {fields['mirror_path']!r} {CONFINED_PATH_RULE}")
        if isinstance(fields.get("url"), str) and not is_https_address(fields["url"]):
            problems.append(f"[datasets.{name}] url {fields['url']!r} {HTTPS_RULE}")
        elif isinstance(fields.get("url"), str) and not is_pinned_address(fields["url"]):
            problems.append(f"[datasets.{name}] url {fields['url']!r} {PINNED_RULE}")
    original = mirrored_addresses()
    for name, fields in entries.items():
        stated = original.get(fields.get("mirror_path"))
        if stated and isinstance(fields.get("url"), str) and fields["url"] != stated:
            problems.append(f"[datasets.{name}] url {fields['url']!r} {MIRRORED_ADDRESS_RULE} ({stated})")
    if problems:
        raise DataError(f"{display_path(path)}: " + "; ".join(problems))
    return {name: Dataset(name=name, **fields) for name, fields in entries.items()}


# A dataset's address is the one the mirror's README gives the file it holds: the sha256 keeps the bytes, not
# the citation, and an address re-pointed to another repository was cited in four chapters (a red team's finding).
MIRRORED_ADDRESS_RULE = "is not the original address the mirror's README gives its file"
# A row of the mirror's README: its file, sha256, bytes and origin, "OWNER/REPO @ COMMIT, `PATH`" (or "same repo @
# same commit", the row's above).
MIRROR_ROW = re.compile(r"^\| (?P<file>[^|]+?) \| [0-9a-f]{64} \| \d+ \| (?P<origin>[^|]+?) \|", re.MULTILINE)
MIRROR_ORIGIN = re.compile(r"^(?:(?P<repo>[\w.-]+/[\w.-]+)|same repo) @ (?:(?P<commit>[0-9a-f]{40})|same commit), `(?P<path>[^`]+)`$")


def mirrored_addresses(readme: Path | None = None) -> dict[str, str]:
    """The original address the mirror's README (`../shared/data/README.md`) gives each file it holds, by the
    file's path in the mirror: its repository's raw GitHub address at its commit. None without a mirror."""
    readme = readme or shared_dir() / "data" / "README.md"
    if not readme.is_file():
        return {}
    addresses, repo, commit = {}, None, None
    for row in MIRROR_ROW.finditer(readme.read_text(encoding="utf-8")):
        origin = MIRROR_ORIGIN.match(row["origin"].strip())
        if origin is None:
            continue
        repo, commit = origin["repo"] or repo, origin["commit"] or commit
        if repo and commit:
            path = urllib.parse.quote(origin["path"], safe="/()")
            addresses[row["file"].strip()] = f"https://raw.githubusercontent.com/{repo}/{commit}/{path}"
    return addresses


def seed_sha256(path: Path | None = None) -> str:
    """The account's pinned sha256 (`[seed] sha256` in the manifest): the book quotes it and checks every quote
    against it, so a changed byte in it is refused like a changed byte in a dataset."""
    path = path or manifest_path()
    declared = _manifest_document(path).get("seed", {}).get("sha256")
    if not isinstance(declared, str) or not re.fullmatch(r"[0-9a-f]{64}", declared):
        raise DataError(f"{display_path(path)}: [seed] sha256 is not 64 hexadecimal digits: {declared!r}")
    return declared


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(dataset: Dataset, path: Path) -> Path:
    actual = sha256_of(path)
    if actual != dataset.sha256:
        raise ChecksumError(dataset.name, path, dataset.sha256, actual)
    return path


def _inside(dataset: Dataset, root: Path, role: str) -> Path:
    """`dataset`'s file below `root`, refused (never read) when the path or a
    symbolic link on it leads outside `root`."""
    if not is_confined_path(dataset.mirror_path):
        raise DataError(f"[datasets.{dataset.name}] mirror_path {dataset.mirror_path!r} {CONFINED_PATH_RULE}")
    path = root / dataset.mirror_path
    if not path.resolve().is_relative_to(root.resolve()):
        raise DataError(
            f"[datasets.{dataset.name}] mirror_path {dataset.mirror_path!r} leads outside the {role} ({root}) "
            "through a symbolic link: refused, not read"
        )
    return path


def fetch(
    name: str,
    *,
    mirror: Path | None = None,
    cache: Path | None = None,
    datasets: dict[str, Dataset] | None = None,
) -> Path:
    """Local path of dataset `name`, its checksum verified."""
    datasets = manifest() if datasets is None else datasets
    if name not in datasets:
        raise DataError(f"dataset {name!r} is not declared in {manifest_path()}; known: {sorted(datasets)}")
    dataset = datasets[name]
    reads.record(f"{reads.DATASET_PREFIX}{name}")
    mirror_root = shared_dir() / "data" if mirror is None else mirror
    mirrored = _inside(dataset, mirror_root, "mirror")
    if mirrored.is_file():
        return verify(dataset, mirrored)
    cache_root = cache_dir() if cache is None else cache
    cached = _inside(dataset, cache_root, "cache")
    # pooch checks the declared hash of a cached file and downloads again when it
    # differs, and deletes a download that fails it: a bad file never sticks.
    try:
        downloaded = pooch.retrieve(
            url=dataset.url,
            known_hash=f"sha256:{dataset.sha256}",
            fname=Path(dataset.mirror_path).name,
            path=cached.parent,
            progressbar=False,
        )
    except ValueError as error:
        found = [digest for digest in re.findall(r"[0-9a-f]{64}", str(error)) if digest != dataset.sha256]
        if not found:
            raise
        raise ChecksumError(dataset.name, Path(dataset.url), dataset.sha256, found[0]) from None
    return verify(dataset, Path(downloaded))
