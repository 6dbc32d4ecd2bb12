#!/usr/bin/env python3
"""Rebuilds pairs.jsonl, the labeled "same story?" set (see README.md).

    python3 build_pairs.py [--genfeeds PATH] [--gen-dir DIR] [--out pairs.jsonl]

Generated pairs: runs the benchmark generator (genfeeds.py --feeds 60 --items 30 --seed 3) into
--gen-dir unless it is already there, replays the generator's own loop (imported as a module, same RNG
streams) to learn which wire story every item reprints, parses the feed XML and cross-checks that every
item's title and link are the ones the replay predicts. Copy pairs and non-copy pairs are then read from
the XML as a reader sees them (title, link, plain text of the fullest body, pubDate in UTC).

Written pairs come from written.py (needs the `opencc` package for the traditional-character copies).
Deterministic: same inputs, same file.
"""
import argparse, datetime as dt, html, importlib.util, itertools, json, os, random, re, subprocess, sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
GEN_ARGS = dict(feeds=60, items=30, seed=3)

# ---------------------------------------------------------------- HTML -> plain text (as finwire's HTMLText)
BLOCKS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "dl", "hr"}
TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>")


def html_text(s):
    """Block elements break lines, other tags vanish, entities decode, lines are trimmed, blanks dropped."""
    out = TAG.sub(lambda m: "\n" if m.group(2).lower() in BLOCKS else "", s)
    out = html.unescape(out)
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", l).strip() for l in out.split("\n")]
    return "\n".join(l for l in lines if l)


# ---------------------------------------------------------------- dates
MON = {m: i + 1 for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}
CST = dt.timezone(dt.timedelta(hours=8))


def parse_date(s):
    s = s.strip()
    m = re.fullmatch(r"(?:\w{3}, )?(\d{1,2}) (\w{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|[+-]\d{4})", s)
    if m:
        d, mon, y, hh, mm, ss, z = m.groups()
        tz = dt.timezone.utc if z == "GMT" else dt.timezone(dt.timedelta(hours=int(z[:3]), minutes=int(z[0] + z[3:])))
        t = dt.datetime(int(y), MON[mon], int(d), int(hh), int(mm), int(ss or 0), tzinfo=tz)
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", s):  # CMS form, China time
        t = dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=CST)
    else:
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return t.astimezone(dt.timezone.utc)


def utc_iso(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- the generator
def load_gen(path):
    spec = importlib.util.spec_from_file_location("genfeeds", path)
    g = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(g)
    return g


def replay(g, N, M, seed):
    """The generator's main loop without rendering: per feed, per item, the wire story it reprints (or None).
    Mirrors genfeeds.main() call for call so the RNG streams stay in step."""
    lay = random.Random(f"{seed}/layout")
    n_atom, n_rdf = round(N * 0.2), round(N * 0.1)
    fmts = ["atom"] * n_atom + ["rdf"] * n_rdf + ["rss2"] * (N - n_atom - n_rdf)
    lay.shuffle(fmts)
    cjk = set(lay.sample(range(N), min(N, max(1, round(N * 0.05))) if N >= 2 else 0))
    pool_n = max(1, round(N * M * 0.15 / 3))
    pool = {}

    def wire(s):
        if s not in pool:
            r = random.Random(f"{seed}/story/{s}")
            d = g.story(r, f"w{s}")
            d["link"] = f"https://www.xinhua-finance.example.cn/2024/{s:06d}.html"
            d["t"] = g.EPOCH - dt.timedelta(minutes=r.randint(0, 60 * 24 * 14))
            pool[s] = d
        return pool[s]

    feeds = []
    for k in range(N):
        rng = random.Random(f"{seed}/feed/{k}")
        site = f"{g.SITES[k % len(g.SITES)]}{k}"
        host = f"news{k}.finance.example.cn"
        rng.choices(range(5), weights=[4, 2, 1, 1, 1]); rng.choices(range(3), weights=[6, 3, 1]); rng.randrange(3)
        items, seen, t = [], set(), g.EPOCH
        for j in range(M):
            t -= dt.timedelta(minutes=rng.randint(10, 180))
            if rng.random() < 0.15:
                for _ in range(8):
                    s = rng.randrange(pool_n)
                    if s not in seen:
                        break
                else:
                    s = None
                if s is not None:
                    seen.add(s)
                    w = wire(s)
                    title = g.alter(rng, w["title"], site)
                    wt = w["t"] + dt.timedelta(minutes=rng.randint(0, 360))
                    link = w["link"]
                    if rng.random() < 0.6:
                        link = f"https://{host}/news/2024/{k}_{j}.html"
                    items.append(dict(k=k, j=j, wire=s, title=title, link=link, t=wt, wire_title=w["title"],
                                      wire_link=w["link"], wire_t=w["t"]))
                    continue
            it = g.story(rng, f"{k}-{j}")
            items.append(dict(k=k, j=j, wire=None, title=it["title"], link=f"https://{host}/news/2024/{k}_{j}.html", t=t))
        feeds.append(dict(k=k, fmt=fmts[k], site=site, gb=k in cjk, items=items))
    return feeds


NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/", "rss1": "http://purl.org/rss/1.0/",
      "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}


def read_feed(path):
    raw = open(path, "rb").read()
    m = re.match(rb'<\?xml version="1.0" encoding="([^"]+)"\?>\n', raw)
    enc = m.group(1).decode()
    doc = raw[m.end():].decode(enc.lower())  # expat knows no GBK: decode first
    root = ET.fromstring(doc)
    out = []
    if root.tag == "rss":
        for it in root.iter("item"):
            body = it.findtext("content:encoded", namespaces=NS) or it.findtext("description") or ""
            out.append(dict(title=it.findtext("title"), link=it.findtext("link"), body=body, date=it.findtext("pubDate"),
                            guid=it.findtext("guid")))
    elif root.tag == f"{{{NS['atom']}}}feed":
        for e in root.findall("atom:entry", NS):
            link = e.find("atom:link[@rel='alternate']", NS).get("href")
            body = e.findtext("atom:content", namespaces=NS) or e.findtext("atom:summary", namespaces=NS) or ""
            out.append(dict(title=e.findtext("atom:title", namespaces=NS), link=link, body=body,
                            date=e.findtext("atom:published", namespaces=NS), guid=e.findtext("atom:id", namespaces=NS)))
    else:
        for it in root.findall("rss1:item", NS):
            out.append(dict(title=it.findtext("rss1:title", namespaces=NS), link=it.findtext("rss1:link", namespaces=NS),
                            body=it.findtext("rss1:description", namespaces=NS) or "",
                            date=it.findtext("dc:date", namespaces=NS), guid=it.get(f"{{{NS['rdf']}}}about")))
    return enc, out


def alteration(title, wire_title, site):
    if title == wire_title:
        return "unchanged"
    for name, f in [("【转载】", lambda t: "【转载】" + t), ("转：", lambda t: "转：" + t), ("｜site", lambda t: f"{t}｜{site}"),
                    ("colon", lambda t: t.replace("：", ":")), ("space-comma", lambda t: t.replace(" ", "，")),
                    ("（附全文）", lambda t: t + "（附全文）"), ("percent", lambda t: t.replace("%", "％"))]:
        if f(wire_title) == title:
            return name
    return "?"


def generated_pairs(gen_path, gen_dir):
    if not os.path.exists(os.path.join(gen_dir, "stats.json")):
        subprocess.run([sys.executable, gen_path, "--feeds", str(GEN_ARGS["feeds"]), "--items", str(GEN_ARGS["items"]),
                        "--seed", str(GEN_ARGS["seed"]), "--out", gen_dir, "--no-gzip"], check=True, stdout=subprocess.DEVNULL)
    g = load_gen(gen_path)
    feeds = replay(g, GEN_ARGS["feeds"], GEN_ARGS["items"], GEN_ARGS["seed"])
    stats = json.load(open(os.path.join(gen_dir, "stats.json")))
    # The replay must agree with what the generator wrote.
    n_synd = sum(1 for f in feeds for it in f["items"] if it["wire"] is not None)
    wires = {it["wire"] for f in feeds for it in f["items"] if it["wire"] is not None}
    assert n_synd == stats["syndicated_items"] and len(wires) == stats["wire_stories_used"], (n_synd, len(wires), stats)
    arts = []  # every item, as read from the XML, with its ground truth
    for f in feeds:
        enc, xitems = read_feed(os.path.join(gen_dir, f"feed{f['k']}.xml"))
        by_link = {x["link"]: x for x in xitems}
        assert len(by_link) == len(xitems) == len(f["items"])
        for it in f["items"]:
            x = by_link[it["link"]]
            assert x["title"] == it["title"], (f["k"], it["j"], x["title"], it["title"])
            t = parse_date(x["date"])
            assert t == it["t"], (x["date"], it["t"])
            arts.append(dict(
                art=dict(title=x["title"], link=x["link"], text=html_text(x["body"]), published=utc_iso(t), feed=f"feed{f['k']}"),
                wire=it["wire"], fmt=f["fmt"], enc=enc, k=f["k"], j=it["j"], site=f["site"], date_raw=x["date"],
                alter=alteration(it["title"], it["wire_title"], f["site"]) if it["wire"] is not None else None,
                wire_url=it["wire"] is not None and it["link"] == it["wire_link"]))
    return arts, stats


def pick_generated(arts):
    rng = random.Random("dedupe-fixture/1")
    by_wire = {}
    for a in arts:
        if a["wire"] is not None:
            by_wire.setdefault(a["wire"], []).append(a)
    pairs = []
    # Positives: copies of one wire story in two feeds. Prefer pairs that exercise something: a title
    # alteration on either side, differing links, a GB feed, two different feed formats.
    cands = []
    for s, copies in sorted(by_wire.items()):
        for x, y in itertools.combinations(copies, 2):
            score = (x["alter"] != "unchanged") + (y["alter"] != "unchanged") + (x["art"]["link"] != y["art"]["link"]) * 2 \
                + (x["enc"] != "UTF-8" or y["enc"] != "UTF-8") * 3 + (x["fmt"] != y["fmt"]) + rng.random()
            cands.append((score, s, x, y))
    cands.sort(key=lambda c: -c[0])
    per_story = {}
    chosen = []  # (story, copy x, copy y)
    for score, s, x, y in cands:  # at most 1 pair per wire story first, then a second round
        if per_story.get(s, 0) >= 1:
            continue
        per_story[s] = 1
        chosen.append((s, x, y))
    for score, s, x, y in cands:
        if len(chosen) >= 80:
            break
        if per_story[s] >= 2 or any(c[0] == s and c[1] is x and c[2] is y for c in chosen):
            continue
        per_story[s] += 1
        chosen.append((s, x, y))
    chosen = chosen[:80]
    for s, x, y in chosen:
        link = "same wire URL" if x["art"]["link"] == y["art"]["link"] else (
            "one wire URL, one own URL" if x["wire_url"] or y["wire_url"] else "two own URLs")
        pairs.append(dict(a=x["art"], b=y["art"], same_story=True, kind="gen-copy", source="generated",
                          notes=f"wire story {s}; titles: {x['alter']} / {y['alter']}; {link}; "
                                f"{x['fmt']}/{x['enc']} vs {y['fmt']}/{y['enc']}; body identical"))

    # Hard-ish generated negatives: two different stories whose titles come from the same template and
    # share most characters (title bigram Dice), e.g. two "N月末X贷款余额…" or two "XX银行落地X首笔…".
    def bigrams(t):
        t = re.sub(r"[\W_]", "", t)
        return {t[i:i + 2] for i in range(len(t) - 1)}

    def story_of(a):
        return ("w", a["wire"]) if a["wire"] is not None else ("i", a["k"], a["j"])

    reps = {}
    for a in arts:  # one article per story
        reps.setdefault(story_of(a), a)
    reps = list(reps.values())
    bg = [bigrams(a["art"]["title"]) for a in reps]
    sims = []
    for i in range(len(reps)):
        for j in range(i + 1, len(reps)):
            d = 2 * len(bg[i] & bg[j]) / (len(bg[i]) + len(bg[j]))
            if d >= 0.5:
                sims.append((d, i, j))
    sims.sort(key=lambda z: -z[0])
    used = set()
    for d, i, j in sims:
        if len([p for p in pairs if p["kind"] == "gen-template"]) >= 22:
            break
        if i in used or j in used:
            continue
        used |= {i, j}
        pairs.append(dict(a=reps[i]["art"], b=reps[j]["art"], same_story=False, kind="gen-template", source="generated",
                          notes=f"different generator stories, same title template (title bigram Dice {d:.2f})"))
    # Different generator stories that cite the same document number: the generator draws 银发〔2024〕N号
    # from 1..400 for every policy title, so unrelated stories collide on it.
    by_doc = {}
    for a in reps:
        m = re.search(r"银发〔2024〕\d+号", a["art"]["title"])
        if m:
            by_doc.setdefault(m.group(0), []).append(a)
    n = 0
    for doc, group in sorted(by_doc.items()):
        if n >= 12 or len(group) < 2:
            continue
        x, y = group[0], group[1]
        pairs.append(dict(a=x["art"], b=y["art"], same_story=False, kind="gen-same-docnum", source="generated",
                          notes=f"different generator stories that both cite {doc} (the generator draws the number at random)"))
        n += 1
    # Easy negatives: random unrelated stories.
    n = 0
    while n < 22:
        x, y = rng.sample(reps, 2)
        if story_of(x) == story_of(y):
            continue
        pairs.append(dict(a=x["art"], b=y["art"], same_story=False, kind="unrelated", source="generated",
                          notes="two unrelated generator stories"))
        n += 1
    return pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--genfeeds", default="/work/shared/bench/genfeeds.py")
    ap.add_argument("--gen-dir", default="/tmp/finwire-dedupe-gen")
    ap.add_argument("--out", default=os.path.join(HERE, "pairs.jsonl"))
    a = ap.parse_args()
    arts, stats = generated_pairs(a.genfeeds, a.gen_dir)
    gen = pick_generated(arts)
    sys.path.insert(0, HERE)
    import written
    wr = written.pairs()
    out = []
    for prefix, group in (("g", gen), ("w", wr)):
        for i, p in enumerate(group, 1):
            out.append(dict(id=f"{prefix}{i:03d}", a=p["a"], b=p["b"], same_story=p["same_story"], kind=p["kind"],
                            source=p["source"], notes=p["notes"]))
    with open(a.out, "w", encoding="utf-8") as f:
        for p in out:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"{a.out}: {len(out)} pairs ({len(gen)} generated, {len(wr)} written); generator stats {json.dumps(stats, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
