"""The lists derived from jieba's dictionary are up to date, and tokenizers share one load."""

import sys

from conftest import ROOT
from pipeline import RESOURCES
from pipeline.lexicon import common_chars, frequent_chars, new_tokenizer


def test_derived_lists_match_jiebas_dictionary():
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_lexicon import files

    for name, text in files().items():
        assert (RESOURCES / "lexicon" / name).read_text(encoding="utf-8") == text, f"{name} is out of date: run scripts/build_lexicon.py"
    assert all(c in frequent_chars() for c in "工作报告") and not any(c in frequent_chars() for c in "綔憡") and "。" in common_chars()


def test_tokenizers_are_independent():
    a, b = new_tokenizer(), new_tokenizer()
    a.add_word("衡东县委书记", freq=10**6)
    assert "衡东县委书记" in a.lcut("衡东县委书记讲话", HMM=False)
    assert "衡东县委书记" not in b.lcut("衡东县委书记讲话", HMM=False)
