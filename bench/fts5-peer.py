# The SQLite FTS5 peer of the bench (measure-peers.ts): what a user could pick instead of our search.
# Builds an in-memory FTS5 index over the corpus's .txt files (title = first line, body = the rest),
# then answers each query as our search panel does: every word required, the last one as a prefix,
# best 20 by bm25, each with a snippet. Prints one JSON line. Standard library only (sqlite3, json).
# Usage: python3 bench/fts5-peer.py <corpus dir> <queries JSON file> <results per query>

import json
import os
import sqlite3
import sys
import time

corpus_dir, queries_file, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(queries_file, encoding="utf-8") as f:
    queries = json.load(f)

started = time.perf_counter()
rows = []
for root, _dirs, names in os.walk(corpus_dir):
    for name in sorted(names):
        if name.endswith(".txt"):
            with open(os.path.join(root, name), encoding="utf-8") as f:
                text = f.read()
            title, _, body = text.partition("\n")
            rows.append((title, body))
read_s = time.perf_counter() - started

db = sqlite3.connect(":memory:")
started = time.perf_counter()
db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')")
with db:
    db.executemany("INSERT INTO docs (title, body) VALUES (?, ?)", rows)
build_s = time.perf_counter() - started


def match_expression(query):
    words = [w for w in query.split() if w]
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if quoted:
        quoted[-1] += "*"
    return " ".join(quoted)


SQL = "SELECT rowid, title, snippet(docs, 1, '[', ']', '…', 16) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?"


def run(query):
    t = time.perf_counter()
    hits = db.execute(SQL, (match_expression(query), limit)).fetchall()
    return (time.perf_counter() - t) * 1000, len(hits)


for q in queries:  # one untimed round, as ours gets (JIT, caches)
    run(q)
samples = [run(q) for q in queries]


def percentile(values, p):
    ordered = sorted(values)
    rank = max(1, -(-p * len(ordered) // 100))
    return ordered[int(rank) - 1]


times = [s[0] for s in samples]
print(
    json.dumps(
        {
            "sqlite": sqlite3.sqlite_version,
            "documents": len(rows),
            "readMs": read_s * 1000,
            "buildMs": build_s * 1000,
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "max": max(times),
            "hitsP50": percentile([s[1] for s in samples], 50),
        }
    )
)
