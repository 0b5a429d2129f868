"""Count equal combinations of integer codes: the costs are computed once per distinct (request, price,
…) combination and multiplied by how often it occurs, never once per number."""

from __future__ import annotations

import numpy as np
import pandas as pd


def count_combinations(*codes: np.ndarray) -> dict[tuple[int, ...], int]:
    """{(code_0, code_1, …): how many rows have it} for equal-length integer code arrays."""
    counts = pd.DataFrame({str(i): c for i, c in enumerate(codes)}).value_counts()
    keys: list[tuple[int, ...]] = counts.index.tolist()
    return {tuple(int(k) for k in key): int(n) for key, n in zip(keys, counts.tolist())}
