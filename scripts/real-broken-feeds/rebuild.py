#!/usr/bin/env python3
"""Rebuilds the collection of real broken feeds into a git-ignored folder.

The feeds carry other publishers' texts, so the repository keeps only this list (source repository,
commit, path, licence, and the SHA-256 of the file as tested); the files are read straight out of git.
See Tests/Fixtures/feeds/real-broken/README.md for each feed's fault and counts.

    python3 scripts/real-broken-feeds/rebuild.py --mirror-root /work/.mirror [-o data/real-broken-feeds]

--mirror-root DIR: git dirs laid out as DIR/<owner>+<name>/... (what the `fetch` tool makes); without it
each repository is cloned blobless from https://github.com/<owner>/<name> into --cache-dir.
Two files were trimmed (whole items taken out, the fault kept): the same cut is made here, and every file
is checked against its hash. Standard library and the `git` executable only.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys

# file, repository, commit, path, licence, SHA-256 of the tested file, trim (None, or 1-based item numbers)
FEEDS = [
    ("rutor-control-chars-in-cdata.xml", "w3stling/rssreader", "58039fc06a56", "src/test/resources/filter/rss-invalid-xml-character-0x6.xml", "MIT", "f11a0cf1c3a09c787e4f989b3a800c7689c81a2539f398c92f0f19fa04fc2402", [3, 6, 9, 12, 15, 16, 20, 24, 25]),
    ("myrskyla-undeclared-auml-entity.xml", "w3stling/rssreader", "58039fc06a56", "src/test/resources/invalid-character-rss-feed.xml", "MIT", "93bdae2084e39cb21b060befe35cbfd59b26dd0c20b6e95c858a851031ed1218", None),
    ("dbengines-undeclared-entity.xml", "feed-rs/feed-rs", "b64d2aa08d37", "feed-rs/fixture/rss2/rss_2.0_dbengines.xml", "MIT", "9cf520aea90f900e95c87b49859c4fcdbe836264fe6f854f131c60dab2c21011", None),
    ("metan-blank-lines-before-declaration.xml", "w3stling/rssreader", "58039fc06a56", "src/test/resources/starts-with-whitespace-and-missing-namespace.xml", "MIT", "9668278673c1c10a82660a55a44908d5b3391f21d102d1a0565d59877b1f056e", list(range(1, 13))),
    ("tenderlovemaking-newline-before-declaration.xml", "feedjira/feedjira", "c6efa980556a", "spec/sample_feeds/TenderLovemaking.xml", "MIT", "6e607a1f519cf13147e43febe7e2e08ac061ded567a7408a84d933972726f516", None),
    ("typepad-news-newline-before-declaration.xml", "feedjira/feedjira", "c6efa980556a", "spec/sample_feeds/TypePadNews.xml", "MIT", "cd742a9537054a7e0a4f01d78457b5fe5fc94095cb77f30faf212f0348092175", None),
    ("hrefconsideredharmful-rdf-newline-before-declaration.xml", "feedjira/feedjira", "c6efa980556a", "spec/sample_feeds/HREFConsideredHarmful.xml", "MIT", "167527b83e45de41d5de6b054bc72b6acb94bc7d5330bb132e5c70ee287d7cb5", None),
    ("yahoo-weather-newline-before-declaration.xml", "rometools/rome", "6b4a7e89cbf6", "rome-modules/src/test/resources/xml/yweather.xml", "Apache-2.0", "1673876fa3c59272c7d0c5cf057133438279efde1158f851f4249559ef20b0f9", None),
    ("uol-noticias-latin1-declared-utf8.rss", "rbren/rss-parser", "b0d3b483c0c4", "test/input/uolNoticias.rss", "MIT", "f7a6767cd1ac556a0cedf6253c27e669162254834d3c72221839a7df07e856b7", None),
    ("cercle-psy-latin1-no-declaration.xml", "miniflux/v2", "106cdd09e155", "internal/reader/parser/testdata/no_encoding_ISO-8859-1.xml", "Apache-2.0", "d408769bee7f38b7a157c6508e923dbaa4793f95ccefa98546cddf86dcc53f2a", None),
    ("reuters-truncated-after-server-error.xml", "feed-rs/feed-rs", "b64d2aa08d37", "feed-rs/fixture/rss2/rss_2.0_invalid_1.xml", "MIT", "f82ac72f7ac97520259b269746936d6adb41ee1c269442787c87a2c485da6ff8", None),
    ("pcmag-dvorak-nested-empty-items.xml", "danmactough/node-feedparser", "7ceba26c974c", "test/feeds/illegally-nested.xml", "MIT", "9d532e328ce57ad3a5d6cd96928bf6c96f3a43bcf83393bd61be0b8571ea65c9", None),
    ("tablix-atom-inside-xhtml-page.xml", "feedjira/feedjira", "c6efa980556a", "spec/sample_feeds/DuplicateContentAtomFeed.xml", "MIT", "8fd3ced4d3c7395027a9fcc83b582421e4a81dffe26c4a130c9db26648012023", None),
    ("inessential-html-page-not-a-feed.html", "Ranchero-Software/RSParser", "1e73a4694fa5", "Tests/RSParserTests/Resources/inessential.html", "MIT", "5f80988aefc39793805f5703a84983f9f1c9627ec7bb5805a10cb3e1dfd3f13c", None),
    ("quakelab-smart-quotes-in-declaration-and-attributes.xml", "w3stling/rssreader", "58039fc06a56", "src/test/resources/filter/atom-invalid-xml-quotation-mark.xml", "MIT", "b236a8ca883321122e0e72b9e0f5a37d298cbc3df9ed570531a92c7db992fb16", None),
]

ITEM = re.compile(rb"<item[\s>].*?</item>", re.S)


def trim(data, keep):
    """Everything before the first item and after the last, byte for byte; between them the kept items
    (1-based numbers), one per line."""
    items = list(ITEM.finditer(data))
    kept = [data[m.start():m.end()] for n, m in enumerate(items, start=1) if n in keep]
    return data[:items[0].start()] + b"\n".join(kept) + data[items[-1].end():]


def git_dir(args, repo):
    if args.mirror_root:
        base = os.path.join(args.mirror_root, repo.replace("/", "+"))
        for root, dirs, files in os.walk(base):
            if "HEAD" in files and "objects" in dirs:
                return root
        sys.exit("no git dir for %s under %s (fetch it first)" % (repo, args.mirror_root))
    target = os.path.join(args.cache_dir, repo.replace("/", "+") + ".git")
    if not os.path.isdir(target):
        subprocess.run(["git", "clone", "--bare", "--filter=blob:none", "https://github.com/" + repo, target], check=True)
    return target


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror-root")
    ap.add_argument("--cache-dir", default=os.path.expanduser("~/.cache/finwire-real-broken"))
    ap.add_argument("-o", "--out", default="data/real-broken-feeds")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    bad = 0
    for name, repo, commit, path, licence, sha, keep in FEEDS:
        data = subprocess.run(["git", "--git-dir", git_dir(args, repo), "show", "%s:%s" % (commit, path)],
                              check=True, capture_output=True).stdout
        if keep:
            data = trim(data, set(keep))
        got = hashlib.sha256(data).hexdigest()
        status = "ok" if got == sha else "HASH DIFFERS"
        bad += got != sha
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
        print("%-58s %-28s %s" % (name, repo, status))
    # The suite looks for the README to know the collection is there.
    readme = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Fixtures", "feeds", "real-broken", "README.md")
    with open(readme, "rb") as src, open(os.path.join(args.out, "README.md"), "wb") as dst:
        dst.write(src.read())
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
