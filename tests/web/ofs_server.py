"""Helpers for the web tests: run the ofs binary, build a small index, and
start `ofs serve` on a free loopback port (the server prints its address)."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


class Ofs:
    def __init__(self, binary, db):
        self.binary = binary
        self.db = db

    def run(self, *args, check=True):
        result = subprocess.run([self.binary, "--db", self.db, *args], capture_output=True, text=True, timeout=600)
        if check and result.returncode not in (0, 1):
            raise AssertionError(f"ofs {' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result

    def json(self, command, *args):
        """The command's --format json output (the option goes first: a query may follow "--")."""
        return json.loads(self.run(command, "--format", "json", *args).stdout)

    def output_bytes(self, *args):
        """Stdout exactly as written (CSV ends its lines with CRLF)."""
        return subprocess.run([self.binary, "--db", self.db, *args], capture_output=True, timeout=600).stdout


class Server:
    """`ofs serve --port 0` in the background; stopped by stop() or on exit."""

    def __init__(self, ofs, *extra):
        self.process = subprocess.Popen([ofs.binary, "--db", ofs.db, "serve", "--port", "0", *extra],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        match = re.match(r"(http://127\.0\.0\.1:\d+)/", line)
        if not match:
            self.process.kill()
            raise AssertionError(f"ofs serve printed {line!r}, stderr: {self.process.stderr.read()}")
        self.base = match.group(1)

    def get(self, path, headers=None, method="GET"):
        """(status, content type, body bytes) for a request to the server."""
        request = urllib.request.Request(self.base + path, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()

    def get_json(self, path, expect=200):
        status, _, body = self.get(path)
        if status != expect:
            raise AssertionError(f"GET {path}: {status} (expected {expect}): {body[:300]!r}")
        return json.loads(body)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def sample_report(source_dir):
    return os.path.join(source_dir, "corpus", "wiltshire-2012-safeguarding-and-looked-after-children.txt")


def shared_pdfs(source_dir, count):
    """Up to `count` real reports from ../shared/corpus, spread over the years; [] when absent."""
    folder = os.path.join(source_dir, "..", "shared", "corpus", "ofsted-pdf")
    if not os.path.isdir(folder):
        return []
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names
                   if name.lower().endswith(".pdf"))
    step = max(1, len(files) // count)
    return files[::step][:count]


class TempDir:
    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="ofs-web-test-")
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def wait_until(condition, timeout=20, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
