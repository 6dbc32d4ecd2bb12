#!/usr/bin/env python3
"""Builds the committed label files from the independent reads made on the real corpus:

  Tests/Fixtures/tagging/real/labels.jsonl    {"id", "split", "regions", "kind"}  (one per item)
  Tests/Fixtures/tagging/real/reads.jsonl     {"id", "a", "b", "c"?}  every read, for audit and agreement
  Tests/Fixtures/dedupe/real/pairs.jsonl      {"id", "a", "b", "same_story", "split"}  (a, b: item ids)
  Tests/Fixtures/dedupe/real/reads.jsonl      {"id", "a", "b", "c"?}

Every item and pair was read by two labelers (A and B, separate sessions that saw neither the tagger nor
each other) following shared/notes/labeling.md; where they differed a third read (C) saw both and decided.

Splits are by source and date: an item's group is (outlet, ISO week of publication) and a group goes whole
to one split, so near-copies from one outlet's week never straddle splits. Groups are taken largest first
(ties in the order of a hash of their names) and each goes to the split furthest below its share (train
60%, dev 20%, test 20% of the items): deterministic, and balanced although a few groups are large. Pairs are grouped the same way
by the day of their earlier item (copies of one story cluster on a day) and balanced by pair count.

    scripts/real-corpus/assemble-labels.py --reads /work/corpus --corpus data/real-corpus/items.jsonl
"""
import argparse, collections, datetime, glob, hashlib, json, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def group(item):
    try:
        d = datetime.datetime.fromisoformat(item["published"].replace("Z", "+00:00"))
        y, w, _ = d.isocalendar()
        when = f"{y}-W{w:02d}"
    except (ValueError, KeyError):
        when = "undated:" + item.get("path", "")
    return f"{item['outlet']}|{when}"


SHARES = {"train": 0.6, "dev": 0.2, "test": 0.2}


def balanced_splits(sizes):
    """Group name → split: largest groups first (ties in hash order), each to the split furthest below its
    share of the whole."""
    total = sum(sizes.values())
    filled = {s: 0 for s in SHARES}
    out = {}
    for name in sorted(sizes, key=lambda n: (-sizes[n], hashlib.sha1(n.encode("utf-8")).hexdigest())):
        target = min(SHARES, key=lambda s: (filled[s] - SHARES[s] * total, s))
        out[name] = target
        filled[target] += sizes[name]
    return out


def write(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reads", required=True, help="folder with labels/A, labels/B, adjudicate/, pair-labels/, pair-input/")
    ap.add_argument("--corpus", required=True, help="the rebuilt items.jsonl")
    args = ap.parse_args()
    items = {i["id"]: i for i in jsonl(args.corpus)}

    def reads(who):
        out = {}
        for p in glob.glob(os.path.join(args.reads, "labels", who, "chunk-*.jsonl")):
            for r in jsonl(p):
                out[r["id"]] = {"regions": sorted(r["regions"]), "kind": r["kind"]}
        return out
    A, B = reads("A"), reads("B")
    C = {}
    for p in glob.glob(os.path.join(args.reads, "adjudicate", "items-*.decided.jsonl")):
        for r in jsonl(p):
            C[r["id"]] = {"regions": sorted(r["regions"]), "kind": r["kind"]}
    labels, audit, undecided = [], [], []
    stats = collections.Counter()
    for id in sorted(items):
        if id not in A or id not in B:
            undecided.append(id); continue
        a, b = A[id], B[id]
        row = {"id": id, "a": a, "b": b}
        stats["items"] += 1
        stats["kind agree"] += a["kind"] == b["kind"]
        stats["regions agree"] += a["regions"] == b["regions"]
        if a == b:
            final = a
        elif id in C:
            final = C[id]; row["c"] = C[id]; stats["third read"] += 1
        else:
            undecided.append(id); continue
        audit.append(row)
        labels.append({"id": id, "split": group(items[id]), "regions": final["regions"], "kind": final["kind"]})
    if undecided:
        sys.exit(f"{len(undecided)} items lack two reads or a deciding third (first: {undecided[:5]})")
    assign = balanced_splits(collections.Counter(l["split"] for l in labels))
    for l in labels:
        l["split"] = assign[l["split"]]

    PA, PB, PC, pairs_in = {}, {}, {}, {}
    for p in glob.glob(os.path.join(args.reads, "pair-input", "pairs-*.jsonl")):
        for r in jsonl(p):
            pairs_in[r["pair"]] = (r["a"]["id"], r["b"]["id"])
    for who, d in (("A", PA), ("B", PB)):
        for p in glob.glob(os.path.join(args.reads, "pair-labels", who, "pairs-*.jsonl")):
            for r in jsonl(p):
                d[r["pair"]] = r["same_story"]
    for p in glob.glob(os.path.join(args.reads, "adjudicate", "pairs.decided.jsonl")):
        for r in jsonl(p):
            PC[r["pair"]] = r["same_story"]
    pairs, pair_audit = [], []
    for pid in sorted(pairs_in):
        a_id, b_id = pairs_in[pid]
        la, lb = PA.get(pid), PB.get(pid)
        if la is None or lb is None:
            sys.exit(f"pair {pid} lacks two reads")
        stats["pairs"] += 1
        stats["pairs agree"] += la == lb
        row = {"id": pid, "a": la, "b": lb}
        final = la if la == lb else PC.get(pid)
        if final is None:
            sys.exit(f"pair {pid}: reads differ and no third read decided")
        if la != lb: row["c"] = final
        pair_audit.append(row)
        first = min((items[a_id], items[b_id]), key=lambda i: i.get("published") or "9999")
        pairs.append({"id": pid, "a": a_id, "b": b_id, "same_story": final, "split": (first.get("published") or "undated")[:10]})
    assign = balanced_splits(collections.Counter(p["split"] for p in pairs))
    for p in pairs:
        p["split"] = assign[p["split"]]

    write(os.path.join(ROOT, "Tests/Fixtures/tagging/real/labels.jsonl"), labels)
    write(os.path.join(ROOT, "Tests/Fixtures/tagging/real/reads.jsonl"), audit)
    write(os.path.join(ROOT, "Tests/Fixtures/dedupe/real/pairs.jsonl"), pairs)
    write(os.path.join(ROOT, "Tests/Fixtures/dedupe/real/reads.jsonl"), pair_audit)
    n = stats["items"]
    print(f"items {n}: kind agreement {stats['kind agree'] / n:.3f}, region-set agreement {stats['regions agree'] / n:.3f}, "
          f"decided by a third read {stats['third read']}")
    print("item splits: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(l["split"] for l in labels).items())))
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in collections.Counter(l["kind"] for l in labels).most_common()))
    print(f"pairs {stats['pairs']}: agreement {stats['pairs agree'] / stats['pairs']:.3f}; same {sum(p['same_story'] for p in pairs)}; "
          "splits: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(p["split"] for p in pairs).items())))


if __name__ == "__main__":
    main()
