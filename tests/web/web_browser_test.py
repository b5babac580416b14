"""The search page in a real headless Chromium, driven by Selenium: type a
query, filter by a facet, open a result in its report, follow the link to
the file at its page, see a malformed query's message; judgements and saved
queries pages; back and forward.  Saves screenshots into the folder
OFS_SCREENSHOTS names (docs/ to refresh the ones the docs show), else into
a temporary folder, so a test run leaves the checkout as it was.

Exits 77 (CTest: skipped) with the reason when Chromium, its driver or
Selenium cannot be started here.

usage: web_browser_test.py OFS_BINARY SOURCE_DIR"""
import json
import os
import shutil
import sys
import tempfile
import unittest
import urllib.parse

from ofs_server import Ofs, Server, TempDir, sample_report, shared_pdfs, wait_until

OFS_BINARY, SOURCE_DIR = sys.argv[1], sys.argv[2]
SKIP = 77
SCREENSHOTS = os.environ.get("OFS_SCREENSHOTS") or tempfile.mkdtemp(prefix="ofs-screenshots-")


def skip(reason):
    print(f"SKIPPED: browser tests need headless Chromium: {reason}", flush=True)
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError as error:
    skip(f"python3-selenium is not installed ({error}); scripts/install-deps.sh installs it")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def start_browser(profile):
    if not os.path.exists(CHROMIUM) or not os.path.exists(DRIVER):
        skip("chromium or chromedriver is not installed; scripts/install-deps.sh installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1360,1000"):
        options.add_argument(flag)
    try:
        return webdriver.Chrome(service=Service(DRIVER), options=options)
    except WebDriverException as error:
        skip(f"Chromium could not be started: {error.msg}")


class Page(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        root = cls.tmp.__enter__()
        cls.ofs = Ofs(OFS_BINARY, os.path.join(root, "db"))
        cls.pdfs = shared_pdfs(SOURCE_DIR, 8)
        # A later Wiltshire report, so that "latest report only" drops the 2012 sample.
        wiltshire = os.path.join(SOURCE_DIR, "..", "shared", "corpus", "ofsted-pdf", "80580_wiltshire",
                                 "children's services inspection - 01 september 2015.pdf")
        if cls.pdfs and os.path.exists(wiltshire):
            cls.pdfs.append(wiltshire)
        cls.ofs.run("--quiet", "index", sample_report(SOURCE_DIR), *cls.pdfs)
        saved = os.path.join(root, "saved.toml")
        cls.ofs.run("saved", "--saved-file", saved, "add", "oversight", '"management oversight"',
                    "--description", "Managers' oversight of casework")
        cls.ofs.run("saved", "--saved-file", saved, "add", "fostering", '"private fostering"',
                    "--grade", "inadequate", "--grade", "requires-improvement")
        cls.server = Server(cls.ofs, "--saved-file", saved)
        cls.browser = start_browser(os.path.join(root, "profile"))
        cls.browser.set_page_load_timeout(30)

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        cls.server.stop()
        cls.tmp.__exit__(None, None, None)

    # --- helpers -------------------------------------------------------------------------

    def open(self, path):
        self.browser.get(self.server.base + path)
        self.wait_ready()

    def ready_ticket(self):
        return self.browser.execute_script("return document.body.dataset.ready || ''")

    def wait_ready(self, previous=None):
        """Waits until the page has drawn a view (a newer one than `previous`)."""
        wait_until(lambda: self.ready_ticket() not in ("", previous), what="the page to draw")

    def act(self, action):
        """Runs `action` (a click, a key) and waits for the view it leads to."""
        before = self.ready_ticket()
        action()
        self.wait_ready(before)

    def find(self, css):
        return self.browser.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.browser.find_elements(By.CSS_SELECTOR, css)

    def params(self):
        return urllib.parse.parse_qs(urllib.parse.urlparse(self.browser.current_url).query, keep_blank_values=True)

    def totals(self):
        return self.find("#totals").text

    def facet_value(self, facet, value):
        return self.find(f'.facet-value[data-facet="{facet}"][data-value="{value}"]')

    def facet_count(self, facet, value):
        return int(self.facet_value(facet, value).find_element(By.CSS_SELECTOR, ".value-count").text
                   .split(" ")[0].replace(",", ""))

    def screenshot(self, name):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        self.browser.save_screenshot(os.path.join(SCREENSHOTS, name))

    def screenshot_whole_page(self, name, most=1800):
        """The page from its top, as tall as it is (up to `most` pixels)."""
        size = self.browser.get_window_size()
        self.browser.execute_script("window.scrollTo(0, 0)")
        height = self.browser.execute_script("return document.documentElement.scrollHeight")
        self.browser.set_window_size(size["width"], min(most, height + 140))
        try:
            self.screenshot(name)
        finally:
            self.browser.set_window_size(size["width"], size["height"])

    def type_query(self, text):
        box = self.find("#q")
        box.clear()
        box.send_keys(text)
        self.act(lambda: box.send_keys(Keys.ENTER))

    # --- the tests, in the order a person would go ----------------------------------------------

    def test_1_search_facets_and_report(self):
        self.open("/")
        self.assertIn("indexed", self.find(".welcome").text)
        self.type_query("management oversight")
        self.assertEqual(self.params()["q"], ["management oversight"])
        results = self.find_all(".result")
        self.assertGreater(len(results), 0)
        api = self.server.get_json("/api/search?" + urllib.parse.urlencode(
            {"q": "management oversight", "facets": "grade,authority"}))
        self.assertIn(f"{api['total']:,} paragraph", self.totals())
        self.assertEqual(len(results), min(10, api["total"]))
        marked = {m.text.lower() for m in self.find_all(".result mark")}
        self.assertTrue(marked and all(m.startswith(("manag", "oversight")) for m in marked), marked)

        # Click a grade: results and counts follow, the filter shows as a chip.
        grade = sorted(api["facets"]["grade"].items(), key=lambda kv: kv[1])[0][0]
        expected = api["facets"]["grade"][grade]
        self.act(lambda: self.facet_value("grade", grade).click())
        self.assertEqual(self.params()["grade"], [grade])
        self.assertIn(f"{expected:,} paragraph", self.totals())
        badges = [b.text.replace(" ", "-").lower() for b in self.find_all(".result .grade")]
        self.assertTrue(badges and all(b == grade for b in badges), badges)
        self.assertEqual(self.facet_value("grade", grade).get_attribute("aria-pressed"), "true")
        self.assertEqual(len(self.find_all(".chip")), 1)
        authority_counts = {a.get_attribute("data-value"): self.facet_count("authority", a.get_attribute("data-value"))
                            for a in self.find_all('.facet-value[data-facet="authority"]')}
        self.assertEqual(sum(authority_counts.values()), expected)

        # Other grades stay offered with their counts (OR within a facet).
        other = [g for g in api["facets"]["grade"] if g != grade][0]
        self.assertEqual(self.facet_count("grade", other), api["facets"]["grade"][other])
        self.act(lambda: self.facet_value("grade", other).click())
        self.assertIn(f"{expected + api['facets']['grade'][other]:,} paragraph", self.totals())
        self.act(lambda: self.browser.back())
        self.assertEqual(self.params()["grade"], [grade])
        self.assertIn(f"{expected:,} paragraph", self.totals())
        self.act(lambda: self.find(".chip").click())
        self.assertNotIn("grade", self.params())
        self.assertIn(f"{api['total']:,} paragraph", self.totals())
        self.act(lambda: self.browser.back())
        self.assertEqual(self.params()["grade"], [grade])
        self.act(lambda: self.browser.forward())
        self.assertNotIn("grade", self.params())
        self.act(lambda: self.browser.back())
        self.assertIn(f"{expected:,} paragraph", self.totals())
        self.screenshot("web-search.png")

        # A result opens in its report.
        first = self.find(".result .citation a")
        cited = first.text
        snippet = self.find(".result .snippet").text.strip("…").strip()[:40]
        self.act(first.click)
        self.assertEqual(urllib.parse.urlparse(self.browser.current_url).path, "/paragraph")
        self.assertIn(cited.split(" ¶")[0].split(" p.")[0], self.find(".report-head h1").text + " " + cited)
        self.assertIn(snippet.lower()[:20], self.find(".focus-text").text.lower())
        self.assertGreater(len(self.find_all(".neighbour")), 0)
        self.assertTrue(self.find(".judgements-panel").text.startswith("Judgements"))
        self.screenshot_whole_page("web-report.png")
        self.act(lambda: self.browser.back())
        self.assertEqual(self.params()["q"], ["management oversight"])

    def test_2_pdf_link_opens_the_file_at_the_page(self):
        if not self.pdfs:
            self.skipTest("the shared corpus of real reports is not beside the checkout (../shared/corpus)")
        self.open("/?" + urllib.parse.urlencode({"q": "children", "framework": "ilacs"}))
        self.act(lambda: self.find(".result .citation a").click())
        link = self.find("#open-file")
        href = link.get_attribute("href")
        page = json.loads(self.browser.execute_script("return JSON.stringify(location.search)"))
        self.assertRegex(href, r"/file/[^/#]+#page=\d+$")
        self.assertIn(f"page {href.rsplit('=', 1)[1]}", link.text)
        answer = self.browser.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0]).then(async r => done([r.status, r.headers.get('content-type'),
                new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))]));""", href)
        self.assertEqual(answer, [200, "application/pdf", "%PDF-"], page)
        handles = set(self.browser.window_handles)
        link.click()
        new = wait_until(lambda: set(self.browser.window_handles) - handles, what="the file to open")
        self.browser.switch_to.window(new.pop())
        wait_until(lambda: self.browser.current_url.startswith(self.server.base + "/file/"), what="the file's URL")
        self.assertEqual(self.browser.current_url, href)
        self.browser.close()
        self.browser.switch_to.window(handles.pop())

    def test_3_malformed_query_and_suggestion(self):
        self.open("/")
        self.type_query('"joint interviews')
        error = self.find("#query-error")
        self.assertIn("unbalanced quote", error.text)
        self.assertIn("character 1", error.text)
        self.assertEqual(self.find("#query-error mark").text, '"')
        self.type_query("police AND")
        self.assertIn("'AND' at character 8 needs a word or phrase after it", self.find("#query-error").text)
        self.type_query("safegaurding")
        suggestion = self.find(".suggestion a")
        self.assertEqual(suggestion.text, "safeguarding")
        self.act(suggestion.click)
        self.assertEqual(self.params()["q"], ["safeguarding"])
        self.assertGreater(len(self.find_all(".result")), 0)

    def test_4_history_filters_sort_group_and_pages(self):
        if not self.pdfs:
            self.skipTest("needs two reports of one authority: the shared corpus is not beside the checkout")
        self.open("/?" + urllib.parse.urlencode({"q": "children"}))
        total = self.totals()
        self.act(lambda: self.find('.history-filters input[name="latest"]').click())
        self.assertEqual(self.params()["latest"], ["1"])
        api = self.server.get_json("/api/search?" + urllib.parse.urlencode({"q": "children", "latest": "1"}))
        self.assertIn(f"{api['total']:,} paragraph", self.totals())
        self.assertNotEqual(total, self.totals())
        self.act(lambda: self.find("#group-by").click())
        self.assertEqual(self.params()["group_by"], ["report"])
        self.assertIn("report", self.totals())
        self.assertGreater(len(self.find_all(".report-hits")), 0)
        self.act(lambda: self.find("#group-by").click())
        self.act(lambda: self.find('#sort option[value="date"]').click())
        self.assertEqual(self.params()["sort"], ["date"])
        dates = [r["published"] for r in self.server.get_json("/api/search?" + urllib.parse.urlencode(
            {"q": "children", "latest": "1", "sort": "date"}))["results"]]
        self.assertEqual(dates, sorted(dates, reverse=True))
        first = self.find(".result .citation a").text
        self.act(lambda: self.find(".pager a").click())
        self.assertEqual(self.params()["offset"], ["10"])
        self.assertNotEqual(first, self.find(".result .citation a").text)
        self.assertEqual(self.find(".result-list").get_attribute("start"), "11")

    def test_5_judgements_table(self):
        self.open("/judgements")
        rows = self.find_all("#judgements-table tbody tr")
        reports = self.server.get_json("/api/judgements")
        self.assertEqual(len(rows), len(reports))
        self.act(lambda: self.find('#judgements-table thead th a[href*="sort=published"]').click())
        published = [r.find_elements(By.CSS_SELECTOR, "td")[1].text for r in self.find_all("#judgements-table tbody tr")]
        self.assertEqual(published, sorted(published))
        self.act(lambda: self.find('#judgements-table thead th a[href*="sort=published"]').click())
        self.assertEqual(self.params()["order"], ["desc"])
        self.assertEqual(self.find("#judgements-table tbody tr td:nth-of-type(2)").text, max(published))
        csv = self.find("#csv-link").get_attribute("href")
        status, content_type, body = self.server.get(urllib.parse.urlparse(csv).path + "?" + urllib.parse.urlparse(csv).query)
        self.assertEqual((status, content_type.split(";")[0]), (200, "text/csv"))
        self.assertEqual(body.decode().count("\r\n"), len(reports) + 1)
        self.act(lambda: self.find('#j-text').send_keys("Wiltshire", Keys.TAB))
        self.assertEqual(len(self.find_all("#judgements-table tbody tr")),
                         sum(r["authority"] == "Wiltshire" for r in reports))
        self.assertEqual(self.params()["find"], ["Wiltshire"])

    def test_6_saved_queries(self):
        self.open("/saved")
        rows = self.find_all("#saved-table tbody tr")
        self.assertEqual([r.find_element(By.CSS_SELECTOR, "th").text.split("\n")[0] for r in rows],
                         ["oversight", "fostering"])
        run = self.server.get_json("/api/saved/run?name=fostering&limit=0&group_by=report")
        cells = rows[1].find_elements(By.CSS_SELECTOR, "td")
        self.assertEqual([cells[2].text, cells[3].text],
                         [f"{run['total_paragraphs']:,}", f"{run['total']:,}"])
        self.act(lambda: rows[1].find_element(By.LINK_TEXT, "Run").click())
        self.assertEqual(self.params()["grade"], ["inadequate", "requires-improvement"])
        self.assertIn(f"{run['total_paragraphs']:,} paragraph", self.totals())

    def test_7_phone_width(self):
        self.browser.set_window_size(400, 900)
        try:
            self.open("/?" + urllib.parse.urlencode({"q": '"care leavers"'}))
            width = self.browser.execute_script("return document.documentElement.scrollWidth")
            self.assertLessEqual(width, 400)
            self.screenshot("web-phone.png")
        finally:
            self.browser.set_window_size(1360, 1000)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
