#!/usr/bin/env python3
"""Checks pairs.jsonl and prints its counts; optionally scores predictions against it.

    python3 validate.py [pairs.jsonl]                       # checks + counts (exit 1 on a problem)
    python3 validate.py pairs.jsonl --score pred.jsonl      # pred lines: {"id": ..., "same_story": true|false}
    python3 validate.py pairs.jsonl --baseline 0.5          # naive reference: text 3-gram Jaccard >= t

Checks: required fields and types, unique ids, no pair listed twice, a != b, ISO-8601 UTC dates, and
label consistency: articles joined by positive pairs form one story, so no negative pair may fall inside
such a group. The real scorer is `finwire dedupe --evaluate Tests/Fixtures/dedupe/pairs.jsonl`.
"""
import argparse, collections, json, os, re, sys

FIELDS = {"id": str, "a": dict, "b": dict, "same_story": bool, "kind": str, "source": str, "notes": str}
ART = ("title", "link", "text", "published", "feed")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def key(art):
    return tuple(art[f] for f in ART)


def load(path):
    pairs, problems = [], []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            p = json.loads(line)
        except ValueError as e:
            problems.append(f"line {n}: not JSON: {e}")
            continue
        for f, t in FIELDS.items():
            if not isinstance(p.get(f), t):
                problems.append(f"line {n}: field {f!r} missing or not {t.__name__}")
        for side in ("a", "b"):
            art = p.get(side) if isinstance(p.get(side), dict) else {}
            for f in ART:
                if not isinstance(art.get(f), str) or not art.get(f).strip():
                    problems.append(f"line {n}: {side}.{f} missing or empty")
            if isinstance(art.get("published"), str) and not ISO.fullmatch(art["published"]):
                problems.append(f"line {n}: {side}.published not ISO-8601 UTC: {art['published']}")
        if p.get("source") not in ("generated", "written"):
            problems.append(f"line {n}: source must be generated or written")
        pairs.append(p)
    return pairs, problems


def check(pairs):
    problems = []
    ids = collections.Counter(p["id"] for p in pairs)
    problems += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    seen = {}
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        ka, kb = key(p["a"]), key(p["b"])
        if ka == kb:
            problems.append(f"{p['id']}: a and b are the same article")
        k = frozenset((ka, kb))
        if k in seen:
            problems.append(f"{p['id']}: same pair as {seen[k]}")
        seen[k] = p["id"]
        if p["same_story"]:
            parent[find(ka)] = find(kb)
    for p in pairs:
        if not p["same_story"] and find(key(p["a"])) == find(key(p["b"])):
            problems.append(f"{p['id']}: labeled different, but positive pairs join a and b into one story")
    return problems


def counts(pairs):
    by = collections.Counter((p["source"], p["kind"], p["same_story"]) for p in pairs)
    pos = sum(p["same_story"] for p in pairs)
    lines = [f"{len(pairs)} pairs: {pos} same story, {len(pairs) - pos} different; "
             f"{sum(p['source'] == 'generated' for p in pairs)} generated, {sum(p['source'] == 'written' for p in pairs)} written",
             "", "| label | source | kind | pairs |", "| --- | --- | --- | ---: |"]
    for (src, kind, same), c in sorted(by.items(), key=lambda x: (not x[0][2], x[0][0], -x[1], x[0][1])):
        lines.append(f"| {'same' if same else 'different'} | {src} | {kind} | {c} |")
    return "\n".join(lines)


def pr(pairs, pred):
    tp = sum(1 for p in pairs if p["same_story"] and pred[p["id"]])
    fp = sum(1 for p in pairs if not p["same_story"] and pred[p["id"]])
    fn = sum(1 for p in pairs if p["same_story"] and not pred[p["id"]])
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, tp, fp, fn


def report(pairs, pred, label):
    prec, rec, tp, fp, fn = pr(pairs, pred)
    print(f"{label}: precision {prec:.3f}  recall {rec:.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {len(pairs) - tp - fp - fn})")
    wrong = collections.Counter(p["kind"] for p in pairs if pred[p["id"]] != p["same_story"])
    total = collections.Counter(p["kind"] for p in pairs)
    print("wrong by kind: " + (", ".join(f"{k} {wrong[k]}/{total[k]}" for k in sorted(wrong)) or "none"))


def fold(s):
    s = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in s).lower()
    return [c for c in s if c.isalnum() or c in ".%"]


def shingles(s, n=3):
    f = fold(s)
    return {"".join(f[i:i + n]) for i in range(max(1, len(f) - n + 1))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="?", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "pairs.jsonl"))
    ap.add_argument("--score", metavar="PRED", help="JSON Lines of {id, same_story} to score")
    ap.add_argument("--baseline", type=float, metavar="T", help="score the naive 'text 3-gram Jaccard >= T' rule")
    a = ap.parse_args()
    pairs, problems = load(a.pairs)
    if not problems:
        problems = check(pairs)
    if problems:
        print("\n".join(problems[:50]), file=sys.stderr)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        sys.exit(1)
    print(counts(pairs))
    if a.score:
        pred = {}
        for line in open(a.score, encoding="utf-8"):
            if line.strip():
                o = json.loads(line)
                pred[o["id"]] = bool(o["same_story"])
        missing = [p["id"] for p in pairs if p["id"] not in pred]
        if missing:
            sys.exit(f"{len(missing)} pair(s) without a prediction, e.g. {missing[:5]}")
        print()
        report(pairs, pred, a.score)
    if a.baseline is not None:
        pred = {}
        for p in pairs:
            x, y = shingles(p["a"]["text"]), shingles(p["b"]["text"])
            pred[p["id"]] = len(x & y) / len(x | y) >= a.baseline
        print()
        report(pairs, pred, f"baseline text 3-gram Jaccard >= {a.baseline}")


if __name__ == "__main__":
    main()
