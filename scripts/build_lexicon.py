"""Build the lists the pipeline derives from jieba's dictionary (``pipeline/resources/lexicon/``).

Parsing jieba's word list (350,000 words) takes about a second in every process that needs
it; what is derived from it changes only with jieba's dictionary, so it is stored:

- ``common_chars.txt``: characters of words of frequency ≥ 20, their traditional forms and
  common punctuation (readers: which decoding of a file gives plausible Chinese);
- ``frequent_chars.txt``: the 3,500 characters carrying most of the dictionary, and their
  traditional forms (readers: mojibake is made of rare characters);
- ``common_place_words.txt``: names the gazetteer considers (short names of units, stems of
  former names) that jieba knows as frequent ordinary words (资源, 合作, 平安 …): such a
  short name alone is not a place.

Run it after upgrading jieba or OpenCC, or after changing the gazetteer's names;
``tests/test_lexicon.py`` fails while the files are out of date.

    python scripts/build_lexicon.py
"""

from __future__ import annotations

import sys

from pipeline import RESOURCES
from pipeline.gazetteer import _former_names, candidate_names, default_places
from pipeline.lexicon import derive_common_chars, derive_common_words, derive_frequent_chars


def files() -> dict[str, str]:
    """File name → content of every derived list, as this version of jieba gives them."""
    import jieba

    head = f"# Derived from jieba {jieba.__version__}'s dictionary by scripts/build_lexicon.py; do not edit by hand.\n"
    wrap = lambda chars: "\n".join("".join(chars[i : i + 80]) for i in range(0, len(chars), 80))  # noqa: E731
    places = candidate_names(default_places(), _former_names())
    return {
        "common_chars.txt": head + wrap(sorted(derive_common_chars())) + "\n",
        "frequent_chars.txt": head + wrap(sorted(derive_frequent_chars())) + "\n",
        "common_place_words.txt": head + "\n".join(sorted(derive_common_words() & places)) + "\n",
    }


def main() -> int:
    for name, text in files().items():
        (RESOURCES / "lexicon" / name).write_text(text, encoding="utf-8")
        print(f"wrote {RESOURCES / 'lexicon' / name}: {len(text.splitlines()) - 1} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
