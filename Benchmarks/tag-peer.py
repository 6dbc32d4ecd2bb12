#!/usr/bin/env python3
"""Peers for `finwire bench tag`: the same corpus, the same dictionaries, matched two other ways.

  re      one compiled Python regular expression, an alternation of every dictionary string (longest
          first) — the way a quick tagger is usually written;
  pyac    pyahocorasick (C extension), `iter_long` leftmost-longest over the same strings — raw matching
          only, none of finwire's rules: a floor for what any automaton-based tagger must spend.

    finwire bench tag DIR --dump /tmp/corpus.jsonl
    python3 Benchmarks/tag-peer.py /tmp/corpus.jsonl Sources/FinwireTag/Data

Prints one line per peer: build seconds, MB/s of text (UTF-8 bytes of title + text), matches found.
"""
import csv, json, os, re, sys, time

corpus_path, data_dir = sys.argv[1], sys.argv[2]
docs = [json.loads(l) for l in open(corpus_path, encoding="utf-8")]
nbytes = sum(len(d["title"].encode()) + len(d["text"].encode()) for d in docs)

def rows(name):
    with open(os.path.join(data_dir, name), encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))

words = set()
for r in rows("divisions.tsv"):
    words.add(r["name"]); words.add(r["short"])
for name, col in [("aliases.tsv", "alias"), ("org_names.tsv", "org_name"), ("agencies.tsv", "pattern"),
                  ("topics.tsv", "keyword"), ("doc_types.tsv", "keyword"), ("cues.tsv", "cue")]:
    for r in rows(name):
        if r.get(col): words.add(r[col])
for r in rows("groupings.tsv"):
    words.add(r["name"]); words.update(a for a in r["aliases"].split("|") if a)
words = sorted((w for w in words if len(w) >= 2), key=len, reverse=True)

def run(label, build, scan):
    t0 = time.perf_counter(); m = build(); b = time.perf_counter() - t0
    t0 = time.perf_counter(); n = 0
    for d in docs:
        n += scan(m, d["title"]) + scan(m, d["text"])
    s = time.perf_counter() - t0
    print(f"{label} patterns={len(words)} build_ms={b*1000:.1f} articles={len(docs)} bytes={nbytes} seconds={s:.3f} MB/s={nbytes/1e6/s:.1f} matches={n}")

run("python-re", lambda: re.compile("|".join(map(re.escape, words))), lambda m, t: sum(1 for _ in m.finditer(t)))
try:
    import ahocorasick
    def build_ac():
        a = ahocorasick.Automaton()
        for w in words: a.add_word(w, w)
        a.make_automaton(); return a
    run("pyahocorasick", build_ac, lambda a, t: sum(1 for _ in a.iter_long(t)))
except ImportError:
    print("pyahocorasick not installed (pip install pyahocorasick): skipped")
