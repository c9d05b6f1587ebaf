"""Pure evidence functions computed once per content of their arguments, per process.

A chapter asks for the claims ledger once per section that shows claims, and
every claim about the meetings asks for the specification curve: the same
computation over the same tables, several times in one kernel. The evidence
tier reads no file, so what such a function returns is decided by its
arguments alone; `pure` keys each result on the bytes of the arguments
(labels, types and values: equal bytes are equal content, so a changed table
is never served an old result) and gives every caller its own copy.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import pickle
from collections import OrderedDict
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import pandas as pd

Arguments = ParamSpec("Arguments")
Result = TypeVar("Result")
KEPT = 8


def _content(*parts: object) -> None:
    """Stands for a table's content in a key (never called: keys are never unpickled)."""


class _ContentPickler(pickle.Pickler):
    """Pickles a table as its content alone (labels, types and values as plain
    Python objects) and without pickle's memo, so two equal tables built apart
    give the same bytes, whatever their memory layout or shared strings."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True

    def reducer_override(self, obj: object) -> object:
        if isinstance(obj, pd.DataFrame):
            columns = [obj.iloc[:, position].tolist() for position in range(obj.shape[1])]
            return _content, ("table", obj.columns.tolist(), obj.dtypes.astype(str).tolist(), obj.index.tolist(), columns)
        if isinstance(obj, pd.Series):
            return _content, ("column", obj.name, str(obj.dtype), obj.index.tolist(), obj.tolist())
        return NotImplemented


def content_key(*args: object, **kwargs: object) -> str:
    """A digest of the arguments' content."""
    buffer = io.BytesIO()
    _ContentPickler(buffer).dump((args, sorted(kwargs.items())))
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def pure(function: Callable[Arguments, Result]) -> Callable[Arguments, Result]:
    """`function`, computed once per content of its arguments (the last KEPT kept), each caller given a copy."""
    results: OrderedDict[str, Result] = OrderedDict()

    @functools.wraps(function)
    def once_per_content(*args: Arguments.args, **kwargs: Arguments.kwargs) -> Result:
        key = content_key(*args, **kwargs)
        if key in results:
            results.move_to_end(key)
        else:
            results[key] = function(*args, **kwargs)
            if len(results) > KEPT:
                results.popitem(last=False)
        return copy.deepcopy(results[key])

    once_per_content.cache_clear = results.clear  # type: ignore[attr-defined]
    return once_per_content
