#!/usr/bin/env python3
"""The live view in a real browser: Debian's headless Chromium loads finwire serve's pages over the demo
database and checks what a reader sees. Exit 1 on any failure; exit 0 with "skipped" when no chromium.

    python3 scripts/check-live-view.py [.build/release/finwire] [--screenshots DIR]

Checks: the list page loads with no console message (a CSP violation, a script error or a failed load
would be one), a region filter narrows the list, and a story page marks the tag evidence in its text.
"""
import os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:]]
shots = None
if "--screenshots" in args:
    i = args.index("--screenshots"); shots = args[i + 1]; del args[i:i + 2]
finwire = os.path.abspath(args[0]) if args else os.path.join(root, ".build/release/finwire")
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("check-live-view: skipped (no chromium; apt-get install chromium)")
    sys.exit(0)

work = tempfile.mkdtemp()
demo = os.path.join(root, "examples/demo")
config = os.path.join(work, "config.json")
# The demo's configuration, with its database in the temporary folder and its file: feeds still found.
text = open(os.path.join(demo, "config.json"), encoding="utf-8").read()
text = re.sub(r'"database":\s*"[^"]*"', '"database": "%s"' % os.path.join(work, "demo.sqlite"), text)
text = re.sub(r'"url":\s*"file:(?!/)([^"]*)"', lambda m: '"url": "file:%s"' % os.path.join(demo, m.group(1)), text)
open(config, "w", encoding="utf-8").write(text)
subprocess.run([finwire, "fetch", "--config", config], check=True, stdout=subprocess.DEVNULL)

with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
server = subprocess.Popen([finwire, "serve", "--config", config, "--listen", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
failures = []
try:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/feeds", timeout=1); break
        except Exception:
            time.sleep(0.1)

    def load(path, shot=None):
        """The DOM Chromium built, and every console line it logged."""
        profile = tempfile.mkdtemp()
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
               f"--user-data-dir={profile}", "--window-size=1280,1400"]
        cmd += [f"--screenshot={shot}"] if shot else ["--dump-dom"]
        r = subprocess.run(cmd + [base + path], capture_output=True, text=True, timeout=60)
        console = [l for l in r.stderr.splitlines() if "CONSOLE" in l or "Refused to" in l]
        return r.stdout, console

    dom, console = load("/")
    items = dom.count('<a class="title"')
    if items == 0: failures.append("the list page shows no stories")
    if console: failures.append("console messages on /: " + " | ".join(console))
    narrowed, console2 = load("/?region=%E5%9B%9B%E5%B7%9D")
    n2 = narrowed.count('<a class="title"')
    if not (0 < n2 < items): failures.append(f"region=四川 did not narrow the list ({items} → {n2})")
    if console2: failures.append("console messages on the filtered page: " + " | ".join(console2))
    tree, console4 = load("/regions")
    if '<a href="/?region=510100">成都市</a>' not in tree: failures.append("/regions does not list 成都市 under 四川")
    if console4: failures.append("console messages on /regions: " + " | ".join(console4))
    if '<a href="/?region=510100">成都市</a>' not in narrowed: failures.append("region=四川 does not offer its cities")
    ids = re.findall(r'href="/stories/(-?\d+)"', dom)
    marked = None
    for i in ids:
        page, console3 = load(f"/stories/{i}")
        if console3: failures.append(f"console messages on /stories/{i}: " + " | ".join(console3))
        if "<mark>" in page:
            marked = i; break
    if marked is None: failures.append("no story page marks its evidence")
    if shots:
        os.makedirs(shots, exist_ok=True)
        load("/", os.path.join(shots, "list.png"))
        load("/?region=%E5%9B%9B%E5%B7%9D", os.path.join(shots, "region.png"))
        load("/regions", os.path.join(shots, "regions.png"))
        if marked: load(f"/stories/{marked}", os.path.join(shots, "story.png"))
    print(f"check-live-view: list {items} stories, region=四川 {n2}, evidence marked on /stories/{marked}, "
          f"console messages: {len(console) + len(console2)}")
finally:
    server.terminate(); server.wait()
if failures:
    print("check-live-view: FAILED\n  " + "\n  ".join(failures)); sys.exit(1)
print("check-live-view: ok")
