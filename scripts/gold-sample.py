#!/usr/bin/env python3
"""Draws the reports and paragraph positions of the hand-checked tag set (tests/gold/paragraphs.tsv).

The draw is seeded so it can be repeated: reports are picked at random within each framework, a third
of them (whole reports) are set aside as the hold-out split, and within each report pages and text
blocks are picked at random so the set is not limited to easy paragraphs. The expected values are then
read from the report pages by hand; this script only says where to look.

Needs pdftotext (poppler-utils). Usage: scripts/gold-sample.py [--corpus DIR] [--seed N] [--reports]
"""
import argparse
import pathlib
import random
import re
import subprocess
import sys

# Reports drawn per framework, and how many of them go to the hold-out split.
DRAW = {"safeguarding-lac": (2, 1), "sif": (11, 4), "ilacs": (12, 4), "reform-2026": (4, 1)}
PARAGRAPHS_PER_REPORT = 5


def framework_of(name, year):
    """Framework from the publication year, as the README facet table defines it."""
    if year <= 2013:
        return "safeguarding-lac"
    if year == 2026:
        return "reform-2026"
    return "sif" if year <= 2017 else "ilacs"


def page_text(pdf, page):
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=False)
    return out.stdout


def page_count(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(match.group(1)) if match else 0


def is_real_pdf(path):
    with open(path, "rb") as f:
        return f.read(5) == b"%PDF-"


def draw_reports(corpus, rng):
    by_framework = {}
    for pdf in sorted(corpus.rglob("*.pdf")):
        if not is_real_pdf(pdf):
            continue
        year = int(re.search(r"(\d{4})\.pdf$", pdf.name).group(1))
        # The 2018 re-inspections and 2018 SIF reports are printed in the SIF layout.
        first = page_text(pdf, 1)
        framework = framework_of(pdf.name, year)
        sif_title = "Inspection of services for children in need" in " ".join(first.split())
        if year == 2018 and (sif_title or "Re-inspection" in first):
            framework = "sif"
        by_framework.setdefault(framework, {}).setdefault(year, []).append(pdf)
    chosen = []
    for framework, (count, holdout) in DRAW.items():
        picked = spread_over_years(by_framework.get(framework, {}), count, rng)
        held = set(rng.sample(picked, min(holdout, len(picked))))
        chosen += [(framework, pdf, "holdout" if pdf in held else "train") for pdf in picked]
    return chosen


def spread_over_years(by_year, count, rng):
    """Picks count reports, taking one from each year in turn so no year dominates."""
    pools = {year: rng.sample(pdfs, len(pdfs)) for year, pdfs in sorted(by_year.items())}
    picked = []
    while len(picked) < count and any(pools.values()):
        for year in rng.sample(sorted(pools), len(pools)):
            if pools[year] and len(picked) < count:
                picked.append(pools[year].pop())
    return picked


def blocks(text):
    """Text blocks of a layout page: runs of lines between blank lines, with some words in them."""
    found = []
    for block in re.split(r"\n\s*\n", text):
        words = block.split()
        if len(words) >= 8:
            found.append(" ".join(words))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(pathlib.Path(__file__).resolve().parents[2] /
                                                 "shared/corpus/ofsted-pdf"))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--reports", action="store_true", help="only list the drawn reports")
    args = parser.parse_args()
    corpus = pathlib.Path(args.corpus)
    if not corpus.is_dir():
        sys.exit(f"gold-sample: no corpus at {corpus} (pass --corpus DIR)")
    rng = random.Random(args.seed)
    for framework, pdf, split in draw_reports(corpus, rng):
        rel = pdf.relative_to(corpus)
        print(f"== {framework}\t{split}\t{rel}")
        if args.reports:
            continue
        pages = page_count(pdf)
        # Page 1 is the cover and judgement table; the last page is the back cover.
        body_pages = list(range(2, pages)) or [1]
        for page in sorted(rng.sample(body_pages, min(PARAGRAPHS_PER_REPORT, len(body_pages)))):
            found = blocks(page_text(pdf, page))
            if found:
                print(f"   p.{page}\t{rng.choice(found)[:160]}")


if __name__ == "__main__":
    main()
