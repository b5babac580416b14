// The query language on the indexed sample report: phrases, NEAR/ADJ in
// both orders, wildcards, exact forms, synonyms, did-you-mean, paging,
// sorting, grouping, context and the messages for malformed queries.
#include <map>
#include <set>

#include "sample_index.h"

namespace ofs::searcher {
namespace {

class Query : public test::SampleIndex {
 protected:
  static SearchResults run(const std::string& query, bool synonyms = true) {
    SearchRequest request;
    request.query = query;
    request.limit = 500;
    request.synonyms = synonyms;
    return searcher_->search(request);
  }

  // Printed paragraph numbers, and recommendation bullets as -item.
  static std::set<int> paras(const SearchResults& r) {
    std::set<int> out;
    for (const auto& h : r.hits) out.insert(h.paragraph.para > 0 ? h.paragraph.para : -h.paragraph.item);
    return out;
  }
  static std::set<int> paras(const std::string& query, bool synonyms = true) {
    return paras(run(query, synonyms));
  }

  static std::string error_of(const std::string& query) {
    try {
      run(query);
    } catch (const QueryError& e) {
      return e.what();
    }
    return "(no error)";
  }
};

TEST_F(Query, PhraseMatchesWordsInOrderIncludingInflections) {
  // ¶32 "joint interviews of Section 47", ¶57 "joint interviews".
  EXPECT_EQ(paras("\"joint interviews\""), (std::set<int>{32, 57}));
  EXPECT_EQ(paras("\"joint interview\""), (std::set<int>{32, 57}));  // stemmed
  EXPECT_TRUE(paras("\"interviews joint\"").empty());
}

TEST_F(Query, NearMatchesEitherOrderAndStemmedForms) {
  // Bullet 6: "conducting joint Section 47 interviews": two words between.
  const std::set<int> expected{-6, 32, 57};
  EXPECT_EQ(paras("joint NEAR/3 interviews"), expected);
  EXPECT_EQ(paras("interview NEAR/3 joint"), expected);
  EXPECT_EQ(paras("joint NEAR/2 interview"), expected);
  EXPECT_EQ(paras("joint NEAR/1 interviews"), (std::set<int>{32, 57}));
  // ADJ keeps the order.
  EXPECT_EQ(paras("joint ADJ/3 interviews"), expected);
  EXPECT_TRUE(paras("interviews ADJ/3 joint").empty());
}

TEST_F(Query, PhrasesAndNearFindFormsTheQueryWordDoesNotSpell) {
  // The report never says "interviewing"; ¶90 says "Social workers interviewed
  // demonstrated", bullet 6 "joint Section 47 interviews", ¶32 and ¶57 "joint
  // interviews".  Stems carry no positions, so this goes through the forms.
  const auto phrase = run("\"social workers interviewing\"");
  ASSERT_EQ(phrase.hits.size(), 1u);
  EXPECT_NE(phrase.hits.front().paragraph.text.find("Social workers interviewed demonstrated"),
            std::string::npos);
  EXPECT_EQ(paras("joint NEAR/3 interviewing"), (std::set<int>{-6, 32, 57}));
  EXPECT_EQ(paras("interviewing ADJ/3 joint"), std::set<int>{});
  EXPECT_TRUE(paras("joint NEAR/3 =interviewing").empty());  // the exact form is not expanded
}

TEST_F(Query, TrailingWildcard) {
  const auto assess = paras("assess*");
  EXPECT_TRUE(assess.count(35));                        // "assessments"
  EXPECT_TRUE(assess.count(13));                        // "assessed"
  EXPECT_TRUE(paras("assess* NEAR/2 poor").count(13));  // "assessed leading to poor"
}

TEST_F(Query, StemmingAndExactForm) {
  const auto stemmed = paras("interview");
  EXPECT_TRUE(stemmed.count(57));               // "interviews"
  EXPECT_FALSE(paras("=interview").count(57));  // ¶57 only says "interviews"
  EXPECT_TRUE(paras("=interviews").count(57));
  EXPECT_LT(paras("=assessment").size(), paras("assessment").size());
}

TEST_F(Query, SynonymsExpandAcronymsAndPhrases) {
  // "S47" is not in the report; "Section 47" is, in ¶17, ¶32, ¶35, ¶62 and two bullets.
  EXPECT_EQ(paras("S47"), (std::set<int>{-6, -1, 17, 32, 35, 62}));
  EXPECT_TRUE(paras("S47", false).empty());
  // ¶11 spells out "child and adolescent mental health services (CAMHS)";
  // "CAMHS" finds it, and the long form finds ¶47, which only says CAMHS.
  EXPECT_TRUE(paras("CAMHS").count(11));
  EXPECT_TRUE(paras("child and adolescent mental health services").count(47));
  EXPECT_FALSE(paras("\"child and adolescent mental health services\"", false).count(47));
  // "independent reviewing officers (IROs)" is in ¶20.
  EXPECT_TRUE(paras("IROs").count(20));
  EXPECT_TRUE(paras("LSCB").count(7));  // "The Local Safeguarding Children Board"
}

TEST_F(Query, BooleanOperatorsAndSigns) {
  EXPECT_EQ(paras("CAMHS AND police"), (std::set<int>{14, 120}));
  EXPECT_FALSE(paras("CAMHS NOT police").count(14));
  EXPECT_EQ(paras("CAMHS AND NOT police"), paras("CAMHS NOT police"));
  EXPECT_EQ(paras("+CAMHS +police"), paras("CAMHS AND police"));
  EXPECT_EQ(paras("CAMHS -police"), paras("CAMHS NOT police"));
  const auto either = paras("(CAMHS OR OSCA) AND police");
  for (int p : paras("CAMHS AND police")) EXPECT_TRUE(either.count(p)) << p;
}

TEST_F(Query, MultiWordFieldValues) {
  EXPECT_EQ(error_of("authority:\"blackburn with darwen\""),
            "unknown authority 'blackburn with darwen'; valid values: Wiltshire");
}

TEST_F(Query, DidYouMeanSuggestsIndexedWords) {
  const auto r = run("safegaurding");
  EXPECT_EQ(r.total, 0u);
  ASSERT_TRUE(r.suggestion);
  EXPECT_EQ(*r.suggestion, "safeguarding");
  EXPECT_FALSE(run("safeguarding").suggestion);
  EXPECT_FALSE(run("S47").suggestion);  // a synonym, not a typo
}

TEST_F(Query, MalformedQueriesNameTheProblemAndPlace) {
  EXPECT_NE(error_of("\"joint interviews").find("unbalanced quote: the '\"' at character 1"),
            std::string::npos);
  EXPECT_NE(error_of("(police OR health").find("unbalanced '(' at character 1"), std::string::npos);
  EXPECT_NE(error_of("police)").find("unbalanced ')' at character 7"), std::string::npos);
  EXPECT_NE(error_of("colour:red").find("unknown field 'colour:'"), std::string::npos);
  EXPECT_NE(error_of("joint NEAR interviews").find("NEAR at character 7 needs a distance"),
            std::string::npos);
  EXPECT_NE(error_of("joint NEAR/x interviews").find("whole number"), std::string::npos);
  EXPECT_NE(error_of("police AND").find("'AND' at character 8 needs a word or phrase after it"),
            std::string::npos);
  EXPECT_NE(error_of("OR police").find("needs a word or phrase before it"), std::string::npos);
  EXPECT_NE(error_of("as*ess").find("must end a word"), std::string::npos);
  EXPECT_NE(error_of("grade:").find("needs a value"), std::string::npos);
  EXPECT_NE(error_of("year:2018..2014").find("bad year '2018..2014'"), std::string::npos);
  EXPECT_NE(error_of("\"joint interviews\" NEAR/3 police").find("joins single words"), std::string::npos);
  EXPECT_NE(error_of("()").find("empty brackets"), std::string::npos);
}

TEST_F(Query, OffsetPagesThroughTheSameRanking) {
  SearchRequest request;
  request.query = "safeguarding";
  request.limit = 10;
  const auto first = searcher_->search(request);
  request.limit = 5;
  request.offset = 5;
  const auto second_half = searcher_->search(request);
  ASSERT_EQ(second_half.hits.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i)
    EXPECT_EQ(second_half.hits[i].paragraph.ordinal, first.hits[i + 5].paragraph.ordinal);
  EXPECT_EQ(second_half.total, first.total);
}

TEST_F(Query, ReportOrderSortsByOrdinal) {
  SearchRequest request;
  request.query = "safeguarding";
  request.limit = 100;
  request.sort = SortOrder::ReportOrder;
  const auto r = searcher_->search(request);
  for (std::size_t i = 1; i < r.hits.size(); ++i)
    EXPECT_LT(r.hits[i - 1].paragraph.ordinal, r.hits[i].paragraph.ordinal);
}

TEST_F(Query, GroupByReportCountsHits) {
  SearchRequest request;
  request.query = "safeguarding";
  request.group_by_report = true;
  request.count_facets = {"grade"};
  const auto r = searcher_->search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_TRUE(r.grouped);
  EXPECT_EQ(r.total, 1u);
  EXPECT_EQ(r.hits[0].report_hits, r.total_paragraphs);
  EXPECT_EQ(r.total_paragraphs, run("safeguarding").total);
  std::size_t sum = 0;
  for (const auto& [grade, count] : r.facets.at("grade")) sum += count.paragraphs;
  EXPECT_EQ(sum, r.total_paragraphs);
}

TEST_F(Query, ContextReturnsNeighboursFromTheSameReport) {
  SearchRequest request;
  request.query = "\"joint interviews\"";
  request.filters = {{"grade", {"inadequate"}}};
  request.context = 2;
  request.sort = SortOrder::ReportOrder;
  const auto r = searcher_->search(request);
  ASSERT_FALSE(r.hits.empty());
  const auto& hit = r.hits.front();
  EXPECT_EQ(hit.paragraph.para, 32);
  ASSERT_EQ(hit.before.size(), 2u);
  EXPECT_EQ(hit.before[0].para, 30);
  EXPECT_EQ(hit.before[1].para, 31);
  ASSERT_EQ(hit.after.size(), 2u);
  EXPECT_EQ(hit.after[0].para, 33);
  EXPECT_EQ(hit.after[0].report_id, hit.paragraph.report_id);
}

// --- Five reports, five years, two authorities ----------------------------------

class InspectionsCorpus : public test::InspectionsCorpus {
 protected:
  static SearchResults run(SearchRequest request) {
    request.limit = 100000;
    return searcher_->search(request);
  }
  static SearchRequest query(const std::string& text) {
    SearchRequest request;
    request.query = text;
    return request;
  }
};

TEST_F(InspectionsCorpus, FieldsCombineWithEachOther) {
  EXPECT_EQ(run(query("authority:\"wiltshire\" year:2012")).total, 158u);
  std::set<std::string> dates;
  for (const auto& h : run(query("year:2010..2013 grade:inadequate")).hits) dates.insert(h.report->published);
  EXPECT_EQ(dates, std::set<std::string>{"2012-04-24"});
}

TEST_F(InspectionsCorpus, DateOrderIsNewestReportFirst) {
  auto request = query("safeguarding");
  request.sort = SortOrder::Date;
  const auto r = run(request);
  ASSERT_EQ(r.hits.size(), r.total);
  std::vector<std::string> dates;
  for (const auto& h : r.hits)
    if (dates.empty() || dates.back() != h.report->published) dates.push_back(h.report->published);
  EXPECT_EQ(dates,
            (std::vector<std::string>{"2025-05-09", "2023-12-12", "2019-07-22", "2015-09-01", "2012-04-24"}))
      << "each report's paragraphs together, newest report first";
}

TEST_F(InspectionsCorpus, GroupByReportCountsEachReportsHits) {
  const auto paragraphs = run(query("\"management oversight\""));
  std::map<std::string, std::size_t> per_report;
  for (const auto& h : paragraphs.hits) ++per_report[h.paragraph.report_id];
  ASSERT_GT(per_report.size(), 1u) << "several reports speak of management oversight";

  auto request = query("\"management oversight\"");
  request.group_by_report = true;
  const auto grouped = run(request);
  EXPECT_TRUE(grouped.grouped);
  EXPECT_EQ(grouped.total, per_report.size());
  EXPECT_EQ(grouped.total_paragraphs, paragraphs.total);
  ASSERT_EQ(grouped.hits.size(), per_report.size());
  for (const auto& h : grouped.hits)
    EXPECT_EQ(h.report_hits, per_report.at(h.paragraph.report_id)) << h.paragraph.report_id;
}

TEST_F(InspectionsCorpus, ContextNeverCrossesIntoAnotherReport) {
  auto request = query("\"management oversight\"");
  request.context = 2;
  const auto r = run(request);
  ASSERT_FALSE(r.hits.empty());
  for (const auto& h : r.hits) {
    int expected = h.paragraph.ordinal - static_cast<int>(h.before.size());
    for (const auto& p : h.before) {
      EXPECT_EQ(p.report_id, h.paragraph.report_id);
      EXPECT_EQ(p.ordinal, expected++);
    }
    expected = h.paragraph.ordinal + 1;
    for (const auto& p : h.after) {
      EXPECT_EQ(p.report_id, h.paragraph.report_id);
      EXPECT_EQ(p.ordinal, expected++);
    }
  }
}

TEST(Synonyms, FileMistakesNameTheLine) {
  try {
    SynonymTable::parse("# comment\nS47\tsection 47\nMASH\n", "syn.tsv");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("syn.tsv:3: a line needs at least two forms"), std::string::npos)
        << e.what();
  }
  const auto table = SynonymTable::parse("CiC\tchildren in care\tLAC\n", "x");
  EXPECT_EQ(table.alternatives({"lac"}).size(), 2u);
  EXPECT_EQ(table.alternatives({"children", "in", "care"}).size(), 2u);
  EXPECT_TRUE(table.alternatives({"care"}).empty());
}

}  // namespace
}  // namespace ofs::searcher
