"""The kernels nbval starts to compare the committed chapters import this tree's package."""

from pathlib import Path

import pytest
from nbval import kernel

from analysis.paths import REPO_ROOT


@pytest.mark.rebuild
def test_a_kernel_nbval_starts_imports_this_trees_package_before_any_other_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another copy of `analysis` first on the environment's path (another checkout's, or a stale one) is not
    the one nbval's kernel imports: the committed outputs are compared with this tree's code."""
    decoy = tmp_path / "elsewhere" / "analysis"
    decoy.mkdir(parents=True)
    (decoy / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(decoy.parent))
    manager, client = kernel.start_new_kernel(kernel_name=kernel.CURRENT_ENV_KERNEL_NAME, cwd=str(tmp_path))
    printed: list[str] = []
    try:
        client.execute_interactive(
            "import analysis; print(analysis.__file__)",
            timeout=60,
            output_hook=lambda message: printed.append(message["content"].get("text", "")),
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    imported = Path("".join(printed).strip())
    assert imported == REPO_ROOT / "src" / "analysis" / "__init__.py", imported
