#!/usr/bin/env python3
"""Scores ofs's paragraph tags against the hand-checked set in tests/gold/paragraphs.tsv.

For every gold paragraph it finds the ofs document holding the paragraph's opening words and compares,
field by field: paragraph found, printed number, start page, end page, section path (whole and innermost
heading), judgement area, grade and the exact agency set; for the non-body items (back covers, team lists,
footnotes…) it checks that they are not indexed at all. Figures are printed per split (train, holdout,
all), followed by the most common disagreements and the list of misses.

Usage:
  scripts/eval-tags.py [--ofs PATH] [--db DIR] [--corpus DIR] [--gold FILE] [--format text|json]
  scripts/eval-tags.py --check-gold [--corpus DIR]

--db takes an existing index; without it the corpus is indexed into a temporary folder first.
--check-gold needs no ofs: it checks the set itself (canonical values, whole reports in one split) and that
every quote is printed on its stated start page (pdftotext); exit 77 = skipped, no corpus.
Standard library only. Conventions: docs/tag-accuracy.md.
"""
import argparse
import collections
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[1]
SECTION_SEPARATOR = " › "
# Every grade value of the README facet table: a search filtered on all of them returns every document,
# which is how the whole index is listed (an empty query needs a filter).
ALL_GRADES = ["outstanding", "good", "adequate", "requires-improvement", "inadequate", "none"]
FIELDS = ["found", "own_document", "number", "page", "page_end", "section", "section_lenient", "heading", "area",
          "grade", "agencies"]
LABELS = {"found": "paragraph found", "own_document": "… as its own document", "number": "number",
          "page": "page (start)", "page_end": "page_end", "section": "section (exact path)",
          "section_lenient": "section, grade clause aside", "heading": "innermost heading, clause aside",
          "area": "area", "grade": "grade", "agencies": "exact agency set"}
# A judgement heading may print its grade: ": good", " is good", " are: inadequate", " require improvement",
# " is that it requires improvement to be good", or a bare " good". The lenient section measure drops it.
GRADE_CLAUSE = re.compile(r"(\s*:\s*|\s+(is|are)(\s+that\s+it(\s+is)?)?\s*:?\s*|\s+)"
                          r"(outstanding|good|adequate|inadequate|requires? improvement( to be good)?)$")


def normalise(text):
    """Case, typographic quotes and dashes, spacing and line-break hyphens do not count."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)


def normalise_heading(heading):
    return normalise(heading).rstrip(" .:;")


def section_parts(section):
    return [normalise_heading(part) for part in (section or "").split("›") if part.strip()]


def without_grade_clause(parts):
    return [GRADE_CLAUSE.sub("", part).rstrip(" .:;") for part in parts]


def read_gold(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    header = lines[0].rstrip("\n").split("\t")
    for number, line in enumerate(lines[1:], start=2):
        cells = line.rstrip("\n").split("\t")
        if len(cells) != len(header):
            sys.exit(f"eval-tags: {path}: row {number} has {len(cells)} columns, the header has {len(header)}")
        rows.append(dict(zip(header, cells)))
    return rows


SKIPPED = 77  # CTest's SKIP_RETURN_CODE for the gold-set check


def readme_facet_values(facet):
    """Values of one row of the README facet table ("| grade | outstanding, good, … |")."""
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] == facet:
            return {re.sub(r"\s*\(.*?\)", "", v).strip() for v in cells[1].split(",")}
    sys.exit(f"eval-tags: README.md has no '| {facet} | … |' row in its facet table")


def printed_text(path, page):
    """The text a reader sees: the page of a PDF (pdftotext -layout), or the whole plain-text file."""
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if not shutil.which("pdftotext"):
        sys.exit("eval-tags: pdftotext not found: install poppler-utils (bash scripts/install-deps.sh)")
    done = subprocess.run(["pdftotext", "-f", page, "-l", page, "-layout", str(path), "-"],
                          capture_output=True, text=True, check=False)
    return done.stdout


def is_printed(quote, text):
    quote, text = normalise(quote), normalise(text)
    return quote in text or quote.replace(" ", "") in text.replace(" ", "")


def check_row(row, values):
    """Problems with one gold row's own values."""
    problems = []
    body = row["is_body"] == "yes"
    if row["is_body"] not in ("yes", "no"):
        problems.append(f"is_body must be yes or no, not {row['is_body']!r}")
    if row["split"] not in ("train", "holdout"):
        problems.append(f"split must be train or holdout, not {row['split']!r}")
    if len(row["quote"].split()) < 8:
        problems.append("quote has fewer than 8 words")
    for field in ("number", "page", "page_end"):
        if row[field] and not row[field].isdigit():
            problems.append(f"{field} {row[field]!r} is not a number")
    if row["page"].isdigit() and row["page_end"].isdigit() and int(row["page_end"]) < int(row["page"]):
        problems.append("page_end is before page")
    if row["file"].endswith(".pdf") and not row["page"]:
        problems.append("a PDF row needs its start page")
    agencies = [a for a in row["agencies"].split(",") if a]
    if body:
        if row["area"] not in values["area"]:
            problems.append(f"area {row['area']!r} is not a README facet value")
        if row["grade"] not in values["grade"]:
            problems.append(f"grade {row['grade']!r} is not a README facet value")
        unknown = [a for a in agencies if a not in values["agency"]]
        if unknown:
            problems.append(f"agencies {unknown} are not README facet values")
        if agencies != sorted(set(agencies)):
            problems.append("agencies are not sorted and distinct")
    elif row["section"] or row["area"] or row["grade"] or agencies:
        problems.append("a non-body item has no section, area, grade or agencies")
    return problems


def check_gold(rows, corpus):
    """Exit status of the gold-set check; prints every problem as 'file: quote: problem'."""
    values = {facet: readme_facet_values(facet) for facet in ("area", "grade", "agency")}
    problems = []
    splits = collections.defaultdict(set)
    for row in rows:
        splits[row["file"]].add(row["split"])
        problems += [(row, p) for p in check_row(row, values)]
    problems += [({"file": f, "quote": "(every row)"}, "a report's rows must all be in one split")
                 for f, s in splits.items() if len(s) > 1]
    checked_quotes = corpus.is_dir()
    if checked_quotes:
        for row in rows:
            path = corpus / row["file"]
            if not path.is_file():
                problems.append((row, f"no such file under {corpus}"))
            elif not is_printed(row["quote"], printed_text(path, row["page"] or "1")):
                problems.append((row, f"quote not printed on page {row['page'] or '(text)'}"))
    for row, problem in problems:
        print(f"{row['file']}: \"{row['quote'][:50]}\": {problem}")
    if problems:
        print(f"eval-tags: {len(problems)} problem(s) in the gold set")
        return 1
    if not checked_quotes:
        print(f"eval-tags: gold set well formed ({len(rows)} rows); quotes NOT checked: no corpus at {corpus}")
        return SKIPPED
    print(f"eval-tags: gold set well formed; all {len(rows)} quotes printed on their stated pages")
    return 0


def run_ofs(ofs, db, args):
    return subprocess.run([ofs, "--db", str(db)] + args, capture_output=True, text=True, check=False)


def build_index(ofs, corpus, db):
    print(f"eval-tags: indexing {corpus} into {db} …", file=sys.stderr)
    done = run_ofs(ofs, db, ["index", str(corpus / "ofsted-pdf"), str(corpus / "text")])
    # Exit code 3 means some files were rejected (the HTML pages saved as .pdf); the rest is indexed.
    if done.returncode not in (0, 3):
        sys.exit(f"eval-tags: indexing failed ({done.returncode}): {done.stderr.strip()}")


def list_documents(ofs, db):
    """Every paragraph document in the index, as ofs prints it in jsonl."""
    args = ["search", ""] + [a for g in ALL_GRADES for a in ("--grade", g)]
    done = run_ofs(ofs, db, args + ["--format", "jsonl", "--limit", "10000000"])
    if done.returncode not in (0, 1):
        sys.exit(f"eval-tags: listing the index failed ({done.returncode}): {done.stderr.strip()}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def report_key(path):
    """The part of a report path that names it under the corpus folder: 'ofsted-pdf/…' or 'text/…'."""
    path = str(path).replace("\\", "/")
    for marker in ("ofsted-pdf/", "text/"):
        at = path.rfind("/" + marker)
        if at >= 0:
            return path[at + 1:]
        if path.startswith(marker):
            return path
    return path


def strip_label(text):
    """Drops a leading printed number or bullet so the quote can be matched at the start."""
    return re.sub(r"^(\d+\.\s+|[•◼▪\-–]\s+)", "", text)


def find_document(row, documents):
    """(document, starts) for the document whose text starts with the quote, else one containing it.

    Where several documents qualify (a summary repeating a finding's opening), the one on the gold
    start page is preferred."""
    quote = normalise(row["quote"])
    starting, containing = [], []
    for doc in documents:
        text = normalise(strip_label(doc.get("text") or ""))
        if text.startswith(quote):
            starting.append(doc)
        elif quote in text:
            containing.append(doc)
    for candidates, starts in ((starting, True), (containing, False)):
        if candidates:
            on_page = [d for d in candidates if as_text(d.get("page")) == row["page"]]
            return (on_page or candidates)[0], starts
    return None, False


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def compare(row, doc):
    """Field -> (expected, got, agrees) for one gold body paragraph found in ofs's output."""
    result = {}
    result["number"] = (row["number"], as_text(doc.get("para")))
    result["page"] = (row["page"], as_text(doc.get("page")))
    # ofs that reports no page_end cites the start page only: that is what a reader is shown.
    got_end = doc.get("page_end", doc.get("page"))
    result["page_end"] = (row["page_end"] or row["page"], as_text(got_end))
    result["section"] = (row["section"], doc.get("section") or "")
    expected_parts = without_grade_clause(section_parts(row["section"]))
    got_parts = without_grade_clause(section_parts(doc.get("section")))
    result["section_lenient"] = (SECTION_SEPARATOR.join(expected_parts), SECTION_SEPARATOR.join(got_parts))
    result["heading"] = (expected_parts[-1] if expected_parts else "", got_parts[-1] if got_parts else "")
    result["area"] = (row["area"], doc.get("area") or "")
    result["grade"] = (row["grade"] or "none", doc.get("grade") or "none")
    expected_agencies = sorted(a for a in row["agencies"].split(",") if a)
    got_agencies = sorted(set(doc.get("agencies") or []))
    result["agencies"] = (",".join(expected_agencies), ",".join(got_agencies))
    agreed = {field: expected == got for field, (expected, got) in result.items()}
    agreed["section"] = section_parts(row["section"]) == section_parts(doc.get("section"))
    return {field: (expected, got, agreed[field]) for field, (expected, got) in result.items()}


def agency_errors(expected, got):
    exp, have = set(filter(None, expected.split(","))), set(filter(None, got.split(",")))
    return [f"+{a}" for a in sorted(have - exp)] + [f"-{a}" for a in sorted(exp - have)]


def score(rows, by_report):
    """Per split: counts per field, non-body results, and the list of disagreements."""
    splits = collections.defaultdict(lambda: {"total": collections.Counter(), "right": collections.Counter(),
                                              "nonbody": 0, "nonbody_indexed": 0})
    misses = []
    for row in rows:
        documents = by_report.get(row["file"], [])
        doc, starts = find_document(row, documents)
        for split in (row["split"], "all"):
            tally = splits[split]
            if row["is_body"] != "yes":
                tally["nonbody"] += 1
                tally["nonbody_indexed"] += doc is not None
                continue
            tally["total"]["found"] += 1
            tally["right"]["found"] += doc is not None
            if doc is None:
                continue
            tally["total"]["own_document"] += 1
            tally["right"]["own_document"] += starts
            for field, (_, _, agrees) in compare(row, doc).items():
                tally["total"][field] += 1
                tally["right"][field] += agrees
        if row["is_body"] != "yes":
            if doc is not None:
                misses.append((row, "indexed", "not indexed", f"indexed under {doc.get('section') or '∅'}"))
            continue
        if doc is None:
            why = "report not indexed" if not documents else "no document holds the quote"
            misses.append((row, "found", "found", why))
            continue
        if not starts:
            opening = (doc.get("text") or "")[:60]
            misses.append((row, "own_document", "starts a document", f"inside one starting \"{opening}…\""))
        for field, (expected, got, agrees) in compare(row, doc).items():
            if not agrees:
                misses.append((row, field, expected, got))
    return splits, misses


def section_error(expected, got):
    """What kind of section disagreement this is, judged with grade clauses set aside."""
    exp, have = without_grade_clause(section_parts(expected)), without_grade_clause(section_parts(got))
    if exp == have:
        return "grade clause dropped from a heading"
    if not exp:
        return f"heading invented where none is printed ({have[-1]})"
    if have == exp[1:]:
        return f"outermost heading missing ({exp[0]})"
    if len(have) > len(exp) and have[:len(exp)] == exp:
        return f"extra inner level ({have[-1]})"
    if len(have) < len(exp) and all(part in exp for part in have):
        return "a level missing"
    if len(have) == len(exp) and have[:-1] == exp[:-1]:
        return "innermost heading differs"
    return "different path"


def error_classes(misses):
    """Disagreements grouped by what went wrong: agency added/dropped, kind of section error, expected -> got."""
    classes = collections.defaultdict(list)
    for row, field, expected, got in misses:
        if field == "agencies":
            for change in agency_errors(expected, got):
                classes[f"agencies {change}"].append(row)
        elif field == "section":
            classes[f"section: {section_error(expected, got)}"].append(row)
        elif field in ("area", "grade", "found", "indexed", "number"):
            classes[f"{field}: {expected or '∅'} -> {got or '∅'}"].append(row)
        elif field not in ("section_lenient", "heading"):
            classes[field].append(row)
    return sorted(classes.items(), key=lambda item: (-len(item[1]), item[0]))


def boilerplate_signature(quote):
    """How a non-body item of this kind starts in any report: its label up to a colon ("team inspectors:"),
    else its first six words (back-cover and cover sentences are the same in every report)."""
    words = normalise(quote).split()
    for i, word in enumerate(words[:4]):
        if word.endswith(":"):
            return " ".join(words[:i + 1])
    return " ".join(words[:6])


def boilerplate_documents(rows, documents):
    """Index documents, in any report, that start like one of the gold non-body items: a lower bound on
    the index's non-body share (other kinds of non-body text are not counted)."""
    signatures = {boilerplate_signature(r["quote"]) for r in rows if r["is_body"] != "yes"}
    counts = collections.Counter()
    for doc in documents:
        text = normalise(strip_label(doc.get("text") or ""))
        for signature in signatures:
            if text.startswith(signature):
                counts[signature] += 1
                break
    return counts


def percent(right, total):
    return f"{100.0 * right / total:5.1f}% ({right}/{total})" if total else "   n/a"


def print_text(splits, misses, documents_total, reports_scored, boilerplate):
    print(f"ofs tag accuracy on tests/gold/paragraphs.tsv ({reports_scored} reports; "
          f"index holds {documents_total} paragraph documents)\n")
    names = [s for s in ("train", "holdout", "all") if s in splits]
    print(f"{'field':<32}" + "".join(f"{n:>24}" for n in names))
    for field in FIELDS:
        cells = "".join(f"{percent(splits[n]['right'][field], splits[n]['total'][field]):>24}" for n in names)
        print(f"{LABELS[field]:<32}{cells}")
    cells = "".join(f"{percent(splits[n]['nonbody_indexed'], splits[n]['nonbody']):>24}" for n in names)
    print(f"{'non-body items indexed':<32}{cells}")
    found = sum(boilerplate.values())
    print(f"\nIndex documents starting like a known non-body item (lower bound of the non-body share): "
          f"{found} of {documents_total} ({100.0 * found / max(documents_total, 1):.1f}%)")
    for signature, count in boilerplate.most_common():
        print(f"  {count:5d}  \"{signature}…\"")
    print("\nMost common disagreements (all splits):")
    for name, rows in error_classes(misses)[:25]:
        example = rows[0]
        print(f"  {len(rows):3d} × {name}   e.g. {pathlib.Path(example['file']).parent.name}: "
              f"\"{example['quote'][:60]}\"")
    print("\nMisses (file · quote · field: expected → got):")
    for row, field, expected, got in misses:
        if field in ("section_lenient", "heading"):
            continue
        print(f"  [{row['split']}] {pathlib.Path(row['file']).parent.name or row['file']} · "
              f"\"{row['quote'][:50]}\" · {field}: {expected or '∅'} → {got or '∅'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ofs", help="ofs binary (default: build/ofs of this checkout, else ofs on PATH)")
    parser.add_argument("--db", help="existing index to score (default: index the corpus into a temporary folder)")
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--gold", default=str(REPO / "tests" / "gold" / "paragraphs.tsv"))
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--check-gold", action="store_true",
                        help="check the gold set itself and that every quote is printed on its page; no ofs needed")
    args = parser.parse_args()
    if args.check_gold:
        sys.exit(check_gold(read_gold(args.gold), pathlib.Path(args.corpus)))

    ofs = args.ofs or (str(REPO / "build" / "ofs") if (REPO / "build" / "ofs").exists() else shutil.which("ofs"))
    if not ofs:
        sys.exit("eval-tags: no ofs binary: build it (cmake --build build --target ofs) or pass --ofs PATH")
    corpus = pathlib.Path(args.corpus)
    rows = read_gold(args.gold)

    temporary = None
    db = args.db
    if db is None:
        if not (corpus / "ofsted-pdf").is_dir():
            sys.exit(f"eval-tags: no corpus at {corpus} (pass --corpus DIR, or --db of an existing index)")
        temporary = tempfile.mkdtemp(prefix="ofs-eval-")
        db = pathlib.Path(temporary) / "index"
        build_index(ofs, corpus, db)
    try:
        documents = list_documents(ofs, db)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)

    by_report = collections.defaultdict(list)
    for doc in documents:
        by_report[report_key(doc.get("report", ""))].append(doc)
    splits, misses = score(rows, by_report)
    boilerplate = boilerplate_documents(rows, documents)
    if args.format == "json":
        out = {name: {"fields": {f: {"right": t["right"][f], "total": t["total"][f]} for f in FIELDS},
                      "nonbody": {"indexed": t["nonbody_indexed"], "total": t["nonbody"]}}
               for name, t in splits.items()}
        out["boilerplate_documents"] = {"total": len(documents), "by_signature": dict(boilerplate)}
        out["misses"] = [{"file": r["file"], "quote": r["quote"], "split": r["split"], "field": f,
                          "expected": e, "got": g} for r, f, e, g in misses]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_text(splits, misses, len(documents), len({r["file"] for r in rows}), boilerplate)


if __name__ == "__main__":
    main()
