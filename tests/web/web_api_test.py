"""The JSON API of `ofs serve`, against a running server on 127.0.0.1:
status codes, the same JSON as `ofs … --format json`, filters, bad requests,
files served only as the index holds them, reads during `ofs index`.

usage: web_api_test.py OFS_BINARY SOURCE_DIR"""
import concurrent.futures
import json
import os
import shutil
import sys
import unittest
import urllib.parse

from ofs_server import Ofs, Server, TempDir, sample_report

OFS_BINARY, SOURCE_DIR = sys.argv[1], sys.argv[2]


def query(**params):
    return urllib.parse.urlencode(params, doseq=True)


class WebApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        root = cls.tmp.__enter__()
        cls.ofs = Ofs(OFS_BINARY, os.path.join(root, "db"))
        # A copy of the sample, so a test can turn the indexed file into a symbolic link.
        cls.reports = os.path.join(root, "reports")
        os.makedirs(cls.reports)
        cls.copy = os.path.join(cls.reports, "wiltshire copy.txt")
        shutil.copy(sample_report(SOURCE_DIR), cls.copy)
        # Reports are keyed by their bytes: one more line makes the copy a report of its own.
        with open(cls.copy, "a", encoding="utf-8") as f:
            f.write("\n")
        cls.ofs.run("index", sample_report(SOURCE_DIR), cls.copy)
        cls.saved = os.path.join(root, "saved.toml")
        for args in (["oversight", '"management oversight"'],
                     ["joint", '"joint interviews"', "--grade", "inadequate", "--facets", "grade"]):
            cls.ofs.run("saved", "--saved-file", cls.saved, "add", *args)
        cls.server = Server(cls.ofs, "--saved-file", cls.saved)
        cls.ids = {r["report"]: r["id"] for r in cls.ofs.json("reports")}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.__exit__(None, None, None)

    def cli_error(self, *args):
        result = self.ofs.run(*args, check=False)
        self.assertEqual(result.returncode, 2, result.stderr)
        return result.stderr.strip().removeprefix("ofs: ")

    def assert_bad_request(self, path, message, status_code=400):
        status, content_type, body = self.server.get(path)
        self.assertEqual(status, status_code, body)
        self.assertIn("application/json", content_type)
        self.assertEqual(json.loads(body)["error"], message)

    # --- the same JSON as the command line ------------------------------------------

    def test_search_is_ofs_search_format_json(self):
        cases = [
            ({"q": "Section 47 joint interviews", "grade": "inadequate", "facets": "grade,area,agency"},
             ["Section 47 joint interviews", "--grade", "inadequate", "--facets", "grade,area,agency"]),
            ({"q": "safeguarding", "group_by": "report", "facets": "grade", "limit": "3"},
             ["safeguarding", "--group-by", "report", "--facets", "grade", "--limit", "3"]),
            ({"q": "children", "sort": "report", "offset": "5", "limit": "4", "context": "1"},
             ["children", "--sort", "report", "--offset", "5", "--limit", "4", "--context", "1"]),
            ({"q": "S47", "agency": ["police", "health"], "latest": "1"},
             ["S47", "--agency", "police", "--agency", "health", "--latest"]),
            ({"q": "safegaurding"}, ["safegaurding"]),
            ({"q": "-excluded police"}, ["--", "-excluded police"]),
        ]
        for params, args in cases:
            with self.subTest(params=params):
                api = self.server.get_json("/api/search?" + query(**params))
                self.assertEqual(api, self.ofs.json("search", *args))
        api = self.server.get_json("/api/search?" + query(q="safegaurding"))
        self.assertEqual(api["total"], 0)
        self.assertEqual(api["suggestion"], "safeguarding")

    def test_results_carry_citation_fields_and_highlights(self):
        doc = self.server.get_json("/api/search?" + query(q="joint interviews", grade="inadequate"))
        first = doc["results"][0]
        for field in ("report", "report_id", "ordinal", "authority", "published", "para", "page", "section",
                      "grade", "agencies", "text", "snippet", "highlights", "score"):
            self.assertIn(field, first)
        marked = [first["snippet"][start:end].lower() for start, end in first["highlights"]]
        self.assertTrue(marked, first)
        self.assertTrue(all(word.startswith(("joint", "interview")) for word in marked), marked)

    def test_judgements_reports_and_saved_are_their_commands(self):
        self.assertEqual(self.server.get_json("/api/judgements"), self.ofs.json("judgements"))
        self.assertEqual(self.server.get_json("/api/judgements?history=1&authority=Wiltshire"),
                         self.ofs.json("judgements", "--history", "--authority", "Wiltshire"))
        status, content_type, body = self.server.get("/api/judgements?format=csv")
        self.assertEqual(status, 200)
        self.assertIn("text/csv", content_type)
        self.assertEqual(body, self.ofs.output_bytes("judgements", "--format", "csv"))
        self.assertEqual(self.server.get_json("/api/reports"), self.ofs.json("reports"))
        self.assertEqual(self.server.get_json("/api/saved"),
                         json.loads(self.ofs.run("saved", "--saved-file", self.saved, "list", "--format", "json").stdout))
        run = self.server.get_json("/api/saved/run?name=joint")
        self.assertEqual(run["facets"]["grade"], {"inadequate": run["total"]})
        self.assertTrue(all(r["grade"] == "inadequate" for r in run["results"]))
        self.assertEqual(self.server.get_json("/api/saved/run?name=joint&limit=2"),
                         json.loads(self.ofs.run("saved", "--saved-file", self.saved, "run", "joint", "--limit", "2",
                                                 "--format", "json").stdout))

    def test_the_server_writes_nothing(self):
        state = self.saved.replace(".toml", ".state.toml")
        db_files = [os.path.join(self.ofs.db, name) for name in sorted(os.listdir(self.ofs.db))]

        def snapshot():
            files = {}
            for path in (self.saved, state):
                if os.path.exists(path):
                    with open(path, "rb") as f:
                        files[path] = f.read()
            files.update({path: os.stat(path).st_mtime_ns for path in db_files})
            return files

        before = snapshot()
        for name in ("oversight", "joint"):
            self.assertGreater(self.server.get_json("/api/saved/run?name=" + name)["total"], 0)
        self.server.get_json("/api/saved")
        self.assertEqual(snapshot(), before)
        for method in ("POST", "PUT", "DELETE"):
            status, _, body = self.server.get("/api/search?q=police", method=method)
            self.assertEqual(status, 405, body)

    # --- filters ------------------------------------------------------------------------

    def test_filters_or_within_a_facet_and_across_facets(self):
        one = self.server.get_json("/api/search?" + query(q="children", grade="inadequate", limit="200"))
        self.assertGreater(one["total"], 0)
        self.assertTrue(all(r["grade"] == "inadequate" for r in one["results"]))
        both = self.server.get_json("/api/search?" + query(q="children", grade=["inadequate", "good"], limit="200",
                                                            facets="grade"))
        self.assertEqual(set(both["facets"]["grade"]), {"inadequate", "good"})
        self.assertGreater(both["total"], one["total"])
        police = self.server.get_json("/api/search?" + query(q="children", grade=["inadequate", "good"],
                                                              agency="police", limit="200"))
        self.assertLess(police["total"], both["total"])
        self.assertTrue(all("police" in r["agencies"] and r["grade"] in ("inadequate", "good")
                            for r in police["results"]))

    # --- bad requests ---------------------------------------------------------------------

    def test_bad_requests_get_the_command_line_message(self):
        self.assert_bad_request("/api/search?" + query(q='"joint interviews'),
                                self.cli_error("search", '"joint interviews'))
        self.assert_bad_request("/api/search?" + query(q="police", grade="excellent"),
                                self.cli_error("search", "police", "--grade", "excellent"))
        self.assert_bad_request("/api/search?" + query(q="police AND"), self.cli_error("search", "police AND"))
        self.assert_bad_request("/api/search", self.cli_error("search"))
        self.assert_bad_request("/api/search?" + query(q="police", since="2024-13-01"),
                                self.cli_error("search", "police", "--since", "2024-13-01"))
        self.assert_bad_request("/api/search?" + query(q="police", facets="colour"),
                                self.cli_error("search", "police", "--facets", "colour"))
        status, _, body = self.server.get("/api/search?" + query(q="police", sort="alphabetical"))
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["error"], "unknown sort 'alphabetical'; valid values: relevance, date, report")
        status, _, body = self.server.get("/api/search?" + query(q="police", colour="red"))
        self.assertEqual(status, 400)
        message = json.loads(body)["error"]
        self.assertTrue(message.startswith("unknown parameter 'colour'; parameters are q, grade, area,"), message)
        for name in ("group_by", "latest", "declined", "improved", "since", "facets", "offset"):
            self.assertIn(name, message)
        self.assert_bad_request("/api/search?" + query(q="police", latest="maybe"),
                                "parameter 'latest' is a switch: give latest=1 or leave it out")
        self.assert_bad_request("/api/saved/run?name=nothing",
                                f"no saved query 'nothing' in {self.saved}; 'ofs saved list' shows the saved queries", 404)

    def test_caps_on_query_length_and_limit(self):
        self.assert_bad_request("/api/search?" + query(q="police", limit="1000"),
                                "limit 1000 is over this server's cap of 200; page with offset")
        self.assert_bad_request("/api/search?" + query(q="police " * 200),
                                "the query is 1399 characters long; this server takes at most 1000")
        status, _, _ = self.server.get("/api/search?q=" + "a" * 20000)
        self.assertIn(status, (400, 414))
        self.assertEqual(self.server.get("/api/search?q=police")[0], 200)  # still serving

    def test_the_page_loads_nothing_from_elsewhere(self):
        for path in ("/", "/app.js", "/app.css", "/judgements", "/paragraph", "/saved"):
            with self.subTest(path=path):
                status, content_type, body = self.server.get(path)
                self.assertEqual(status, 200)
                text = body.decode()
                self.assertNotRegex(text, r"(src|href)\s*=\s*[\"']?(https?:)?//")
                self.assertNotRegex(text, r"@import|url\(\s*['\"]?(https?:)?//|fetch\(['\"]https?:")
        status, _, body = self.server.get("/")
        self.assertIn(b'<script src="/app.js"', body)

    def test_other_hosts_and_unknown_paths(self):
        status, _, _ = self.server.get("/api/search?q=police", headers={"Host": "attacker.example:80"})
        self.assertEqual(status, 403)
        self.assertEqual(self.server.get("/api/nothing")[0], 404)
        self.assertEqual(self.server.get("/no/such/page")[0], 404)

    # --- a paragraph in its report; files -------------------------------------------------

    def test_paragraph_has_neighbours_judgements_and_file(self):
        hit = self.server.get_json("/api/search?" + query(q="joint interviews", grade="inadequate", sort="report"))
        p57 = next(r for r in hit["results"] if r["para"] == 57)
        doc = self.server.get_json("/api/paragraph?" + query(report=p57["report_id"], ordinal=p57["ordinal"],
                                                             context=2))
        paragraph = doc["paragraph"]
        self.assertEqual(paragraph["para"], 57)
        self.assertEqual(paragraph["section"], "Safeguarding services › Leadership and management")
        self.assertEqual(paragraph["text"], p57["text"])
        self.assertEqual([n["ordinal"] for n in paragraph["context"]["before"]],
                         [p57["ordinal"] - 2, p57["ordinal"] - 1])
        self.assertEqual([n["ordinal"] for n in paragraph["context"]["after"]],
                         [p57["ordinal"] + 1, p57["ordinal"] + 2])
        self.assertEqual(doc["report"]["authority"], "Wiltshire")
        self.assertEqual(doc["report"]["judgements"]["overall"], "inadequate")
        self.assertEqual(doc["file"], "/file/" + p57["report_id"])
        status, content_type, body = self.server.get(doc["file"])
        self.assertEqual(status, 200)
        self.assertIn("text/plain", content_type)
        self.assertIn(p57["text"][:60], body.decode())
        self.assertEqual(self.server.get("/api/paragraph?" + query(report=p57["report_id"], ordinal=9999))[0], 404)
        self.assertEqual(self.server.get("/api/paragraph?" + query(report="nope", ordinal=1))[0], 400)

    def test_only_indexed_files_are_served(self):
        for path in ("/file/../../../../etc/passwd", "/file/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                     "/file/%2e%2e/%2e%2e/etc/passwd", "/../../../../etc/passwd", "/app.js/../../etc/passwd",
                     "/file/" + urllib.parse.quote(self.copy, safe=""), "/file/"):
            with self.subTest(path=path):
                status, _, body = self.server.get(path)
                self.assertIn(status, (400, 404), body[:200])
                self.assertNotIn(b"root:", body)

    def test_a_file_replaced_by_a_symbolic_link_is_refused(self):
        report_id = self.ids[self.copy]
        self.assertEqual(self.server.get("/file/" + report_id)[0], 200)
        os.rename(self.copy, self.copy + ".moved")
        os.symlink("/etc/passwd", self.copy)
        try:
            status, _, body = self.server.get("/file/" + report_id)
            self.assertEqual(status, 404)
            self.assertNotIn(b"root:", body)
            self.assertIn("not there as a plain file", json.loads(body)["error"])
        finally:
            os.remove(self.copy)
            os.rename(self.copy + ".moved", self.copy)

    # --- many readers while the index is rewritten ----------------------------------------------

    def test_readers_follow_the_index_to_its_compacted_generation(self):
        def stub():
            with open(os.path.join(self.ofs.db, "XAPIANDB"), encoding="utf-8") as f:
                return f.read()

        self.assertEqual(self.server.get_json("/api/search?" + query(q="=zebra"))["total"], 0)
        before = stub()
        extra = os.path.join(self.tmp.path, "zebra.txt")
        para57 = "57. Leadership and management of safeguarding services are inadequate."
        with open(sample_report(SOURCE_DIR), encoding="utf-8") as f:
            text = f.read()
        self.assertIn(para57, text)
        with open(extra, "w", encoding="utf-8") as f:
            f.write(text.replace(para57, para57 + " A zebra crossing was reviewed."))
        try:
            # A third report grows the index past its compaction threshold.
            self.ofs.run("--quiet", "index", extra)
            self.assertNotEqual(stub(), before, "the run did not switch generation")
            self.assertEqual(self.server.get_json("/api/search?" + query(q="=zebra"))["total"], 1)
        finally:
            self.ofs.run("--quiet", "remove", extra)
        self.assertEqual(self.server.get_json("/api/search?" + query(q="=zebra"))["total"], 0)


    def test_requests_are_answered_while_ofs_index_commits(self):
        expected = self.server.get_json("/api/search?" + query(q="joint interviews", facets="grade"))
        paths = ["/api/search?" + query(q="joint interviews", facets="grade")] * 120

        def fetch(path):
            status, _, body = self.server.get(path)
            return status, json.loads(body)

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            answers = pool.map(fetch, paths)
            for _ in range(3):  # each run replaces the sample's documents in one commit
                self.ofs.run("--quiet", "index", sample_report(SOURCE_DIR))
            answers = list(answers)
        self.assertTrue(all(status == 200 for status, _ in answers), [a for a in answers if a[0] != 200][:2])
        self.assertTrue(all(doc["total"] == expected["total"] for _, doc in answers))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
