#!/usr/bin/env python3
"""Split a rebuilt corpus (e.g. data/real-corpus/heldout.jsonl) into labelling
batches NN.jsonl of about --size items, each line {"id", "outlet", "published",
"title", "text"} with the text cut to --max-text characters.  Items are
shuffled deterministically (order of sha1(seed + id)), so every batch mixes
outlets and a rebuild gives the same batches.  Standard library only.

  python3 scripts/real-corpus/make-batches.py data/real-corpus/heldout.jsonl -o /work/corpus2/batches
"""
import argparse
import hashlib
import json
import os


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("-o", "--outdir", required=True)
    ap.add_argument("--size", type=int, default=100, help="target items per batch")
    ap.add_argument("--max-text", type=int, default=3000)
    ap.add_argument("--seed", default="heldout-1")
    args = ap.parse_args(argv)
    with open(args.corpus, encoding="utf-8") as f:
        items = [json.loads(l) for l in f if l.strip()]
    items.sort(key=lambda it: hashlib.sha1((args.seed + it["id"]).encode()).hexdigest())
    n = max(1, round(len(items) / args.size))
    os.makedirs(args.outdir, exist_ok=True)
    for b in range(n):
        chunk = items[b::n]   # round-robin over the shuffled order: sizes differ by at most 1
        path = os.path.join(args.outdir, "%02d.jsonl" % (b + 1))
        with open(path, "w", encoding="utf-8") as f:
            for it in chunk:
                f.write(json.dumps({"id": it["id"], "outlet": it["outlet"], "published": it["published"],
                                    "title": it["title"], "text": it["text"][:args.max_text]},
                                   ensure_ascii=False) + "\n")
        print("%s %d" % (path, len(chunk)))


if __name__ == "__main__":
    main()
