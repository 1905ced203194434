"""The course's JSON Schema in a real editor back end: yaml-language-server (the one VS Code's YAML extension runs,
pinned in package.json), spoken to over LSP on stdio. A trainer typing in course.yaml gets the keys completed, each
with its description, in the course's language (the schema `new` writes)."""
from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT
from scorm_builder.cli import main

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
pytestmark = pytest.mark.skipif(not SERVER.exists() or not shutil.which("node"),
                                reason="yaml-language-server is installed by `npm ci` (make test)")


class Lsp:
    """A minimal LSP client: JSON-RPC messages with Content-Length headers over the server's stdin/stdout."""

    def __init__(self, root: Path):
        self.proc = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=root)
        self.next_id, self.replies, self.lock = 0, {}, threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
            "textDocument": {"completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}}}},
            "workspaceFolders": [{"uri": root.as_uri(), "name": "course"}]})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": {
            "validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}}})

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while (line := out.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            if not line:
                return
            msg = json.loads(out.read(int(headers["content-length"])))
            if "id" in msg and "method" in msg:  # a request from the server (configuration, ...): answer it
                self._send({"jsonrpc": "2.0", "id": msg["id"], "result": [{"validate": True, "completion": True}]
                            if msg["method"] == "workspace/configuration" else None})
            elif "id" in msg:
                with self.lock:
                    self.replies[msg["id"]] = msg
                    self.lock.notify_all()

    def _send(self, msg: dict) -> None:
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 30) -> dict:
        self.next_id += 1
        rid = self.next_id
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with self.lock:
            assert self.lock.wait_for(lambda: rid in self.replies, timeout), f"no reply to {method}"
            reply = self.replies.pop(rid)
        assert "error" not in reply, reply
        return reply["result"]

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def documentation(item: dict) -> str:
    doc = item.get("documentation") or ""
    return doc.get("value", "") if isinstance(doc, dict) else doc


@pytest.mark.parametrize("lang, words", [("fr", "un fichier contenant le quiz final"),
                                         ("en", "a file holding the final quiz")])
def test_completion_in_course_yaml_shows_the_keys_with_their_descriptions(tmp_path, lang, words):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "c"), "--language", lang])
    assert result.exit_code == 0, result.output
    course = tmp_path / "c"
    text = (course / "course.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=course.schema.json")
    text += "\nass"  # the trainer starts typing a key at the end of the file
    uri = (course / "course.yaml").as_uri()
    lsp = Lsp(course)
    try:
        lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                             "text": text}})
        lines = text.split("\n")
        found = lsp.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                        "position": {"line": len(lines) - 1, "character": 3}})
    finally:
        lsp.close()
    items = found["items"] if isinstance(found, dict) else found
    by_label = {i["label"]: i for i in items}
    assert "assessment" in by_label, sorted(by_label)
    assert words in documentation(by_label["assessment"]).lower() or words in by_label["assessment"].get("detail", "").lower(), \
        by_label["assessment"]
