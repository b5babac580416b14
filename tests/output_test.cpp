// The printers: every format parses back to the same results; CSV quoting
// survives commas, quotes and the line breaks inside paragraph 2.
#include <nlohmann/json.hpp>
#include <sstream>

#include "searcher/output.h"
#include "test_support.h"

namespace ofs::searcher {
namespace {

// Paragraph 2 of the sample report is a list: its text has line breaks.
Hit sample_hit() {
  Hit hit;
  hit.data = {{"report", "corpus/wiltshire.txt"}, {"authority", "Wiltshire"}, {"framework", "safeguarding-lac"},
              {"published", "2012-04-24"}, {"para", 2}, {"item", nullptr}, {"page", 22},
              {"section", "About this inspection"}, {"area", "about"}, {"grade", "none"},
              {"agencies", {"council", "police"}}, {"organisations", nullptr},
              {"text", "The inspection included:\n - interviews, with \"staff\"\n - case files"}};
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
  nlohmann::json p = {{"authority", "Wiltshire"}, {"published", "2012-04-24"}, {"para", 57}, {"page", 22},
                      {"section", "Safeguarding services › Leadership and management"}, {"grade", "inadequate"}};
  EXPECT_EQ(citation(p), "Wiltshire 2012 ¶57 p.22 · Safeguarding services › Leadership and management · inadequate");
}

TEST(Output, JsonHasTotalsFacetsSuggestionAndResults) {
  const auto doc = nlohmann::json::parse(print(OutputFormat::Json, sample_results()));
  EXPECT_EQ(doc["total"], 1);
  EXPECT_EQ(doc["suggestion"], "interviews");
  EXPECT_EQ(doc["facets"]["grade"]["none"], 1);
  EXPECT_EQ(doc["facet_reports"]["grade"]["none"], 1);
  EXPECT_EQ(doc["results"][0]["text"], sample_hit().data["text"]);
  EXPECT_EQ(doc["results"][0]["snippet"], "the interviews, with");
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
    EXPECT_EQ(j["text"], sample_hit().data["text"]);
    ++count;
  }
  EXPECT_EQ(count, 2);
}

TEST(Output, CsvQuotesCommasQuotesAndLineBreaks) {
  const auto rows = parse_csv(print(OutputFormat::Csv, sample_results()));
  ASSERT_EQ(rows.size(), 2u);
  const auto& header = rows[0];
  const auto column = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  ASSERT_EQ(rows[1].size(), header.size());
  EXPECT_EQ(rows[1][column("text")], sample_hit().data["text"].get<std::string>());
  EXPECT_EQ(rows[1][column("agencies")], "council;police");
  EXPECT_EQ(rows[1][column("para")], "2");
  EXPECT_EQ(rows[1][column("item")], "");
  EXPECT_EQ(rows[1][column("snippet")], "the interviews, with");
}

TEST(Output, TextHighlightsOnlyWithColour) {
  const std::string plain = print(OutputFormat::Text, sample_results());
  EXPECT_EQ(plain.find("\x1b["), std::string::npos);
  EXPECT_NE(plain.find("1. Wiltshire 2012 ¶2 p.22 · About this inspection"), std::string::npos) << plain;
  EXPECT_NE(plain.find("grade: none 1 (1 report)"), std::string::npos) << plain;
  EXPECT_NE(print(OutputFormat::Text, sample_results(), true).find("\x1b[1;31minterviews\x1b[0m"), std::string::npos);
}

}  // namespace
}  // namespace ofs::searcher
