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

import numpy as np
import pandas as pd

Arguments = ParamSpec("Arguments")
Result = TypeVar("Result")
KEPT = 8


def _content(*parts: object) -> None:
    """Stands for a table's content in a key (never called: keys are never unpickled)."""


def _plain_bytes(value: object) -> bytes:
    """`value` pickled by pickle's own C code, without a memo: equal plain objects give equal bytes."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


def _values(values: pd.Series | pd.Index) -> tuple[list[object], object]:
    """A column's or an index's values with what its type says beyond its name (a category's categories and
    order, an index's names and frequency): a NumPy array's own bytes where its type is a NumPy number, date or
    flag (exact, and a hundred times quicker than a Timestamp per value), plain Python objects otherwise."""
    dtype = values.dtype
    described: list[object] = [str(dtype)]
    if isinstance(dtype, pd.CategoricalDtype):
        described += [dtype.categories.tolist(), dtype.ordered]
    if isinstance(values, pd.Index):
        described += [list(values.names), str(getattr(values, "freq", None))]
    if isinstance(dtype, np.dtype) and dtype.kind in "biufcmM":
        return described, values.to_numpy().tobytes()
    return described, values.tolist()


class _ContentPickler(pickle.Pickler):
    """Pickles a table as its content alone (labels, types and values) and
    without pickle's memo, so two equal tables built apart give the same
    bytes, whatever their memory layout or shared strings. A table's values
    are pickled apart, by pickle's C code: this pickler's own hook, called once
    per object it meets, made each key of the evidence base cost a tenth of a
    second."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True

    def reducer_override(self, obj: object) -> object:
        if isinstance(obj, pd.DataFrame):
            columns = [_values(obj.iloc[:, position]) for position in range(obj.shape[1])]
            # A geographic table's coordinates mean nothing without its reference system.
            content = (_values(obj.columns), _values(obj.index), columns, str(getattr(obj, "crs", None)))
            return _content, ("table", _plain_bytes(content))
        if isinstance(obj, pd.Series):
            return _content, ("column", _plain_bytes((obj.name, _values(obj.index), _values(obj))))
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
