import numpy as np
import pandas as pd

from pipeline.render import Table, md_table
from pipeline.shares import distinctive, shares_by_year, theme_shares

KEYS = ["party", "industry", "other"]


def _frame():
    rng = np.random.default_rng(1)
    rows = []
    for loc, weights in (("甲县", [0.7, 0.2, 0.1]), ("乙市", [0.1, 0.8, 0.1])):
        for d in range(3):
            for _ in range(20):
                rows.append({"locality": loc, "doc_id": f"{loc}{d}", "theme": rng.choice(KEYS, p=weights), "n_chars": int(rng.integers(50, 300)), "year": "2024" if d else "2025"})
    return pd.DataFrame(rows)


def test_shares_with_intervals():
    df = _frame()
    s = theme_shares(df, KEYS, n_boot=300, seed=3)
    assert len(s) == 6
    np.testing.assert_allclose(s.groupby("locality")["share"].sum(), 1, atol=1e-3)
    assert ((s["ci_low"] <= s["share"] + 1e-9) & (s["share"] <= s["ci_high"] + 1e-9)).all()
    assert s.set_index(["locality", "theme"]).loc[("甲县", "party"), "share"] > 0.5
    pd.testing.assert_frame_equal(s, theme_shares(df, KEYS, n_boot=300, seed=3))  # same seed, same numbers
    assert (s["n_chars"].sum()) == df["n_chars"].sum()


def test_distinctive_flags_what_a_locality_emphasises():
    d = distinctive(_frame(), KEYS).set_index(["locality", "theme"])
    assert d.loc[("甲县", "party"), "emphasis"] == "more" and d.loc[("甲县", "party"), "z"] > 1.96
    assert d.loc[("乙市", "party"), "emphasis"] == "less"
    assert abs(d.loc[("甲县", "other"), "z"]) < 1.96


def test_by_year_and_markdown():
    y = shares_by_year(_frame(), KEYS)
    assert set(y["year"]) == {"2024", "2025"}
    np.testing.assert_allclose(y.groupby("year")["share"].sum(), 1, atol=1e-3)
    md = md_table(Table.from_frame(pd.DataFrame({"a": [1], "b": ["x|y\nz"]})))
    assert md.splitlines() == ["| a | b |", "|---|---|", "| 1 | x\\|y z |"]
