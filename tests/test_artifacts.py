import numpy as np
import pytest

from pipeline.artifacts import ArtifactError, NpyRows, NpyWriter


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_npy_writer_writes_what_np_save_writes(tmp_path, dtype):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((1000, 7)).astype(np.float32)
    np.save(tmp_path / "saved.npy", a.astype(dtype))
    w = NpyWriter(tmp_path / "written.npy", a.shape, dtype)
    for s in range(0, len(a), 128):  # blocks in any order
        w[s : s + 128] = a[s : s + 128]
    w[0:3] = a[0:3]
    w.close()
    assert (tmp_path / "written.npy").read_bytes() == (tmp_path / "saved.npy").read_bytes()
    with pytest.raises(ValueError, match="take a"):
        NpyWriter(tmp_path / "x.npy", (4, 7), dtype).__setitem__(slice(0, 2), a[:3])


def test_npy_rows_index_like_the_array(tmp_path):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((500, 5)).astype(np.float32)
    np.save(tmp_path / "a.npy", a)
    rows = NpyRows(tmp_path / "a.npy")
    assert rows.shape == a.shape and len(rows) == 500 and rows.dtype == a.dtype
    np.testing.assert_array_equal(rows[10:20], a[10:20])
    np.testing.assert_array_equal(rows[490:600], a[490:600])
    np.testing.assert_array_equal(rows[::7], a[::7])
    np.testing.assert_array_equal(rows[-1], a[-1])
    idx = rng.integers(0, 500, size=300)  # unsorted, repeated, far apart
    np.testing.assert_array_equal(rows[idx], a[idx])
    np.testing.assert_array_equal(rows[np.array([], dtype=int)], a[np.array([], dtype=int)])
    np.testing.assert_array_equal(rows[np.array([-1, 0, -500])], a[np.array([-1, 0, -500])])
    grid = np.array([[1, 2], [3, 499]])
    np.testing.assert_array_equal(rows[grid], a[grid])
    np.testing.assert_array_equal(rows[::-3], a[::-3])
    sparse = np.arange(0, 500, 60)  # runs are cut, and still every row comes right
    np.testing.assert_array_equal(rows[sparse], a[sparse])
    mask = rng.random(500) < 0.3
    np.testing.assert_array_equal(rows[mask], a[mask])
    with pytest.raises(IndexError):
        rows[np.array([3, 500])]
    rows.close()
    (tmp_path / "short.npy").write_bytes((tmp_path / "a.npy").read_bytes()[:-40])
    with pytest.raises(ArtifactError, match="ends before"):
        NpyRows(tmp_path / "short.npy")[495:500]


def test_json_outputs_hold_no_nan(tmp_path):
    """A score of nothing (NPMI of no topic) is written as null, which jq, JavaScript and
    dvc metrics read, not as Python's non-standard NaN."""
    import json

    import numpy as np

    from pipeline.io import write_json

    write_json({"npmi": float("nan"), "z": [1.5, np.float64("inf"), {"low": -np.inf}], "n": 3, "name": "NaN"}, tmp_path / "m.json")
    text = (tmp_path / "m.json").read_text(encoding="utf-8")
    assert "NaN" not in text.replace('"NaN"', "") and "Infinity" not in text
    assert json.loads(text) == {"npmi": None, "z": [1.5, None, {"low": None}], "n": 3, "name": "NaN"}
