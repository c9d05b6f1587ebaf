"""One fingerprint for everything the build computes and keeps: the chapter
notebooks' stored outputs (`analysis.tools.notebooks`) and the derived
measures in `geo/derived.json` (`analysis.data.derived`).

A kept result is served only while all of these are unchanged:

- the code: the package modules the computation imports (their names and
  bytes), found by following the package's own imports from a starting set;
- the environment: the locked packages (`requirements.lock`);
- every input, under a key relative to the root it was read from
  (`data:meetings.csv`, `shared:seed/000_....txt`, `repo:geo/gaza.geojson`,
  `dataset:btselem_fatalities`), with the digest of its bytes when read. A key
  is resolved against the roots in force now (`$KERRY_DATA_DIR`,
  `$KERRY_SHARED_DIR`), so pointing a root at another copy is a change of
  every input read from it, and no machine's path is ever recorded.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import tomllib
from collections.abc import Iterable
from pathlib import Path

from analysis.errors import DataError
from analysis.paths import REPO_ROOT, data_dir, manifest_path, shared_dir

PACKAGE = "analysis"
PACKAGE_DIR = REPO_ROOT / "src" / PACKAGE
LOCK = REPO_ROOT / "requirements.lock"
DATASET_PREFIX = "dataset:"
MISSING = "missing"


def digest(data: bytes) -> str:
    """A short content digest (the first 16 hex digits of sha256)."""
    return hashlib.sha256(data).hexdigest()[:16]


def _roots() -> dict[str, Path]:
    """The roots an input key is relative to, most specific first (`data/` lies inside the repository)."""
    return {"data": data_dir().resolve(), "shared": shared_dir().resolve(), "repo": REPO_ROOT}


def input_key(source: Path | str) -> str:
    """The key an input is recorded under: `dataset:<name>` as given, a file as
    `<root>:<path relative to that root>`. A file outside every root is refused,
    since no key could name it on another machine."""
    if isinstance(source, str) and source.startswith(DATASET_PREFIX):
        return source
    path = Path(source).resolve()
    for name, root in _roots().items():
        if path.is_relative_to(root):
            return f"{name}:{path.relative_to(root).as_posix()}"
    roots = ", ".join(f"{name} ({root})" for name, root in _roots().items())
    raise DataError(f"{path}: an input read outside the project's roots {roots}; a fingerprint cannot name it")


def input_path(key: str) -> Path:
    """The file an input key names now, under the roots in force."""
    root, _, relative = key.partition(":")
    roots = _roots()
    if root not in roots or not relative:
        raise DataError(f"input key {key!r} names no root; known roots: {sorted(roots)}")
    return roots[root] / relative


def declared_sha256(name: str) -> str:
    """The sha256 the manifest in force declares for external dataset `name`
    (every fetch verifies the file against it), or `missing`."""
    path = manifest_path()
    if not path.is_file():
        return MISSING
    entry = tomllib.loads(path.read_text(encoding="utf-8")).get("datasets", {}).get(name, {})
    return str(entry.get("sha256", MISSING))[:16]


def input_digest(key: str) -> str:
    """The digest of one input now: a dataset's declared sha256, or a file's bytes (`missing` when absent)."""
    if key.startswith(DATASET_PREFIX):
        return declared_sha256(key.removeprefix(DATASET_PREFIX))
    path = input_path(key)
    return digest(path.read_bytes()) if path.is_file() else MISSING


def _module_file(module: str) -> Path | None:
    relative = Path(*module.split("."))
    for candidate in (REPO_ROOT / "src" / relative.with_suffix(".py"), REPO_ROOT / "src" / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported(module: str, path: Path) -> set[str]:
    """The package modules `module` imports (absolute or relative), with the packages that contain them."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = _names_imported(package, path.read_bytes(), str(path))
    modules = {name for name in found if name.split(".")[0] == PACKAGE and _module_file(name)}
    return modules | {".".join(name.split(".")[:depth]) for name in modules for depth in range(1, name.count(".") + 1)}


# Keyed on the module's bytes as read now: a kernel follows the same imports for
# each derived measure it keys, and parsing them every time cost it half a second.
@functools.cache
def _names_imported(package: str, source: bytes, filename: str) -> frozenset[str]:
    """Every name the module `source` of `package` imports, and each `from` import's module, made absolute."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(found)


def module_closure(modules: Iterable[str]) -> list[str]:
    """`modules` and every package module they import, directly or not, sorted."""
    pending, seen = list(modules), set()
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        path = _module_file(module)
        if path is None:
            raise DataError(f"{module}: not a module of the {PACKAGE} package")
        seen.add(module)
        pending += _imported(module, path)
    return sorted(seen)


def package_modules(leaving_out: tuple[str, ...] = ()) -> list[str]:
    """Every module of the package but those in the subpackages `leaving_out` (e.g. `tools`)."""
    modules = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
        if parts[0] in leaving_out:
            continue
        modules.append(".".join([PACKAGE, *(parts[:-1] if parts[-1] == "__init__" else parts)]))
    return modules


def code_digest(modules: Iterable[str]) -> str:
    """One digest of the names and bytes of `modules`."""
    combined = hashlib.sha256()
    for module in sorted(set(modules)):
        path = _module_file(module)
        if path is None:
            raise DataError(f"{module}: not a module of the {PACKAGE} package")
        combined.update(module.encode() + b"\0" + path.read_bytes() + b"\0")
    return combined.hexdigest()[:16]


def environment_digest() -> str:
    """The digest of the locked environment."""
    return digest(LOCK.read_bytes())
