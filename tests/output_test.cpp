// The printers: every format parses back to the same results; CSV quoting
// survives commas, quotes and the line breaks inside paragraph 2.
#include <nlohmann/json.hpp>
#include <sstream>

#include <fstream>
#include <regex>

#include "analyzers/areas.h"
#include "schema/facets.h"
#include "searcher/output.h"
#include "searcher/result_fields.h"
#include "test_support.h"

namespace ofs::searcher {
namespace {

std::shared_ptr<const schema::ReportRecord> sample_report() {
  auto report = std::make_shared<schema::ReportRecord>();
  report->id = "w2012";
  report->path = "corpus/wiltshire.txt";
  report->authority = "Wiltshire";
  report->framework = "safeguarding-lac";
  report->published = "2012-04-24";
  return report;
}

// Paragraph 2 of the sample report is a list: its text has line breaks.
Hit sample_hit() {
  Hit hit;
  hit.report = sample_report();
  hit.paragraph.report_id = "w2012";
  hit.paragraph.ordinal = 3;
  hit.paragraph.para = 2;
  hit.paragraph.page = 22;
  hit.paragraph.section = "About this inspection";
  hit.paragraph.area = "about";
  hit.paragraph.agencies = {"council", "police"};
  hit.paragraph.text = "The inspection included:\n - interviews, with \"staff\"\n - case files";
  hit.score = 1.5;
  hit.snippet = std::string("the ") + kHighlightStart + "interviews" + kHighlightEnd + ", with";
  return hit;
}

SearchResults sample_results() {
  SearchResults r;
  r.total = 1;
  r.total_paragraphs = 1;
  r.hits = {sample_hit()};
  r.facets["grade"]["none"] = {1, 1};
  r.suggestion = "interviews";
  return r;
}

std::string print(OutputFormat format, const SearchResults& r, bool colour = false) {
  std::ostringstream out;
  PrintOptions options;
  options.format = format;
  options.colour = colour;
  print_results(out, r, options);
  return out.str();
}

// A small RFC 4180 reader, so the test checks the format, not our writer.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

TEST(Output, CitationKeepsItsShape) {
  schema::StoredParagraph p;
  p.para = 57;
  p.page = 22;
  p.section = "Safeguarding services › Leadership and management";
  p.grade = analyzers::Grade::Inadequate;
  EXPECT_EQ(citation(p, *sample_report()),
            "Wiltshire 2012 ¶57 p.22 · Safeguarding services › Leadership and management · inadequate");
  p.page_end = 23;
  EXPECT_EQ(citation(p, *sample_report(), 22),
            "Wiltshire 2012 ¶57 p.22–23 · Safeguarding services › Leadership and management · inadequate")
      << "the match on the first page: only the span";
  EXPECT_EQ(citation(p, *sample_report(), 23),
            "Wiltshire 2012 ¶57 p.22–23 (match on p.23) · Safeguarding services › Leadership and management "
            "· inadequate");
}

TEST(Output, JsonHasTotalsFacetsSuggestionAndResults) {
  const auto doc = nlohmann::json::parse(print(OutputFormat::Json, sample_results()));
  EXPECT_EQ(doc["total"], 1);
  EXPECT_EQ(doc["suggestion"], "interviews");
  EXPECT_EQ(doc["facets"]["grade"]["none"], 1);
  EXPECT_EQ(doc["facet_reports"]["grade"]["none"], 1);
  EXPECT_EQ(doc["results"][0]["text"], sample_hit().paragraph.text);
  EXPECT_EQ(doc["results"][0]["snippet"], "the interviews, with");
}

TEST(Output, JsonHighlightsCountCodePointsOfThePlainSnippet) {
  auto hit = sample_hit();
  EXPECT_EQ(result_json(hit)["highlights"], nlohmann::ordered_json::parse("[[4, 14]]"));
  EXPECT_EQ(result_json(hit)["report_id"], "w2012");
  EXPECT_EQ(result_json(hit)["ordinal"], 3);
  // "…" and "’" are 3 bytes in UTF-8 and one character for a reader of the JSON.
  hit.snippet = std::string("…the council’s ") + kHighlightStart + "joint" + kHighlightEnd + " " +
                kHighlightStart + "interviews" + kHighlightEnd + "…";
  const auto j = result_json(hit);
  EXPECT_EQ(j["snippet"], "…the council’s joint interviews…");
  EXPECT_EQ(j["highlights"], nlohmann::ordered_json::parse("[[15, 20], [21, 31]]"));
  hit.snippet = "no match marked";
  EXPECT_TRUE(result_json(hit)["highlights"].empty());
}

TEST(Output, JsonlIsOneResultPerLine) {
  auto r = sample_results();
  r.hits.push_back(sample_hit());
  const std::string out = print(OutputFormat::Jsonl, r);
  std::istringstream lines(out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["para"], 2);
    EXPECT_EQ(j["text"], sample_hit().paragraph.text);
    ++count;
  }
  EXPECT_EQ(count, 2);
}

TEST(Output, CsvQuotesCommasQuotesAndLineBreaks) {
  auto results = sample_results();
  results.facets.clear();  // with facets, CSV is the facet table (below)
  const auto rows = parse_csv(print(OutputFormat::Csv, results));
  ASSERT_EQ(rows.size(), 2u);
  const auto& header = rows[0];
  const auto column = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  ASSERT_EQ(rows[1].size(), header.size());
  EXPECT_EQ(rows[1][column("text")], sample_hit().paragraph.text);
  EXPECT_EQ(rows[1][column("agencies")], "council;police");
  EXPECT_EQ(rows[1][column("para")], "2");
  EXPECT_EQ(rows[1][column("item")], "");
  EXPECT_EQ(rows[1][column("snippet")], "the interviews, with");
}

// Every field in the one order both json and csv follow, with the report's
// own fields taken from its record, not from the paragraph.
TEST(Output, JsonResultHasEveryFieldInTableOrder) {
  Hit hit = sample_hit();
  hit.report_hits = 4;
  hit.after = {hit.paragraph};
  hit.after[0].para = 3;
  const auto doc = nlohmann::ordered_json::parse(print(OutputFormat::Json, [&] {
    auto r = sample_results();
    r.hits = {hit};
    return r;
  }()));
  const auto& result = doc["results"][0];
  std::vector<std::string> keys;
  for (const auto& [key, value] : result.items()) keys.push_back(key);
  std::vector<std::string> names;
  for (const auto& field : result_fields())
    if (field.scope != FieldScope::CsvContext) names.emplace_back(field.name);
  EXPECT_EQ(keys, names);
  EXPECT_EQ(result["report"], "corpus/wiltshire.txt");
  EXPECT_EQ(result["authority"], "Wiltshire");
  EXPECT_EQ(result["published"], "2012-04-24");
  EXPECT_TRUE(result["inspection_start"].is_null());
  EXPECT_TRUE(result["item"].is_null());
  EXPECT_EQ(result["report_hits"], 4);
  EXPECT_EQ(result["context"]["after"][0]["para"], 3);
  EXPECT_EQ(result["context"]["after"][0]["authority"], "Wiltshire");
}

TEST(Output, CsvColumnsKeepTheirPositions) {
  auto results = sample_results();
  results.facets.clear();
  const auto rows = parse_csv(print(OutputFormat::Csv, results));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"report",
                                               "authority",
                                               "framework",
                                               "published",
                                               "para",
                                               "item",
                                               "page",
                                               "section",
                                               "area",
                                               "grade",
                                               "grade_text",
                                               "agencies",
                                               "organisations",
                                               "text",
                                               "snippet",
                                               "score",
                                               "inspection_start",
                                               "inspection_end",
                                               "page_end",
                                               "match_page",
                                               "la_code",
                                               "region",
                                               "ref"}))
      << "columns added later go after the first ones, so scripts reading by position keep working";
}

// README.md's "Result fields" table lists the fields the code prints, in
// the same order.
TEST(Output, ReadmeResultFieldTableMatchesTheCode) {
  std::ifstream readme(test::source_dir() / "README.md");
  ASSERT_TRUE(readme) << "cannot read README.md";
  std::string line;
  bool in_section = false;
  std::vector<std::string> documented;
  static const std::regex kRow(R"(^\| `([a-z_]+)` \|)");
  while (std::getline(readme, line)) {
    if (line.rfind("#", 0) == 0) in_section = line.find("Result fields") != std::string::npos;
    std::smatch m;
    if (in_section && std::regex_search(line, m, kRow)) documented.push_back(m[1].str());
  }
  std::vector<std::string> names;
  for (const auto& field : result_fields()) names.emplace_back(field.name);
  EXPECT_EQ(documented, names);
}

// README.md's facet table names the same grades and areas, in the same order,
// as the vocabularies the facet table checks filters against.
TEST(Output, ReadmeFacetValuesMatchTheVocabularies) {
  std::ifstream readme(test::source_dir() / "README.md");
  ASSERT_TRUE(readme) << "cannot read README.md";
  std::map<std::string, std::vector<std::string>> documented;
  static const std::regex kRow(R"(^\| (grade|area) \| (.*) \|$)");
  std::string line;
  while (std::getline(readme, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, kRow)) continue;
    std::istringstream values(m[2].str());
    for (std::string value; std::getline(values, value, ',');) {
      value = value.substr(value.find_first_not_of(' '));
      documented[m[1].str()].push_back(value.substr(0, value.find(" (")));  // drop "(2009–2013 scale)"
    }
  }
  EXPECT_EQ(documented["grade"], schema::grade_vocabulary());
  EXPECT_EQ(documented["area"], analyzers::canonical_areas());
}

// Counts as a search of 2012-2015 reports might give them, with paragraphs
// from a report that names no authority.
SearchResults faceted_results() {
  SearchResults r = sample_results();
  r.facets["year"] = {{"2012", {5, 1}}, {"2015", {40, 3}}, {"2013", {12, 2}}, {"(unknown)", {50, 4}}};
  r.facets["authority"] = {{"Wiltshire", {5, 1}}, {"Doncaster", {40, 1}}, {"(unknown)", {90, 1}}};
  return r;
}

TEST(Output, FacetValuesReadInYearOrderOrMostFirstWithUnknownLast) {
  const auto values = [](const std::string& facet) {
    std::vector<std::string> order;
    for (const auto& [value, count] : ordered_facet_values(facet, faceted_results().facets[facet]))
      order.push_back(value);
    return order;
  };
  EXPECT_EQ(values("year"), (std::vector<std::string>{"2012", "2013", "2015", "(unknown)"}));
  EXPECT_EQ(values("authority"), (std::vector<std::string>{"Doncaster", "Wiltshire", "(unknown)"}));
  const std::string text = print(OutputFormat::Text, faceted_results());
  EXPECT_NE(
      text.find(
          "year: 2012 5 (1 report), 2013 12 (2 reports), 2015 40 (3 reports), (unknown) 50 (4 reports)"),
      std::string::npos)
      << text;
}

TEST(Output, CsvWithFacetsIsTheFacetTable) {
  const auto rows = parse_csv(print(OutputFormat::Csv, faceted_results()));
  const std::vector<std::vector<std::string>> expected = {{"facet", "value", "paragraphs", "reports"},
                                                          {"authority", "Doncaster", "40", "1"},
                                                          {"authority", "Wiltshire", "5", "1"},
                                                          {"authority", "(unknown)", "90", "1"},
                                                          {"grade", "none", "1", "1"},
                                                          {"year", "2012", "5", "1"},
                                                          {"year", "2013", "12", "2"},
                                                          {"year", "2015", "40", "3"},
                                                          {"year", "(unknown)", "50", "4"}};
  EXPECT_EQ(rows, expected);
}

TEST(Output, CsvCarriesContextInTwoColumns) {
  auto results = sample_results();
  results.facets.clear();
  results.context = 1;
  schema::StoredParagraph before = results.hits[0].paragraph;
  before.para = 1;
  before.text = "Inspection dates: 5 – 16 March 2012";
  results.hits[0].before = {before};
  const auto rows = parse_csv(print(OutputFormat::Csv, results));
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_GE(rows[0].size(), 2u);
  EXPECT_EQ(rows[0].end()[-2], "context_before");
  EXPECT_EQ(rows[0].end()[-1], "context_after");
  EXPECT_EQ(rows[1].end()[-2], "¶1 Inspection dates: 5 – 16 March 2012");
  EXPECT_EQ(rows[1].end()[-1], "") << "no paragraph after it in this result";
}

TEST(Output, TextNumbersResultsFromTheFirstRank) {
  std::ostringstream out;
  PrintOptions options;
  options.first_rank = 11;  // --offset 10
  print_results(out, sample_results(), options);
  EXPECT_NE(out.str().find("\n11. Wiltshire 2012 ¶2"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("\n1. "), std::string::npos) << out.str();
}

TEST(Output, TextHighlightsOnlyWithColour) {
  const std::string plain = print(OutputFormat::Text, sample_results());
  EXPECT_EQ(plain.find("\x1b["), std::string::npos);
  EXPECT_NE(plain.find("1. Wiltshire 2012 ¶2 p.22 · About this inspection"), std::string::npos) << plain;
  EXPECT_NE(plain.find("grade: none 1 (1 report)"), std::string::npos) << plain;
  EXPECT_NE(print(OutputFormat::Text, sample_results(), true).find("\x1b[1;31minterviews\x1b[0m"),
            std::string::npos);
}

}  // namespace
}  // namespace ofs::searcher
