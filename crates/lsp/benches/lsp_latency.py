#!/usr/bin/env python3
"""Latency of `crosscheck lsp` on the GVA corpus: from an edit in one
article to the diagnostics published for it (BENCHMARKS.md, section LSP).

    cargo build --release
    python3 crates/lsp/benches/lsp_latency.py [--corpus ../shared/corpora/gva] [--edits 200]

A temporary workspace links the corpus (6,224 articles, one story per
incident folder) and uses the GVA shootings rules of tests/corpora/gva.
The client speaks plain JSON-RPC over stdio (standard library only), so
the figures include framing, JSON and the pipe, as an editor sees them.
"""

import argparse
import json
import pathlib
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

# The workspace root: crates/lsp/benches/ is three folders below it.
REPO = pathlib.Path(__file__).resolve().parents[3]


class Server:
    def __init__(self, binary: pathlib.Path, cwd: pathlib.Path):
        self.process = subprocess.Popen([str(binary), "lsp"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put((time.perf_counter(), json.loads(stream.read(length))))

    def send(self, message: dict):
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            _, message = self.receive(60)
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def notify(self, method: str, params):
        self.send({"method": method, "params": params})

    def receive(self, timeout: float):
        item = self.inbox.get(timeout=timeout)
        if item is None:
            raise RuntimeError("the server exited")
        return item

    def drain(self, quiet: float) -> list:
        """Every message until none came for `quiet` seconds."""
        received = []
        while True:
            try:
                received.append(self.receive(quiet))
            except queue.Empty:
                return received


def open_document(server: Server, uri: str, text: str):
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    server.drain(0.2)


def timed_change(server: Server, uri: str, version: int, change: dict, settle: float) -> float:
    """Seconds from sending one change to the diagnostics published for `uri`."""
    sent = time.perf_counter()
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
    while True:
        at, message = server.receive(10)
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            server.drain(settle)
            return at - sent


def span(start: tuple, end: tuple) -> dict:
    return {"start": {"line": start[0], "character": start[1]}, "end": {"line": end[0], "character": end[1]}}


def percentile(values: list, fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(name: str, values: list) -> str:
    ms = [v * 1000 for v in values]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {percentile(ms, 0.95):.1f} | {max(ms):.1f} |"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=pathlib.Path, default=REPO.parent / "shared" / "corpora" / "gva")
    parser.add_argument("--binary", type=pathlib.Path, default=REPO / "target" / "release" / "crosscheck")
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")

    workspace = pathlib.Path(tempfile.mkdtemp(prefix="crosscheck-lsp-bench-"))
    try:
        (workspace / "gva").symlink_to(args.corpus.resolve())
        shutil.copy(REPO / "tests" / "corpora" / "gva" / "shootings.yaml", workspace / "shootings.yaml")
        (workspace / "crosscheck.yaml").write_text("sources: [gva]\nrules: [shootings.yaml]\nstories: folder\ndate_order: mdy\n")
        run(args, workspace)
    finally:
        shutil.rmtree(workspace)


def run(args, workspace: pathlib.Path):
    server = Server(args.binary, workspace)
    server.request("initialize", {"rootUri": workspace.as_uri(), "capabilities": {}})
    started = time.perf_counter()
    server.notify("initialized", {})
    first = server.receive(300)
    loaded = first[0] - started
    published = [first] + server.drain(2.0)
    # The line of each flagged article's first finding.
    flagged = [(m["params"]["uri"], m["params"]["diagnostics"][0]["range"]["start"]["line"]) for _, m in published if m["params"]["diagnostics"] and m["params"]["uri"].endswith(".md")]
    print(f"load: first diagnostics {loaded:.2f} s after `initialized`; {len(published)} files published", file=sys.stderr)

    # Edits that move a finding of a flagged article: one word typed at the
    # start of its line, then deleted, each awaited.
    typing = []
    articles = flagged[:: max(1, len(flagged) // max(1, args.edits // 2))][: args.edits // 2]
    for uri, line in articles:
        open_document(server, uri, pathlib.Path(uri[len("file://") :]).read_text(encoding="utf-8"))
        typing.append(timed_change(server, uri, 2, {"range": span((line, 0), (line, 0)), "text": "Today "}, 0.02))
        typing.append(timed_change(server, uri, 3, {"range": span((line, 0), (line, 6)), "text": ""}, 0.02))
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        server.drain(0.2)

    # A death toll changed and changed back in 404238 (four outlets): the
    # conflict appears and goes, in the edited article and in another.
    uri = (workspace / "gva" / "404238" / "abcnews.go.com--37c84c6d.md").as_uri()
    text = pathlib.Path(uri[len("file://") :]).read_text(encoding="utf-8")
    line = next(n for n, content in enumerate(text.split("\n")) if content.startswith("# He Took"))
    column = text.split("\n")[line].index("3 Dead")
    open_document(server, uri, text)
    toggling = []
    for version in range(2, 2 + 50):
        digit = "4" if version % 2 == 0 else "3"
        toggling.append(timed_change(server, uri, version, {"range": span((line, column), (line, column + 1)), "text": digit}, 0.02))

    # An article moved to another story by its front matter, and back: both
    # stories are judged again.
    uri, _ = flagged[0]
    open_document(server, uri, pathlib.Path(uri[len("file://") :]).read_text(encoding="utf-8"))
    moving = []
    for version in range(2, 2 + 20):
        inserting = version % 2 == 0
        change = {"range": span((1, 0), (1, 0) if inserting else (2, 0)), "text": "story: moved\n" if inserting else ""}
        moving.append(timed_change(server, uri, version, change, 0.05))

    # The slow path: the first statement of a `min_sources` claim in a story
    # that had none, and its removal. `unstated` spans stories, so the whole
    # corpus is judged again.
    rules_uri = (workspace / "shootings.yaml").as_uri()
    notes = next(d["message"] for _, m in published if m["params"]["uri"] == rules_uri for d in m["params"]["diagnostics"] if d.get("code") == "killed-stated/unstated")
    story = notes.split("stories: ", 1)[1].split(",")[0].strip()
    path = sorted((workspace / story).glob("*.md"))[0]
    uri = path.as_uri()
    lines = path.read_text(encoding="utf-8").split("\n")
    end = (len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2)
    open_document(server, uri, path.read_text(encoding="utf-8"))
    stating = []
    added = "\n\nThe man was shot and killed."
    for version in range(2, 2 + 20):
        adding = version % 2 == 0
        change = {"range": span(end, end if adding else (end[0] + 2, len(added) - 2)), "text": added if adding else ""}
        stating.append(timed_change(server, uri, version, change, 0.05))

    server.request("shutdown", None)
    server.notify("exit", None)
    server.process.wait(10)
    print("| edit | edits | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print(summary("a word typed or deleted in a flagged article", typing))
    print(summary("a death toll changed in 404238 (conflict appears or goes)", toggling))
    print(summary("`story:` added or removed in the front matter (two stories re-judged)", moving))
    print(summary("a first statement of a `min_sources` claim in its story, or its removal (unstated found again across stories)", stating))
    print(f"\nload: {loaded:.2f} s from `initialized` to the first diagnostics ({len(published)} files with findings)")


if __name__ == "__main__":
    main()
