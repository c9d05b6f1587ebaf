"""Stale chapters are started longest first, so that the two kernels finish
together: with the collapse chapter (the longest) started last, one core idles
while the other executes it alone."""

from pathlib import Path

from analysis.tools import notebooks


def test_chapters_start_longest_first_and_those_never_timed_before_them(tmp_path: Path) -> None:
    record = tmp_path / "execution-seconds.json"
    chapters = [Path(f"chapters/{name}.ipynb") for name in ("collapse", "data_methods", "intro", "limitations", "resumption")]
    assert notebooks.longest_first(chapters, record) == chapters, "with nothing timed, the order given"

    notebooks.record_times({"collapse": 4.3, "data_methods": 1.5, "intro": 2.2}, record)
    notebooks.record_times({"limitations": 1.4, "intro": 2.0}, record)
    assert notebooks.recorded_times(record) == {"collapse": 4.3, "data_methods": 1.5, "intro": 2.0, "limitations": 1.4}
    started = [path.stem for path in notebooks.longest_first(chapters, record)]
    assert started == ["resumption", "collapse", "intro", "data_methods", "limitations"]
