#!/usr/bin/env python3
"""Writes Sources/FinwireTag/Data/ts_characters.tsv: traditional -> simplified, one character each.

Source: OpenCC's TSCharacters.txt (Apache-2.0), as shipped in the PyPI wheel
opencc-python-reimplemented 0.1.7. Only the first candidate of each line is kept: the tagger
normalizes text for matching, so one simplified form per character is all it needs.

    scripts/gen-ts-table.py [--wheel PATH]     (downloads the wheel with pip when no path is given)
"""
import argparse, hashlib, os, subprocess, sys, tempfile, zipfile

ap = argparse.ArgumentParser()
ap.add_argument("--wheel")
args = ap.parse_args()
wheel = args.wheel
if not wheel:
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                    "opencc-python-reimplemented==0.1.7"], check=True)
    wheel = os.path.join(tmp, [f for f in os.listdir(tmp) if f.endswith(".whl")][0])
print("wheel sha256", hashlib.sha256(open(wheel, "rb").read()).hexdigest(), file=sys.stderr)
with zipfile.ZipFile(wheel) as z:
    lines = z.read("opencc/dictionary/TSCharacters.txt").decode("utf-8").splitlines()
out = os.path.join(os.path.dirname(__file__), "..", "Sources", "FinwireTag", "Data", "ts_characters.tsv")
rows = []
for line in lines:
    trad, simp = line.split("\t")
    simp = simp.split()[0]
    if len(trad) == 1 and len(simp) == 1 and trad != simp:
        rows.append(f"{trad}\t{simp}")
with open(out, "w", encoding="utf-8") as f:
    f.write("# source: OpenCC TSCharacters.txt (Apache-2.0) via opencc-python-reimplemented 0.1.7; scripts/gen-ts-table.py\n")
    f.write("traditional\tsimplified\n")
    f.write("\n".join(rows) + "\n")
print(len(rows), "pairs ->", out, file=sys.stderr)
