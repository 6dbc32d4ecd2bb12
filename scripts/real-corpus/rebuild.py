#!/usr/bin/env python3
"""Rebuild the real Chinese finance-news corpus (items.jsonl) from sources.json.

Every source in sources.json names a public GitHub repository, a pinned commit,
the files to read at that commit, an outlet name and a format.  For each source
this script reads the files straight out of git (no checkout needed), runs the
extractor for that format, applies the source's selection rules, and then the
global rules (drop empty titles, drop non-Chinese items, drop duplicate ids,
cap every outlet at `outlet_cap` items; with "exclude_before_cap": true at the
top level of the sources file, items of the --exclude-jsonl corpora and repeated
(outlet, normalized title) pairs are dropped before the caps).  Output is one JSON object per line:

    {"id", "source", "commit", "path", "outlet", "published", "url",
     "title", "text"}

id = first 16 hex chars of sha1(source + "\\n" + (url or guid or title) + "\\n" + title)

Where the git data comes from:
  --mirror-root DIR  use local bare/non-bare git dirs laid out as
                     DIR/<owner>+<name>/... (the layout the `fetch` tool makes)
  otherwise          `git clone --filter=blob:none --no-checkout` of
                     https://github.com/<owner>/<name> into --cache-dir

Only the Python 3 standard library and the `git` executable are used.

Example:
  python3 rebuild.py --mirror-root /work/.mirror -o /work/corpus/items.jsonl
"""

import argparse
import fnmatch
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_TEXT = 6000
CST = timezone(timedelta(hours=8))

# --------------------------------------------------------------------------
# git access
# --------------------------------------------------------------------------


def _is_git_dir(path):
    return (os.path.isfile(os.path.join(path, "HEAD"))
            and os.path.isdir(os.path.join(path, "objects")))


def find_mirror_git_dir(mirror_root, repo):
    """Locate the git dir for owner/name under mirror_root/owner+name/."""
    base = os.path.join(mirror_root, repo.replace("/", "+"))
    if not os.path.isdir(base):
        return None
    candidates = [base, os.path.join(base, ".git"),
                  os.path.join(base, "repo"), os.path.join(base, "repo", ".git")]
    for c in candidates:
        if os.path.isdir(c) and _is_git_dir(c):
            return c
    for dirpath, dirnames, _ in os.walk(base):
        if dirpath[len(base):].count(os.sep) > 4:
            dirnames[:] = []
            continue
        if _is_git_dir(dirpath):
            return dirpath
    return None


def clone_git_dir(cache_dir, repo, commit, url_template="https://github.com/{repo}"):
    """Blobless bare clone of https://github.com/<repo> into cache_dir (blobs are
    fetched lazily by `git show`); returns the git dir."""
    target = os.path.join(cache_dir, repo.replace("/", "+") + ".git")
    if not os.path.isdir(target):
        os.makedirs(cache_dir, exist_ok=True)
        subprocess.run(["git", "clone", "--bare", "--filter=blob:none",
                        url_template.format(repo=repo, owner_plus_name=repo.replace("/", "+")),
                        target], check=True)
    have = subprocess.run(["git", "--git-dir", target, "cat-file", "-e", commit + "^{commit}"],
                          capture_output=True)
    if have.returncode != 0:
        subprocess.run(["git", "--git-dir", target, "fetch", "--filter=blob:none",
                        "origin", commit], check=True)
    return target


class GitTree:
    """Read-only view of one commit of one repository."""

    def __init__(self, git_dir, commit):
        self.git_dir = git_dir
        self.commit = commit

    def _git(self, *args):
        return subprocess.run(["git", "--git-dir", self.git_dir] + list(args),
                              check=True, capture_output=True).stdout

    def list_files(self):
        out = self._git("ls-tree", "-r", "-z", "--name-only", self.commit)
        return [p for p in out.decode("utf-8").split("\0") if p]

    def read(self, path):
        return self._git("show", "%s:%s" % (self.commit, path)).decode("utf-8", "replace")


def resolve_paths(tree, spec):
    """spec['paths'] is a list of exact paths or glob patterns (fnmatch)."""
    pats = spec["paths"]
    if isinstance(pats, str):
        pats = [pats]
    files = None
    out = []
    for p in pats:
        if any(ch in p for ch in "*?["):
            if files is None:
                files = tree.list_files()
            out.extend(sorted(f for f in files if fnmatch.fnmatchcase(f, p)))
        else:
            out.append(p)
    seen = set()
    return [p for p in out if not (p in seen or seen.add(p))]


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------

_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"\s+")
_BLOCK_RE = re.compile(r"(?i)<\s*(br|/p|/div|/li|/h\d|hr)\b[^>]*>")


def clean_text(s, limit=MAX_TEXT):
    """Strip HTML / markdown decoration, unescape entities, collapse whitespace."""
    if not s:
        return ""
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = _BLOCK_RE.sub(" ", s)
    s = _TAG_RE.sub(" ", s)
    s = html.unescape(s)
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", s)          # markdown images
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)       # markdown links -> text
    s = s.replace("**", "").replace("\u3000", " ").replace("\xa0", " ")
    s = _WS_RE.sub(" ", s).strip()
    return s[:limit]


def cjk_count(s):
    return sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff")


def is_chinese(title, text):
    s = title + " " + text[:500]
    cjk = cjk_count(s)
    latin = sum(1 for ch in s if ch.isascii() and ch.isalpha())
    return cjk >= 8 and cjk >= latin * 0.5


def make_id(source, key, title):
    return hashlib.sha1((source + "\n" + key + "\n" + title).encode("utf-8")).hexdigest()[:16]


def rfc822_to_iso(s):
    s = (s or "").strip()
    if not s:
        return ""
    for fmt in ("%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z", "%d %b %Y %H:%M:%S %z"):
        try:
            d = datetime.strptime(s, fmt)
            if d.tzinfo is None:
                d = d.replace(tzinfo=timezone.utc)
            return d.isoformat()
        except ValueError:
            pass
    return ""


def item(title, text, url="", guid="", published=""):
    return {"title": clean_text(title, 500), "text": clean_text(text),
            "url": (url or "").strip(), "guid": (guid or "").strip(),
            "published": published or ""}


# --------------------------------------------------------------------------
# extractors: one per format.  Each gets (raw file text, path, spec) and
# returns a list of dicts made by item().
# --------------------------------------------------------------------------


def extract_rss(raw, path, spec):
    """RSS 2.0 (<channel><item>); tolerant of pretty-printed whitespace."""
    items = []
    try:
        root = ET.fromstring(raw.encode("utf-8"))
        nodes = root.iter("item")
        for node in nodes:
            def g(tag):
                el = node.find(tag)
                return (el.text or "").strip() if el is not None and el.text else ""
            desc = g("description") or g("{http://purl.org/rss/1.0/modules/content/}encoded")
            items.append(item(g("title"), desc, g("link"), g("guid"), rfc822_to_iso(g("pubDate"))))
        return items
    except ET.ParseError:
        pass
    for block in re.findall(r"(?s)<item\b.*?</item>", raw):
        def g(tag):
            m = re.search(r"(?s)<%s\b[^>]*>(.*?)</%s>" % (tag, tag), block)
            if not m:
                return ""
            v = m.group(1).strip()
            c = re.match(r"(?s)<!\[CDATA\[(.*)\]\]>$", v)
            return (c.group(1) if c else html.unescape(v)).strip()
        items.append(item(g("title"), g("description"), g("link"), g("guid"),
                          rfc822_to_iso(g("pubDate"))))
    return items


def extract_flash_jsonl(raw, path, spec):
    """Normalized news-flash JSONL (one object per line: title/content/datetime/...)."""
    items = []
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            continue
        d = json.loads(line)
        content = d.get("content") or d.get("brief") or ""
        title = (d.get("title") or "").strip()
        if not title:
            m = re.match(r"^【([^】]{2,80})】", content)
            title = m.group(1) if m else ""
        url = d.get("url") or d.get("shareurl") or ""
        guid = "%s:%s" % (d.get("source", ""), d.get("id", ""))
        items.append(item(title, content, url, guid, d.get("datetime", "")))
    return items


def extract_cctv_markdown(raw, path, spec):
    """新闻联播 daily transcript: '## 详细新闻' followed by '### <title>' sections."""
    m = re.search(r"(\d{8})\.md$", path)
    day = ""
    if m:
        day = datetime.strptime(m.group(1), "%Y%m%d").replace(hour=19, tzinfo=CST).isoformat()
    body = raw.split("## 详细新闻", 1)[-1]
    items = []
    for sec in re.split(r"(?m)^### ", body)[1:]:
        title, _, rest = sec.partition("\n")
        link = re.search(r"\[查看原文\]\((https?://[^)\s]+)\)", rest)
        rest = re.sub(r"\[查看原文\]\([^)]*\)", "", rest)
        rest = re.sub(r"^\s*\*\*央视网消息\*\*（新闻联播）：", "", rest.strip())
        items.append(item(title.strip(), rest, link.group(1) if link else "", "", day))
    return items


def extract_wind_breakfast(raw, path, spec):
    """Wind 陆家嘴财经早餐 blog post: '### <section>' then numbered '1、...' paragraphs.

    The digest has no per-item headline, so the title is the item's first
    sentence (up to the first 。；! ?), trimmed to 60 characters."""
    m = re.search(r"title:\s*陆家嘴财经早餐(\d{4})年(\d{1,2})月(\d{1,2})日", raw)
    day = ""
    if m:
        day = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), 7, 0,
                       tzinfo=CST).isoformat()
    items = []
    section = ""
    n = 0
    for line in raw.splitlines():
        s = line.strip()
        if s.startswith("### "):
            section = s[4:].strip()
            n = 0
            continue
        mm = re.match(r"^(?:\*\*)?(\d{1,2})、(.+)$", s)
        if not mm or not section:
            continue
        n += 1
        para = clean_text(mm.group(2))
        first = re.split(r"[。；;！？!?]", para, 1)[0]
        title = first[:60]
        # guid does not include the file name: the blog has a few duplicate
        # copies of the same day's post under different names
        guid = "wind-breakfast:%s#%s-%d" % (day[:10], section, n)
        items.append(item(title, para, "", guid, day))
    return items


def _sql_values(stmt):
    """Parse the first VALUES (...) tuple of an INSERT statement into a list."""
    i = stmt.lower().index("values") + 6
    i = stmt.index("(", i) + 1
    vals, n = [], len(stmt)
    while i < n:
        c = stmt[i]
        if c in " \t\r\n,":
            i += 1
        elif c == ")":
            break
        elif c == "'":
            i += 1
            buf = []
            while i < n:
                c = stmt[i]
                if c == "\\" and i + 1 < n:
                    nxt = stmt[i + 1]
                    buf.append({"n": "\n", "r": "\r", "t": "\t", "0": ""}.get(nxt, nxt))
                    i += 2
                elif c == "'" and i + 1 < n and stmt[i + 1] == "'":
                    buf.append("'")
                    i += 2
                elif c == "'":
                    i += 1
                    break
                else:
                    buf.append(c)
                    i += 1
            vals.append("".join(buf))
        else:
            j = i
            while j < n and stmt[j] not in ",)":
                j += 1
            tok = stmt[i:j].strip()
            vals.append(None if tok.lower() == "null" else tok)
            i = j
    return vals


def extract_policy_sql(raw, path, spec):
    """SQL dump of gov.cn policy documents: INSERT INTO ge_policy_raw (...) values (...)."""
    items = []
    for stmt in re.split(r"(?im)^(?=insert into )", raw):
        if not stmt.lower().startswith("insert into"):
            continue
        cols = [c.strip() for c in stmt[stmt.index("(") + 1:stmt.index(")")].split(",")]
        vals = _sql_values(stmt)
        if len(vals) < len(cols):
            continue
        row = dict(zip(cols, vals))
        body = row.get("html") or row.get("content") or ""
        # the page header table (索引号/主题分类/...) precedes the body; drop the
        # metadata table when the main content div is present
        mm = re.search(r'(?is)id="UCAP-CONTENT"[^>]*>(.*)', body)
        if mm:
            body = mm.group(1)
        url = row.get("crawl_url") or ""
        meta = " ".join(x for x in (row.get("release_office"), row.get("release_number")) if x)
        m2 = re.search(r"/content/(\d{4})-(\d{2})/(\d{2})/", url) or \
            re.search(r"/content/(\d{4})(\d{2})/content_", url)
        pub = ""
        if m2 and len(m2.groups()) == 3:
            pub = datetime(int(m2.group(1)), int(m2.group(2)), int(m2.group(3)), tzinfo=CST).isoformat()
        items.append(item(row.get("title") or "", (meta + " " + body) if meta else body, url, "", pub))
    return items


def extract_reuters_markdown(raw, path, spec):
    """Mirrored Reuters Chinese article: '### <title>' line, then HTML body."""
    lines = raw.splitlines()
    title = ""
    for ln in lines:
        if ln.startswith("### "):
            title = ln[4:].strip()
            break
    body = raw.split("\n", 1)[-1]
    body = re.sub(r"(?m)^-{3,}\s*$", " ", body)
    m = re.search(r"路透(?:[\u4e00-\u9fff]{2,4})?(\d{1,2})月(\d{1,2})日", clean_text(body, 300))
    pub = ""
    if m and spec.get("year"):
        pub = datetime(int(spec["year"]), int(m.group(1)), int(m.group(2)), tzinfo=CST).date().isoformat()
    rid = re.search(r"(id[A-Z0-9]+)\.md$", path)
    url = "https://cn.reuters.com/article/%s" % rid.group(1) if rid else ""
    return [item(title, body, url, "", pub)]


def _dig(obj, dotted):
    """obj['a']['b'] for dotted 'a.b'; '' returns obj itself."""
    for k in [k for k in (dotted or "").split(".") if k]:
        obj = obj.get(k) if isinstance(obj, dict) else None
    return obj


def _norm_published(v, tz_hint):
    """'2026-06-12 11:38' / '2026-06-12' / ISO 8601 -> ISO 8601; a naive time
    gets the spec's published_tz (e.g. '+08:00')."""
    v = (str(v) if v is not None else "").strip()
    if not v:
        return ""
    m = re.match(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?(.*)$", v)
    if m:
        tail = m.group(4).strip()
        if tail in ("Z", "z"):
            tail = "+00:00"
        iso = "%sT%s%s%s" % (m.group(1), m.group(2), m.group(3) or ":00", tail or tz_hint or "")
        try:
            return datetime.fromisoformat(iso).isoformat()
        except ValueError:
            return v
    if re.match(r"^\d{4}-\d{2}-\d{2}$", v):
        return v
    return v


def extract_json_records(raw, path, spec):
    """Generic JSON / JSONL records.  The spec names where the records are and
    which fields to read:
      records          dotted key of the list in a JSON document ('' = the
                       document is a list); omitted = the file is JSONL
      title_field      field holding the headline
      text_fields      fields joined (blank line between) into the text
      url_field, guid_field, published_field (optional)
      published_tz     offset for naive times, e.g. '+08:00'
      where            {field: regex}: keep a record only if every named
                       field's value matches (re.search)
      title_strip_regex  removed from the headline (re.sub), for UI residue
      single_record    true: the file (or the object at `records`) is one
                       JSON object, i.e. one record"""
    if spec.get("single_record"):
        obj = _dig(json.loads(raw), spec.get("records", ""))
        recs = [obj] if isinstance(obj, dict) else []
    elif "records" in spec:
        doc = json.loads(raw)
        recs = _dig(doc, spec["records"]) or []
    else:
        recs = [json.loads(ln) for ln in raw.splitlines() if ln.strip()]
    where = [(f, re.compile(rx)) for f, rx in sorted((spec.get("where") or {}).items())]
    strip = re.compile(spec["title_strip_regex"]) if spec.get("title_strip_regex") else None
    items = []
    for r in recs:
        if not isinstance(r, dict):
            continue
        if any(not rx.search(str(r.get(f) if r.get(f) is not None else "")) for f, rx in where):
            continue
        title = str(r.get(spec["title_field"]) or "")
        if strip:
            title = strip.sub("", title)
        parts = []
        for f in spec.get("text_fields", []):
            v = r.get(f)
            if isinstance(v, list):
                v = "\n".join(str(x) for x in v)
            if v:
                parts.append(str(v))
        text = "\n\n".join(parts)
        url = str(r.get(spec["url_field"]) or "") if spec.get("url_field") else ""
        guid = str(r.get(spec["guid_field"]) or "") if spec.get("guid_field") else ""
        pub = _norm_published(r.get(spec["published_field"]) if spec.get("published_field") else "",
                              spec.get("published_tz", ""))
        items.append(item(title, text, url, guid, pub))
    return items


def extract_hourly_news_markdown(raw, path, spec):
    """Hourly news-list digest (src/YYYY/MM/DD.md): '#### <title>', a
    '**来源：** <host>' line and '[阅读全文](<url>)'.  Headlines only; the
    same story repeats every hour (deduplicated by id).  The spec's
    url_regex keeps one site's links; title_strip_regex removes UI residue."""
    m = re.search(r"(\d{4})/(\d{2})/(\d{2})\.md$", path)
    day = "%s-%s-%s" % m.groups() if m else ""
    url_rx = re.compile(spec["url_regex"]) if spec.get("url_regex") else None
    strip = re.compile(spec["title_strip_regex"]) if spec.get("title_strip_regex") else None
    items = []
    for mm in re.finditer(r"(?m)^#### (.+)\n+\*\*来源：\*\*\s*(\S+)\s*\n+\[阅读全文\]\((\S+?)\)", raw):
        title, url = mm.group(1).strip(), mm.group(3)
        if url_rx and not url_rx.search(url):
            continue
        if strip:
            title = strip.sub("", title)
        items.append(item(title, "", url, "", day))
    return items


def extract_json_walk(raw, path, spec):
    """Nested JSON (e.g. a per-city policy database): every object anywhere in
    the document that has a non-empty title_field and url_field is an item.
      title_field, url_field          required
      text_fields, published_field    optional (read from the same object)
      title_strip_regex               removed from the headline (re.sub), for
                                      the compiler's notes such as '（xx转载）'"""
    doc = json.loads(raw)
    tf, uf = spec["title_field"], spec["url_field"]
    strip = re.compile(spec["title_strip_regex"]) if spec.get("title_strip_regex") else None
    items = []

    def walk(o):
        if isinstance(o, dict):
            t, u = o.get(tf), o.get(uf)
            if isinstance(t, str) and t.strip() and isinstance(u, str) and u.strip():
                title = strip.sub("", t).strip() if strip else t
                text = "\n\n".join(str(o[f]) for f in spec.get("text_fields", []) if o.get(f))
                pub = _norm_published(o.get(spec["published_field"]) if spec.get("published_field") else "",
                                      spec.get("published_tz", ""))
                items.append(item(title, text, u, "", pub))
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(doc)
    return items


def extract_html_links(raw, path, spec):
    """A generated page (README) listing headlines as <a href='URL'>TITLE</a>.
    Headlines only.  url_regex keeps one site's links; title_strip_regex
    removes decoration (bullets, '| 第N篇' counters)."""
    url_rx = re.compile(spec["url_regex"]) if spec.get("url_regex") else None
    strip = re.compile(spec["title_strip_regex"]) if spec.get("title_strip_regex") else None
    items = []
    for m in re.finditer(r"""(?is)<a\s[^>]*?href=['"]([^'"]+)['"][^>]*>(.*?)</a>""", raw):
        url, title = m.group(1).strip(), clean_text(m.group(2), 500)
        if url_rx and not url_rx.search(url):
            continue
        if strip:
            title = strip.sub("", title).strip()
        items.append(item(title, "", url, "", ""))
    return items


def extract_markdown_numbered_sections(raw, path, spec):
    """Scheduled news-board markdown: '### <source name> ...' headers, each
    followed by a numbered list '1. <headline> [marks] (MM-DD HH:MM)'.
    Headlines only.  section_regex selects the sections to read; the date is
    the file name's YYYY-MM-DD (the board's run day); guid is section + title
    so the same headline on later boards is one item."""
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", os.path.basename(path))
    day = "%s-%s-%s" % m.groups() if m else ""
    sec_rx = re.compile(spec["section_regex"])
    strip = re.compile(spec["title_strip_regex"]) if spec.get("title_strip_regex") else None
    items = []
    section = None
    for line in raw.splitlines():
        s = line.strip()
        if s.startswith("### "):
            section = s[4:].strip() if sec_rx.search(s[4:]) else None
            continue
        if s.startswith("## ") or s.startswith("---"):
            section = None
            continue
        mm = re.match(r"^\d{1,3}\.\s+(.+)$", s)
        if not section or not mm:
            continue
        title = mm.group(1).strip()
        if strip:
            title = strip.sub("", title).strip()
        key = sec_rx.search(section).group(0)
        items.append(item(title, "", "", "%s:%s" % (key, clean_text(title, 500)), day))
    return items


def extract_html_page(raw, path, spec):
    """A saved web page (e.g. an official statistics release) is one item.
      title_regex      re.search on the raw HTML; group 1 is the headline
      body_regex       optional; group 1 is the body (HTML, cleaned)
      published_regex  optional; group 1 is the date ('2026/08/09 09:30' or
                       '2026-08-09'), naive times get published_tz
      title_strip_regex  removed from the headline (re.sub)
    The page has no link of its own here; the id key is the headline."""
    m = re.search(spec["title_regex"], raw)
    if not m:
        return []
    title = html.unescape(m.group(1)).strip()
    if spec.get("title_strip_regex"):
        title = re.sub(spec["title_strip_regex"], "", title).strip()
    body = ""
    if spec.get("body_regex"):
        mb = re.search(spec["body_regex"], raw)
        body = mb.group(1) if mb else ""
    pub = ""
    if spec.get("published_regex"):
        mp = re.search(spec["published_regex"], raw)
        if mp:
            pub = _norm_published(mp.group(1).replace("/", "-"), spec.get("published_tz", ""))
    return [item(title, body, "", "", pub)]


EXTRACTORS = {
    "rss": extract_rss,
    "jsonl": extract_flash_jsonl,
    "markdown-cctv": extract_cctv_markdown,
    "markdown-wind": extract_wind_breakfast,
    "sql": extract_policy_sql,
    "markdown-reuters": extract_reuters_markdown,
    "json-records": extract_json_records,
    "markdown-hourly-news": extract_hourly_news_markdown,
    "json-walk": extract_json_walk,
    "html-links": extract_html_links,
    "markdown-numbered-sections": extract_markdown_numbered_sections,
    "html-page": extract_html_page,
}

# --------------------------------------------------------------------------
# selection
# --------------------------------------------------------------------------


def in_windows(published, windows):
    if not windows:
        return True
    if not published:
        return False
    try:
        d = datetime.fromisoformat(published)
    except ValueError:
        return False
    if d.tzinfo is None:
        d = d.replace(tzinfo=CST)
    for a, b in windows:
        if datetime.fromisoformat(a) <= d < datetime.fromisoformat(b):
            return True
    return False


def hash_key(it):
    return hashlib.sha1(it["id"].encode()).hexdigest()


def cap_select(items, cap, prefer_re=None, prefer_share=0.0):
    """Deterministic subset: up to prefer_share*cap items matching prefer_re,
    the rest by hash order; the result keeps the input order."""
    if cap is None or len(items) <= cap:
        return items
    ranked = sorted(items, key=hash_key)
    chosen = []
    if prefer_re and prefer_share > 0:
        rx = re.compile(prefer_re)
        quota = int(cap * prefer_share)
        chosen = [it for it in ranked if rx.search(it["title"] + " " + it["text"][:300])][:quota]
    ids = {it["id"] for it in chosen}
    for it in ranked:
        if len(chosen) >= cap:
            break
        if it["id"] not in ids:
            chosen.append(it)
            ids.add(it["id"])
    return [it for it in items if it["id"] in ids]


def norm_title(title):
    """Title key for repeat detection: NFKC, lower-case, no whitespace or punctuation."""
    t = unicodedata.normalize("NFKC", title or "").lower()
    return "".join(ch for ch in t if not (ch.isspace() or unicodedata.category(ch)[0] in "PS"))


def load_exclude(paths):
    """Ids, (title, text) pairs and (outlet, normalized title) pairs of the
    already rebuilt corpora given with --exclude-jsonl."""
    old_ids, old_texts, old_titles = set(), set(), set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    o = json.loads(line)
                    old_ids.add(o["id"])
                    old_texts.add((o["title"], o["text"]))
                    old_titles.add((o.get("outlet", ""), norm_title(o["title"])))
    return old_ids, old_texts, old_titles


def build(config, get_tree, log=print, drop=None):
    """drop: None, or the (ids, (title, text) pairs, (outlet, normalized
    title) pairs) of load_exclude().  When given (the sources file sets
    "exclude_before_cap": true), matching items are dropped as they are read,
    i.e. before max_items and the outlet cap, and a repeated (outlet,
    normalized title) is kept only once."""
    outlet_cap = config.get("outlet_cap", 400)
    outlet_rules = config.get("outlets", {})
    seen_ids = set()
    seen_titles = set()
    by_outlet = {}
    order = []
    for spec in config["sources"]:
        tree = get_tree(spec["repo"], spec["commit"])
        fmt = spec["format"]
        extractor = EXTRACTORS[fmt]
        include = re.compile(spec["include_regex"]) if spec.get("include_regex") else None
        exclude = re.compile(spec["exclude_regex"]) if spec.get("exclude_regex") else None
        n_raw = n_kept = n_excl = 0
        kept = []
        for path in resolve_paths(tree, spec):
            for it in extractor(tree.read(path), path, spec):
                n_raw += 1
                for marker in spec.get("strip_after", []):
                    it["text"] = it["text"].split(marker, 1)[0].strip()
                if not it["title"]:
                    continue
                if not is_chinese(it["title"], it["text"]):
                    continue
                if not in_windows(it["published"], spec.get("windows")):
                    continue
                probe = it["title"] + " " + it["text"][:400]
                if include and not include.search(probe):
                    continue
                if exclude and exclude.search(probe):
                    continue
                key = it["url"] or it["guid"] or it["title"]
                iid = make_id(spec["repo"], key, it["title"])
                if iid in seen_ids:
                    continue
                seen_ids.add(iid)
                if drop is not None:
                    tkey = (spec["outlet"], norm_title(it["title"]))
                    if (iid in drop[0] or (it["title"], it["text"]) in drop[1]
                            or tkey in drop[2] or tkey in seen_titles):
                        n_excl += 1
                        continue
                    seen_titles.add(tkey)
                kept.append({"id": iid, "source": spec["repo"], "commit": spec["commit"],
                             "path": path, "outlet": spec["outlet"],
                             "published": it["published"], "url": it["url"],
                             "title": it["title"], "text": it["text"]})
                n_kept += 1
        kept = cap_select(kept, spec.get("max_items"))
        if drop is None:
            log("%-45s %-8s %s raw=%d kept=%d -> %d" % (spec["repo"], spec["commit"][:8], fmt,
                                                       n_raw, n_kept, len(kept)))
        else:
            log("%-45s %-8s %s raw=%d excluded=%d kept=%d -> %d" % (
                spec["repo"], spec["commit"][:8], fmt, n_raw, n_excl, n_kept, len(kept)))
        if spec["outlet"] not in by_outlet:
            by_outlet[spec["outlet"]] = []
            order.append(spec["outlet"])
        by_outlet[spec["outlet"]].extend(kept)
    out = []
    for outlet in order:
        rule = outlet_rules.get(outlet, {})
        sel = cap_select(by_outlet[outlet], rule.get("cap", outlet_cap),
                         rule.get("prefer_regex"), rule.get("prefer_share", 0.0))
        log("outlet %-28s %d -> %d" % (outlet, len(by_outlet[outlet]), len(sel)))
        out.extend(sel)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Rebuild items.jsonl (real Chinese finance/regulator/local-government "
                    "news corpus) from sources.json, reading pinned commits of public "
                    "GitHub repositories.")
    ap.add_argument("-o", "--output", required=True, help="output JSONL path")
    ap.add_argument("--sources", default=os.path.join(HERE, "sources.json"),
                    help="sources.json (default: next to this script)")
    ap.add_argument("--mirror-root", help="directory with local git copies laid out as "
                    "<root>/<owner>+<name>/... (e.g. /work/.mirror); no network used")
    ap.add_argument("--cache-dir", default=os.path.expanduser("~/.cache/finwire-real-corpus"),
                    help="where blobless clones go when --mirror-root is not given")
    ap.add_argument("--clone-url", default="https://github.com/{repo}",
                    help="clone URL template ({repo} = owner/name, {owner_plus_name} = "
                    "owner+name); default https://github.com/{repo}")
    ap.add_argument("--only-repo", help="process only the sources of this owner/name "
                    "(for testing; outlet caps then apply to that subset)")
    ap.add_argument("--exclude-jsonl", action="append", default=[],
                    help="an already rebuilt corpus (e.g. the old items.jsonl); items whose id, "
                    "or whose title and text together, equal one of its items are dropped "
                    "(repeatable).  By default this happens after the outlet caps; a sources "
                    "file with top-level \"exclude_before_cap\": true drops them (and titles its "
                    "outlet already has there, and repeated titles within an outlet) before the caps")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)

    with open(args.sources, encoding="utf-8") as f:
        config = json.load(f)
    if isinstance(config, list):
        config = {"sources": config}

    if args.only_repo:
        config["sources"] = [s for s in config["sources"] if s["repo"] == args.only_repo]
    cache = {}

    def get_tree(repo, commit):
        if repo not in cache:
            gd = None
            if args.mirror_root:
                gd = find_mirror_git_dir(args.mirror_root, repo)
                if gd is None:
                    sys.exit("no local git dir for %s under %s" % (repo, args.mirror_root))
            else:
                gd = clone_git_dir(args.cache_dir, repo, commit, args.clone_url)
            cache[repo] = gd
        elif not args.mirror_root:
            clone_git_dir(args.cache_dir, repo, commit, args.clone_url)
        return GitTree(cache[repo], commit)

    log = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))
    exclude = load_exclude(args.exclude_jsonl) if args.exclude_jsonl else None
    if config.get("exclude_before_cap"):
        log("exclude_before_cap: excluded items and repeated (outlet, title) dropped before caps")
        items = build(config, get_tree, log,
                      drop=exclude if exclude is not None else (set(), set(), set()))
    else:
        items = build(config, get_tree, log)
    if args.exclude_jsonl:
        old_ids, old_texts = exclude[0], exclude[1]
        before = len(items)
        items = [it for it in items
                 if it["id"] not in old_ids and (it["title"], it["text"]) not in old_texts]
        log("dropped %d items already in %s" % (before - len(items), ", ".join(args.exclude_jsonl)))
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False, sort_keys=False) + "\n")
    log("wrote %d items to %s" % (len(items), args.output))


if __name__ == "__main__":
    main()
