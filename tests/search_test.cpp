// Searching the indexed sample report: ranking, phrases, boolean operators,
// facet filters and counts, and clear errors for bad queries.
#include <algorithm>
#include <set>
#include <stdexcept>

#include "analyzers/utf8.h"
#include "sample_index.h"

namespace ofs::searcher {
namespace {

class SampleIndex : public test::SampleIndex {
 protected:
  static SearchResults run(const std::string& query,
                           std::map<std::string, std::vector<std::string>> filters = {},
                           std::size_t limit = 200) {
    SearchRequest request;
    request.query = query;
    request.filters = std::move(filters);
    request.limit = limit;
    return searcher_->search(request);
  }

  static std::set<int> paras(const SearchResults& r) {
    std::set<int> out;
    for (const auto& h : r.hits)
      if (h.paragraph.para > 0) out.insert(h.paragraph.para);
    return out;
  }
};

TEST_F(SampleIndex, JointSection47RecommendationRanksFirst) {
  const auto r = run("Section 47 joint interviews", {}, 5);
  ASSERT_FALSE(r.hits.empty());
  const auto& top = r.hits.front().paragraph;
  EXPECT_EQ(top.para, 0);  // a bullet: no printed number
  EXPECT_EQ(top.item, 6);
  EXPECT_EQ(top.section, "Safeguarding services › Areas for improvement › Immediately");
  EXPECT_NE(top.text.find("review procedures for conducting joint Section 47 interviews"), std::string::npos);
}

TEST_F(SampleIndex, GradeFilterFindsParagraph57AndDropsTheRecommendation) {
  const auto r = run("Section 47 joint interviews", {{"grade", {"inadequate"}}});
  EXPECT_TRUE(paras(r).count(57));
  for (const auto& h : r.hits) {
    EXPECT_EQ(h.paragraph.grade, analyzers::Grade::Inadequate);
    EXPECT_NE(h.paragraph.area, "recommendations");
  }
  for (const auto& h : r.hits) {
    if (h.paragraph.para != 57) continue;
    EXPECT_EQ(h.paragraph.section, "Safeguarding services › Leadership and management");
    EXPECT_EQ(h.report->authority, "Wiltshire");
    const auto& agencies = h.paragraph.agencies;
    EXPECT_TRUE(std::count(agencies.begin(), agencies.end(), "police"));
    EXPECT_TRUE(std::count(agencies.begin(), agencies.end(), "safeguarding-board"));  // "the WSCB"
    EXPECT_FALSE(std::count(agencies.begin(), agencies.end(), "council"));  // children's social care is not
  }
}

TEST_F(SampleIndex, PhraseMatchesOnlyTheWordsInOrder) {
  const auto phrase = paras(run("\"joint interviews\""));
  EXPECT_TRUE(phrase.count(57));
  EXPECT_FALSE(phrase.count(35));  // "Section 47 enquiries", no joint interviews
  const auto words = paras(run("joint interviews"));
  EXPECT_GT(words.size(), phrase.size());
}

// --- snippets ---------------------------------------------------------------------

// "management oversight" is printed in paragraph 57 (about 600 characters in,
// past any first-words snippet), paragraph 128 and the recommendation
// "Wiltshire Council to ensure that the serious shortcomings in quality
// assurance arrangements are addressed by strengthening management
// oversight…" (sample lines 125, 222, 405).
const Hit& hit_of(const SearchResults& r, int para) {
  const auto it =
      std::find_if(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.paragraph.para == para; });
  if (it == r.hits.end()) throw std::runtime_error("no hit for paragraph " + std::to_string(para));
  return *it;
}

std::string marked(const std::string& words) {
  return std::string(1, kHighlightStart) + words + kHighlightEnd;
}

TEST_F(SampleIndex, SnippetsShowTheWholePhraseMarked) {
  const auto r = run("\"management oversight\"");
  ASSERT_EQ(r.hits.size(), 3u);
  for (const auto& hit : r.hits)
    EXPECT_NE(hit.snippet.find(marked("management oversight")), std::string::npos)
        << "¶" << hit.paragraph.para << ": " << hit.snippet;
  const auto& p57 = hit_of(r, 57).snippet;
  EXPECT_TRUE(p57.starts_with("…")) << p57;
  EXPECT_LE(analyzers::code_point_count(plain_snippet(p57)), 300u) << p57;
}

TEST_F(SampleIndex, ASnippetReadsTheSameUnderAnyFilter) {
  const auto all = run("\"management oversight\"");
  const auto inadequate = run("\"management oversight\"", {{"grade", {"inadequate"}}});
  ASSERT_EQ(inadequate.hits.size(), 1u);
  EXPECT_EQ(inadequate.hits[0].snippet, hit_of(all, 57).snippet);
}

TEST_F(SampleIndex, AShortParagraphIsShownWholeFromItsFirstWord) {
  const auto r = run("\"quality assurance arrangements\"");
  const auto it = std::find_if(r.hits.begin(), r.hits.end(), [](const Hit& h) {
    return h.paragraph.text.starts_with("Wiltshire Council to ensure that the serious shortcomings");
  });
  ASSERT_NE(it, r.hits.end());
  EXPECT_EQ(plain_snippet(it->snippet), it->paragraph.text)
      << "a recommendation shorter than a snippet, whole";
  EXPECT_NE(it->snippet.find(marked("quality assurance arrangements")), std::string::npos) << it->snippet;
}

TEST_F(SampleIndex, EveryWordOfAPlainQueryIsMarkedWhereItIsPrinted) {
  // Paragraph 32: "…not routinely followed in respect of joint interviews of Section 47 child protection
  // enquiries."
  const auto r = run("joint interviews Section 47");
  const auto& snippet = hit_of(r, 32).snippet;
  // "Section 47" is one phrase (it is also searched as S47), so it is marked as one.
  for (const char* words : {"joint", "interviews", "Section 47"})
    EXPECT_NE(snippet.find(marked(words)), std::string::npos) << words << ": " << snippet;
  EXPECT_EQ(hit_of(r, 32).match_page, 0) << "plain text has no pages";
}

TEST_F(SampleIndex, BooleanOperators) {
  const auto both = paras(run("CAMHS AND police"));
  EXPECT_TRUE(both.count(14));
  EXPECT_FALSE(both.count(47));  // CAMHS without police
  const auto camhs_not_police = paras(run("CAMHS NOT police"));
  EXPECT_TRUE(camhs_not_police.count(47));
  EXPECT_FALSE(camhs_not_police.count(14));
}

TEST_F(SampleIndex, FiltersAreOrWithinAFacetAndAcrossFacets) {
  const auto good = run("", {{"grade", {"good"}}});
  const auto outstanding = run("", {{"grade", {"outstanding"}}});
  const auto either = run("", {{"grade", {"good", "outstanding"}}});
  EXPECT_EQ(either.total, good.total + outstanding.total);
  const auto good_care_leavers = run("", {{"grade", {"good"}}, {"area", {"care-leavers"}}});
  EXPECT_EQ(paras(good_care_leavers), (std::set<int>{109, 110, 111, 112, 113, 114, 115, 116}));
}

TEST_F(SampleIndex, FieldsInsideTheQueryMatchTheFilters) {
  EXPECT_EQ(paras(run("grade:inadequate interviews")), paras(run("interviews", {{"grade", {"inadequate"}}})));
  EXPECT_TRUE(paras(run("section:\"leadership and management\" oversight")).count(57));
}

TEST_F(SampleIndex, AgencyFilter) {
  const auto r = run("", {{"agency", {"camhs"}}});
  EXPECT_TRUE(paras(r).count(47));
  for (const auto& h : r.hits) {
    const auto& agencies = h.paragraph.agencies;
    EXPECT_TRUE(std::count(agencies.begin(), agencies.end(), "camhs"));
  }
}

TEST_F(SampleIndex, FacetCountsCoverTheWholeResultSet) {
  SearchRequest request;
  request.query = "safeguarding";
  request.limit = 3;
  request.count_facets = {"grade", "authority"};
  const auto r = searcher_->search(request);
  EXPECT_EQ(r.hits.size(), 3u);
  std::size_t sum = 0;
  for (const auto& [value, count] : r.facets.at("grade")) sum += count.paragraphs;
  EXPECT_EQ(sum, r.total);
  EXPECT_EQ(r.facets.at("authority").at("Wiltshire").paragraphs, r.total);
  EXPECT_EQ(r.facets.at("authority").at("Wiltshire").reports, 1u);
}

TEST_F(SampleIndex, UnknownFacetValuesAreRefusedWithTheValidOnes) {
  try {
    run("", {{"grade", {"excellent"}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown grade 'excellent'; valid values: outstanding, good"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(run("", {{"authority", {"Atlantis"}}}), QueryError);
  EXPECT_THROW(run("", {{"agency", {"fire brigade"}}}), QueryError);
  EXPECT_THROW(run("grade:brilliant"), QueryError);
  EXPECT_THROW(run("year:20x2"), QueryError);
}

TEST_F(SampleIndex, MalformedQueriesAreRefusedClearly) {
  try {
    run("\"joint interviews");
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("unbalanced quote"), std::string::npos);
  }
  EXPECT_THROW(run("(police OR health"), QueryError);
  EXPECT_THROW(run("police)"), QueryError);
  try {
    run("colour:red");
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown field 'colour:'"), std::string::npos);
  }
}

TEST_F(SampleIndex, ReindexingReplacesRatherThanDuplicates) {
  const auto before = run("").total;
  test::TempDir copy;  // the shared index stays as it is
  std::filesystem::copy(db(), copy / "db", std::filesystem::copy_options::recursive);
  indexer::index_paths(copy / "db", {test::sample_report()}, *tables_,
                       [](const indexer::FileOutcome&, std::size_t, std::size_t) {});
  Searcher fresh(copy / "db");
  SearchRequest all;
  all.limit = 1;
  EXPECT_EQ(fresh.search(all).total, before);
  EXPECT_EQ(before, 158u);  // 133 numbered paragraphs + 25 recommendation bullets
}

// --- Five reports, five years, two authorities ----------------------------------

class InspectionsCorpus : public test::InspectionsCorpus {
 protected:
  // The publication dates of every paragraph `query` matches.
  static std::set<std::string> published(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 100000;
    std::set<std::string> dates;
    for (const auto& h : searcher_->search(request).hits) dates.insert(h.report->published);
    return dates;
  }
  static std::size_t total(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 100000;
    return searcher_->search(request).total;
  }
};

TEST_F(InspectionsCorpus, YearRangesKeepOnlyTheReportsPublishedInThem) {
  EXPECT_EQ(published(""),
            (std::set<std::string>{"2012-04-24", "2015-09-01", "2019-07-22", "2023-12-12", "2025-05-09"}));
  EXPECT_EQ(published("year:2014..2018"), std::set<std::string>{"2015-09-01"});
  EXPECT_EQ(published("year:2012"), std::set<std::string>{"2012-04-24"});
  EXPECT_EQ(published("year:2019..2025"), (std::set<std::string>{"2019-07-22", "2023-12-12", "2025-05-09"}));
  EXPECT_EQ(published("year:2023..2023"), std::set<std::string>{"2023-12-12"});
  EXPECT_TRUE(published("year:2013..2014").empty());
  // A range counts each of its years' paragraphs once.
  EXPECT_EQ(total("year:2012..2019"), total("year:2012") + total("year:2015") + total("year:2019"));
  EXPECT_EQ(total("year:2012"), 158u) << "the sample's 133 numbered paragraphs and 25 recommendation bullets";
}

TEST_F(InspectionsCorpus, AuthorityFieldKeepsOnlyThatAuthority) {
  EXPECT_EQ(published("authority:dorset"), std::set<std::string>{"2025-05-09"});
  EXPECT_EQ(published("authority:wiltshire"),
            (std::set<std::string>{"2012-04-24", "2015-09-01", "2019-07-22", "2023-12-12"}));
  EXPECT_EQ(total("authority:wiltshire year:2012"), 158u);
  EXPECT_TRUE(published("authority:dorset year:2012..2024").empty());
  EXPECT_EQ(total("authority:wiltshire") + total("authority:dorset"), total(""));
}

// The index stores no stems: a word stands for its indexed forms.  Each
// count is what the same query found when every word's stem was stored as
// a term of its own (schema 5), on these same five reports.
TEST_F(InspectionsCorpus, WordsFindTheParagraphsTheirStoredStemsFound) {
  const std::vector<std::pair<std::string, std::size_t>> counted = {
      {"placement", 42},
      {"placements", 42},
      {"interviewed", 23},
      {"supervision", 25},
      {"safeguarding", 90},
      {"\"child protection plan\"", 17},
      {"social NEAR/3 worker", 92},
      {"section:leadership", 35},
      {"section:\"leadership and management\"", 9},
      {"section:\"looked after\"", 135},
      {"care OR caring", 247},
      {"cared", 247},
      {"inspected", 53},
      {"managers NEAR/5 supervision", 6},
      {"=placements", 28},
      {"assessments", 113},
      {"LAC", 129},
      {"looked after children", 129},
      {"S47", 7},
  };
  for (const auto& [query, count] : counted) EXPECT_EQ(total(query), count) << query;
}

}  // namespace
}  // namespace ofs::searcher
