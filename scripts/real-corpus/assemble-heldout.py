#!/usr/bin/env python3
"""Builds the committed labels of the held-out set (sources-heldout.json) from its independent reads:

  Tests/Fixtures/tagging/real/heldout-labels.jsonl   {"id", "split": "heldout", "regions", "kind"}
  Tests/Fixtures/tagging/real/heldout-reads.jsonl    {"id", "a", "b", "c"?}

Labelers A and B read every item in separate sessions (neither saw the tagger nor the other); where they
differed a third read (C) saw both and decided. The whole set is one split, `heldout`: it was collected and
labeled after the models were fitted and is scored once per release, never tuned on.

    scripts/real-corpus/assemble-heldout.py --reads /work/corpus2

The extra training set (sources-extra.json) is assembled the same way, but split train/dev/test by outlet and
ISO week exactly as assemble-labels.py splits the first corpus (its test part is scored once, at the end):

    scripts/real-corpus/assemble-heldout.py --reads /work/corpus3 --name extra --corpus data/real-corpus/extra.jsonl
"""
import argparse, glob, importlib.util, json, os

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "tagging", "real")


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def label(d):
    return {"regions": sorted(d["regions"]), "kind": d["kind"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reads", required=True, help="folder with batches/, reads/A, reads/B, third/decisions.jsonl")
    ap.add_argument("--name", default="heldout", help="heldout (one split) or another set's name, split by --corpus")
    ap.add_argument("--corpus", help="the rebuilt items (outlet, published) that decide each item's split")
    args = ap.parse_args()
    split_of = lambda i: "heldout"
    if args.name != "heldout":
        if not args.corpus:
            ap.error("--corpus is needed to split a set other than the held-out one")
        spec = importlib.util.spec_from_file_location("assemble_labels", os.path.join(os.path.dirname(__file__), "assemble-labels.py"))
        al = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(al)
        groups = {d["id"]: al.group(d) for d in jsonl(args.corpus)}
        sizes = {}
        for g in groups.values(): sizes[g] = sizes.get(g, 0) + 1
        splits = al.balanced_splits(sizes)
        split_of = lambda i: splits[groups[i]]
    order = [d["id"] for f in sorted(glob.glob(os.path.join(args.reads, "batches", "*.jsonl"))) for d in jsonl(f)]
    reads = {}
    for who in ("A", "B"):
        for f in glob.glob(os.path.join(args.reads, "reads", who, "*.jsonl")):
            for d in jsonl(f):
                reads.setdefault(d["id"], {})[who.lower()] = label(d)
    third = {d["id"]: label(d) for d in jsonl(os.path.join(args.reads, "third", "decisions.jsonl"))}
    labels, audit = [], []
    for i in sorted(order):
        r = reads[i]
        row = {"id": i, "a": r["a"], "b": r["b"]}
        final = r["a"]
        if r["a"] != r["b"]:
            final = third[i]
            row["c"] = final
        audit.append(row)
        labels.append({"id": i, "split": split_of(i), **final})
    n = len(labels)
    agree_kind = sum(r["a"]["kind"] == r["b"]["kind"] for r in audit) / n
    agree_regions = sum(r["a"]["regions"] == r["b"]["regions"] for r in audit) / n
    for name, rows in ((f"{args.name}-labels.jsonl", labels), (f"{args.name}-reads.jsonl", audit)):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n")
    counts = {}
    for l in labels: counts[l["split"]] = counts.get(l["split"], 0) + 1
    print(f"{n} items {counts}; agreement kind {agree_kind:.3f}, region sets {agree_regions:.3f}; third reads {len(third)}")


if __name__ == "__main__":
    main()
