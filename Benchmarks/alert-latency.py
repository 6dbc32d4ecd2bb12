#!/usr/bin/env python3
"""Time from a served feed changing to the webhook receiving its alert, with `finwire run` polling the
feed every minute (issue 16's measure).

One loopback HTTP server serves the feed and receives the webhook. Each round adds one item to the feed;
the figure is the time from the server answering the daemon's fetch of the changed feed (the pass that
sees it) to the webhook's arrival, and from the change itself (which includes waiting for the next poll).

    python3 Benchmarks/alert-latency.py .build/release/finwire [ROUNDS]
"""
import http.server, json, os, subprocess, sys, tempfile, threading, time

finwire = os.path.abspath(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
lock = threading.Lock()
items = []           # (guid, title)
version = 0          # bumped on each change
served = {}          # version -> time the changed feed was first served with status 200
changed = {}         # version -> time of the change
received = {}        # title -> time the webhook arrived

def feed_xml():
    body = "".join(
        f"<item><guid isPermaLink=\"false\">{g}</guid><title>{t}</title><link>https://example.cn/{g}.html</link>"
        f"<description>浙江省金融监管局印发通知，支持山区26县普惠小微贷款增长，第{g}号。</description></item>"
        for g, t in items)
    return f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>{body}</channel></rss>".encode()

class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        with lock:
            v, data = version, feed_xml()
            etag = f'"v{v}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304); self.send_header("ETag", etag); self.end_headers(); return
            served.setdefault(v, time.time())
        self.send_response(200); self.send_header("ETag", etag); self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0)); body = json.loads(self.rfile.read(n))
        with lock: received.setdefault(body["story"]["title"], time.time())
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()

srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
threading.Thread(target=srv.serve_forever, daemon=True).start()
port = srv.server_address[1]
d = tempfile.mkdtemp()
cfg = {"database": "d.sqlite", "feeds": [{"id": "zj", "url": f"http://127.0.0.1:{port}/feed.xml", "interval": 60}],
       "watches": [{"id": "zj", "filter": {"region": "浙江"}, "deliver": [{"type": "webhook", "url": f"http://127.0.0.1:{port}/hook"}]}]}
json.dump(cfg, open(f"{d}/config.json", "w"))
with lock:
    items.append(("seed", "初始条目：浙江省金融工作会议召开")); version = 1
daemon = subprocess.Popen([finwire, "run", "--config", f"{d}/config.json", "--log-level", "error"])
try:
    time.sleep(5)  # the first pass stores (and alerts) the seed item
    results = []
    for r in range(rounds):
        title = f"浙江省山区26县金融支持措施第{r}轮"
        time.sleep(7 + 11 * r % 37)  # changes land at different points of the minute
        with lock:
            items.append((f"r{r}", title)); version += 1; v = version; changed[v] = time.time()
        while title not in received:
            time.sleep(0.05)
        with lock:
            after_pass = received[title] - served[v]; after_change = received[title] - changed[v]
        results.append((after_pass, after_change))
        print(f"round {r}: alert {after_pass:.2f} s after the pass fetched the change, {after_change:.1f} s after the change", flush=True)
    ps = sorted(a for a, _ in results)
    print(f"after the pass: median {ps[len(ps)//2]:.2f} s, max {ps[-1]:.2f} s over {len(ps)} rounds (goal < 5 s)")
finally:
    daemon.terminate(); daemon.wait()
