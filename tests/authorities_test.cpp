// The authority table (data/authorities.tsv) and what it does to the index:
// one council, one name, with its LA code and region; merged and split
// councils' reports as one history; the region facet; and the report-level
// filters --region, --year, --since and --inspector.  Facts are from the
// peer reference table (/work/shared/reference/local-authorities.csv, as
// corrected in the table's header) and from the reports' front pages.
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "analyzers/authorities.h"
#include "indexer/authority.h"
#include "indexer/metadata.h"
#include "sample_index.h"
#include "searcher/reports.h"
#include "test_support.h"

namespace ofs::test {
namespace {

using analyzers::AuthorityTable;

const AuthorityTable& table() {
  static const AuthorityTable t = AuthorityTable::load(data_dir() / "authorities.tsv");
  return t;
}

std::string canonical(std::string_view name) {
  const auto* a = table().find_name(name);
  return a ? a->name : "(not found: " + std::string(name) + ")";
}

std::vector<std::string> councils_of(std::string_view name) {
  std::vector<std::string> out;
  for (const auto* c : table().current_councils(*table().find_name(name))) out.push_back(c->name);
  return out;
}

// The spellings the issue saw reports use over the years, each pair one council.
TEST(AuthorityTable, EachSpellingOfACouncilIsOneCanonicalName) {
  EXPECT_EQ(canonical("Bristol, City of"), "Bristol");
  EXPECT_EQ(canonical("bristol"), "Bristol");
  EXPECT_EQ(canonical("Hull"), "Kingston upon Hull");
  EXPECT_EQ(canonical("Kingston Upon Hull"), "Kingston upon Hull");
  EXPECT_EQ(canonical("East Riding"), "East Riding of Yorkshire");
  EXPECT_EQ(canonical("Newcastle"), "Newcastle upon Tyne");
  EXPECT_EQ(canonical("Cheshire East Unitary Authority"), "Cheshire East");
  EXPECT_EQ(canonical("Council of the Isles of Scilly"), "Isles of Scilly");
  EXPECT_EQ(canonical("Windsor & Maidenhead"),
            "Windsor and Maidenhead");                           // folder 80546_windsor & maidenhead
  EXPECT_EQ(canonical("London Corporation"), "City of London");  // folder 80450_london corporation
  EXPECT_EQ(table().find_name("Nowhere-on-Sea"), nullptr);
}

TEST(AuthorityTable, CarriesTheIdentifiersOfTheReferenceTable) {
  // local-authorities.csv: 80441,801,E06000023,"Bristol, City of",[Bristol],SW,South West
  const auto* bristol = table().find_name("Bristol");
  ASSERT_NE(bristol, nullptr);
  EXPECT_EQ(bristol->ofsted_urn, "80441");
  EXPECT_EQ(bristol->la_code, "801");
  EXPECT_EQ(bristol->ons_code, "E06000023");
  EXPECT_EQ(bristol->region, "South West");
  EXPECT_EQ(table().find_urn("80580"), table().find_name("Wiltshire"));
}

// The peer table's mistakes the header says were corrected.
TEST(AuthorityTable, CorrectionsToTheReferenceTableHold) {
  EXPECT_EQ(table().find_name("Cumbria")->region, "North West");  // "NotKnown" in the source
  EXPECT_EQ(table().find_name("Medway")->region, "South East");   // blank in the source
  const auto* bournemouth = table().find_name("Bournemouth");     // missing from the source
  ASSERT_NE(bournemouth, nullptr);
  EXPECT_EQ(bournemouth->la_code, "837");
  for (const auto& a : table().authorities()) EXPECT_FALSE(a.region.empty()) << a.name;
}

// A title in lower case ("Tameside metropolitan borough") names the council
// once its council-type words are dropped, as the indexer drops them.
TEST(AuthorityTable, LowerCaseCouncilTypeWordsStillNameTheCouncil) {
  EXPECT_EQ(canonical(indexer::normalise_authority("Tameside metropolitan borough")), "Tameside");
  EXPECT_EQ(canonical(indexer::normalise_authority("Kingston Upon Hull City Council")), "Kingston upon Hull");
}

TEST(AuthorityTable, MergedAndSplitCouncilsLeadToTheCouncilsOfToday) {
  EXPECT_EQ(councils_of("Poole"), std::vector<std::string>{"Bournemouth, Christchurch and Poole"});
  EXPECT_EQ(councils_of("Bournemouth"), std::vector<std::string>{"Bournemouth, Christchurch and Poole"});
  EXPECT_EQ(councils_of("Northamptonshire"),
            (std::vector<std::string>{"North Northamptonshire", "West Northamptonshire"}));
  EXPECT_EQ(councils_of("Cumbria"), (std::vector<std::string>{"Cumberland", "Westmorland and Furness"}));
  EXPECT_EQ(councils_of("Dorset"), std::vector<std::string>{"Dorset"});
}

TEST(AuthorityTable, MistakesNameTheLineAndTheFix) {
  const std::string row = "Poole\t\t137316\t836\tE06000029\tSouth West\tUnitary Authority\tBCP Council\n";
  try {
    AuthorityTable::parse("# header\n" + row, "authorities.tsv");
    FAIL() << "a successor that is no row was accepted";
  } catch (const analyzers::TsvError& e) {
    EXPECT_NE(std::string(e.what()).find("authorities.tsv:2: successor 'BCP Council' of 'Poole'"),
              std::string::npos)
        << e.what();
  }
  try {
    AuthorityTable::parse("Hull\t\t1\t1\tE1\tNorth\tx\nKingston upon Hull\tHull\t2\t2\tE2\tNorth\tx\n",
                          "t.tsv");
    FAIL() << "one name for two authorities was accepted";
  } catch (const analyzers::TsvError& e) {
    EXPECT_NE(std::string(e.what()).find("t.tsv:2: the name 'Hull' is already 'Hull''s (line 1)"),
              std::string::npos)
        << e.what();
  }
}

// --- Naming a report's authority ------------------------------------------------

TEST(AuthorityResolution, AReportSpellingBristolCityOfIsTheCanonicalBristol) {
  indexer::ReportMeta meta;
  meta.authority_as_printed = "Bristol, City of";
  meta.authority = indexer::normalise_authority(meta.authority_as_printed);
  indexer::resolve_authority(meta, table(), "/reports/bristol.pdf");
  EXPECT_EQ(meta.authority, "Bristol");
  EXPECT_EQ(meta.la_code, "801");
  EXPECT_EQ(meta.region, "South West");
  EXPECT_EQ(meta.councils, std::vector<std::string>{"Bristol"});
  EXPECT_TRUE(meta.warnings.empty());
}

TEST(AuthorityResolution, AReportNamingNoneIsIndexedByItsFoldersUrnAndSaysSo) {
  indexer::ReportMeta meta;
  indexer::resolve_authority(meta, table(), "/corpus/80580_wiltshire/children's services inspection.pdf");
  EXPECT_EQ(meta.authority, "Wiltshire");
  EXPECT_EQ(meta.la_code, "865");
  ASSERT_EQ(meta.warnings.size(), 1u);
  EXPECT_NE(meta.warnings[0].find("indexed as Wiltshire, from its folder's Ofsted URN 80580"),
            std::string::npos)
      << meta.warnings[0];
}

TEST(AuthorityResolution, ANameInTheFileNameIsTheNextBestEvidence) {
  indexer::ReportMeta meta;
  indexer::resolve_authority(meta, table(),
                             "/notes/wiltshire-2012-safeguarding-and-looked-after-children.txt");
  EXPECT_EQ(meta.authority, "Wiltshire");
  ASSERT_EQ(meta.warnings.size(), 1u);
  EXPECT_NE(meta.warnings[0].find("from its file name"), std::string::npos) << meta.warnings[0];
}

TEST(AuthorityResolution, NoEvidenceAtAllIsUnknownNeverBlank) {
  indexer::ReportMeta meta;
  indexer::resolve_authority(meta, table(), "/tmp/notes.txt");
  EXPECT_EQ(meta.authority, schema::kUnknownAuthority);
  ASSERT_EQ(meta.warnings.size(), 1u);
  EXPECT_NE(meta.warnings[0].find("no local authority in the report"), std::string::npos);
}

TEST(AuthorityResolution, ANameOutsideTheTableIsKeptAsPrintedWithAWarning) {
  indexer::ReportMeta meta;
  meta.authority_as_printed = "Gotham City Council";
  meta.authority = indexer::normalise_authority(meta.authority_as_printed);
  indexer::resolve_authority(meta, table(), "/tmp/gotham.pdf");
  EXPECT_EQ(meta.authority, "Gotham");
  EXPECT_TRUE(meta.la_code.empty());
  ASSERT_EQ(meta.warnings.size(), 1u);
  EXPECT_NE(meta.warnings[0].find("'Gotham City Council' is not in the authority table"), std::string::npos);
}

// --- One council's history -------------------------------------------------------

searcher::CatalogueEntry report(const std::string& id, const std::string& printed,
                                const std::string& published, analyzers::Grade overall) {
  indexer::ReportMeta meta;
  meta.id = id;
  meta.authority_as_printed = printed;
  meta.authority = indexer::normalise_authority(printed);
  meta.published = published;
  meta.judgements.push_back({"", "Overall effectiveness", "overall", overall, ""});
  indexer::resolve_authority(meta, table(), "/tmp/" + id + ".pdf");
  return {meta};
}

// Poole (2018) and Bournemouth (2017) merged into BCP in 2019: BCP's 2021
// report is the one latest row for all three, and its previous overall
// grade is Poole's, the most recent of its predecessors'.
TEST(CouncilHistory, AMergedCouncilsReportsAreOneHistory) {
  using analyzers::Grade;
  searcher::Catalogue catalogue = {
      report("p", "Borough of Poole", "2018-03-01", Grade::Inadequate),
      report("b", "Bournemouth Borough Council", "2017-01-01", Grade::Good),
      report("bcp", "Bournemouth, Christchurch and Poole Council", "2021-07-01", Grade::Good),
      report("w", "Wiltshire Council", "2019-07-22", Grade::Good)};
  const auto latest = searcher::latest_reports(catalogue);
  std::set<std::string> ids;
  for (const auto* e : latest) ids.insert(e->meta.id);
  EXPECT_EQ(ids, (std::set<std::string>{"bcp", "w"}));
  const auto previous = searcher::previous_judgement(catalogue, catalogue[2], "overall");
  ASSERT_TRUE(previous);
  EXPECT_EQ(previous->report->meta.id, "p");
  EXPECT_EQ(searcher::judgement_change(catalogue, catalogue[2], "overall"), searcher::GradeChange::Improved);
}

// Northamptonshire split in 2021; while only North Northamptonshire has been
// inspected since, West Northamptonshire's latest is still the county's report.
TEST(CouncilHistory, ASplitCouncilsReportIsBothSuccessorsHistoryAndListedOnce) {
  using analyzers::Grade;
  searcher::Catalogue catalogue = {
      report("n", "Northamptonshire County Council", "2019-08-01", Grade::Inadequate),
      report("nn", "North Northamptonshire Council", "2026-07-07", Grade::None)};
  const auto latest = searcher::latest_reports(catalogue);
  ASSERT_EQ(latest.size(), 2u);  // nn for North, n for West
  EXPECT_EQ(latest[0]->meta.id == "n" || latest[1]->meta.id == "n", true);
  catalogue.push_back(report("wn", "West Northamptonshire Council", "2024-01-01", Grade::Good));
  const auto after = searcher::latest_reports(catalogue);
  std::set<std::string> ids;
  for (const auto* e : after) ids.insert(e->meta.id);
  EXPECT_EQ(ids, (std::set<std::string>{"nn", "wn"}));
}

// --- Real reports ------------------------------------------------------------------

// Reports whose folders the table names differently from the report, or whose
// reports print a council-type name: "Kingston Upon Hull City Council" (2019,
// page 1), "Inspection of Bristol local authority children’s services" (2023,
// page 1), "Inspection of City of London local authority children’s services"
// (2024, page 1), and Windsor and Maidenhead's.
class AuthoritiesCorpus : public SharedIndex {
 protected:
  static std::vector<fs::path> reports() {
    const fs::path pdfs = shared_corpus() / "ofsted-pdf";
    return {pdfs / "80441_bristol",
            pdfs / "80477_kingston upon hull",
            pdfs / "80450_london corporation",
            pdfs / "80546_windsor & maidenhead",
            pdfs / "80580_wiltshire",
            sample_report()};
  }
  static void SetUpTestSuite() {
    const auto inputs = reports();
    if (std::all_of(inputs.begin(), inputs.end(), [](const fs::path& p) { return fs::exists(p); }))
      open("authorities", inputs);
  }
  void SetUp() override {
    for (const auto& r : reports()) OFS_REQUIRE_CORPUS_PATH(r);
  }
  static searcher::Catalogue catalogue() { return searcher::load_catalogue(searcher::open_index(db())); }
};

TEST_F(AuthoritiesCorpus, EveryReportIsItsFoldersCouncilWithItsCodes) {
  const auto all = catalogue();
  ASSERT_GT(all.size(), 6u);
  for (const auto& entry : all) {
    const auto& m = entry.meta;
    const std::string folder = fs::path(m.path).parent_path().filename().string();
    if (m.path != sample_report().string()) {
      EXPECT_EQ(m.ofsted_urn, folder.substr(0, folder.find('_'))) << m.path;
    }
    EXPECT_FALSE(m.la_code.empty()) << m.path;
    EXPECT_FALSE(m.region.empty()) << m.path;
    if (m.authority_as_printed == "Kingston Upon Hull City Council") {
      EXPECT_EQ(m.authority, "Kingston upon Hull");
      EXPECT_EQ(m.la_code, "810");
    }
  }
  std::set<std::string> names;
  for (const auto& entry : all) names.insert(entry.meta.authority);
  EXPECT_EQ(names, (std::set<std::string>{"Bristol", "City of London", "Kingston upon Hull", "Wiltshire",
                                          "Windsor and Maidenhead"}));
}

// The region facet counts a region's paragraphs: the sum of the paragraph
// counts of the reports on its authorities.
TEST_F(AuthoritiesCorpus, RegionFacetCountsEachRegionsParagraphs) {
  searcher::SearchRequest request;
  request.filters["year"] = {"2000..2100"};  // every report: each prints a date
  request.count_facets = {"region"};
  request.limit = 0;
  const auto results = searcher_->search(request);
  std::map<std::string, std::size_t> expected;
  for (const auto& entry : catalogue()) expected[entry.meta.region] += entry.meta.paragraph_count;
  ASSERT_EQ(expected.count("South West"), 1u);  // Bristol and Wiltshire
  const auto& counted = results.facets.at("region");
  ASSERT_EQ(counted.size(), expected.size());
  for (const auto& [region, paragraphs] : expected)
    EXPECT_EQ(counted.at(region).paragraphs, paragraphs) << region;

  searcher::SearchRequest london;
  london.filters["region"] = {"london"};
  london.limit = 0;
  EXPECT_EQ(searcher_->search(london).total, expected.at("London"));
}

TEST_F(AuthoritiesCorpus, SearchResultsCarryTheLaCodeAndRegion) {
  const auto r = run_ofs("--db " + shell_quote(db().string()) +
                         " search 'region:\"south west\"' --format jsonl --limit 5000");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> codes;
  std::size_t start = 0;
  for (std::size_t end; (end = r.out.find('\n', start)) != std::string::npos; start = end + 1) {
    const auto hit = nlohmann::json::parse(r.out.substr(start, end - start));
    EXPECT_EQ(hit["region"], "South West");
    codes.insert(hit["la_code"].get<std::string>());
    const std::string ref = hit["ref"];
    EXPECT_EQ(ref, hit["report_id"].get<std::string>() + ":" + std::to_string(hit["ordinal"].get<int>()));
  }
  EXPECT_EQ(codes, (std::set<std::string>{"801", "865"}));  // Bristol, Wiltshire
}

// --- Report-level filters on the sample ----------------------------------------------

// The sample: "Reporting inspector: Lynne Staines HMI", "Published: 24 April
// 2012", Wiltshire (South West, LA 865).
class ReportFiltersCli : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db() const { return "--db " + shell_quote((dir_ / "db").string()); }
  void SetUp() override {
    ASSERT_EQ(run_ofs(db() + " index " + shell_quote(sample_report().string())).exit_code, 0);
  }
};

TEST_F(ReportFiltersCli, RegionYearSinceAndInspectorSelectTheSample) {
  for (const char* command : {"judgements", "reports"}) {
    for (const char* wanted : {"--region 'South West'", "--year 2012", "--year 2010..2013",
                               "--since 2012-04-24", "--inspector staines", "--inspector 'Lynne Staines'"}) {
      const auto r = run_ofs(db() + " " + command + " " + wanted + " --format csv");
      EXPECT_EQ(r.exit_code, 0) << command << " " << wanted << ": " << r.err;
      EXPECT_NE(r.out.find("Wiltshire"), std::string::npos) << command << " " << wanted;
    }
    for (const char* none : {"--year 2013", "--since 2012-04-25"}) {
      const auto r = run_ofs(db() + " " + command + " " + none + " --format csv");
      EXPECT_EQ(r.exit_code, 1) << command << " " << none << ": " << r.out;
    }
  }
  const auto region = run_ofs(db() + " judgements --region 'South Wst'");
  EXPECT_EQ(region.exit_code, 2);
  EXPECT_NE(region.err.find("did you mean 'South West'"), std::string::npos) << region.err;
  const auto inspector = run_ofs(db() + " reports --inspector Stanes");
  EXPECT_EQ(inspector.exit_code, 2);
  EXPECT_NE(inspector.err.find("Lynne Staines"), std::string::npos) << inspector.err;
}

// --inspector names anyone on the inspection team.  Barnet 2017 prints "Lead
// inspector: Louise Warren", "Deputy lead inspector: Margaret Burke", "Team
// inspectors: Paula Thomson-Jones, …"; Bedford 2017 "Lead inspector: Donna
// Marriott, HMI", "Team inspectors: Anji Parker, HMI, Margaret Burke, HMI, …".
class InspectorTeamCliCorpus : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db() const { return "--db " + shell_quote((dir_ / "db").string()); }
  std::vector<std::string> authorities(const std::string& wanted) const {
    const auto r = run_ofs(db() + " reports --format json --inspector " + shell_quote(wanted));
    EXPECT_EQ(r.exit_code, 0) << wanted << ": " << r.err;
    std::vector<std::string> names;
    if (r.exit_code == 0)
      for (const auto& report : nlohmann::json::parse(r.out)) names.push_back(report["authority"]);
    std::sort(names.begin(), names.end());
    return names;
  }
};

TEST_F(InspectorTeamCliCorpus, AnInspectorIsFoundInEveryRoleOnTheTeam) {
  const fs::path pdfs = shared_corpus() / "ofsted-pdf";
  OFS_REQUIRE_CORPUS_PATH(pdfs / "80487_barnet");
  OFS_REQUIRE_CORPUS_PATH(pdfs / "80428_bedford");
  ASSERT_EQ(run_ofs(db() + " index " + shell_quote((pdfs / "80487_barnet").string()) + " " +
                    shell_quote((pdfs / "80428_bedford").string()))
                .exit_code,
            0);
  EXPECT_EQ(authorities("Margaret Burke"), (std::vector<std::string>{"Barnet", "Bedford"}))
      << "deputy lead in one report, team inspector in the other";
  EXPECT_EQ(authorities("thomson-jones"), (std::vector<std::string>{"Barnet"}));
  EXPECT_EQ(authorities("Marriott"), (std::vector<std::string>{"Bedford"}));
  const auto slip = run_ofs(db() + " reports --inspector 'Paula Thomsen-Jones'");
  EXPECT_EQ(slip.exit_code, 2);
  EXPECT_NE(slip.err.find("Paula Thomson-Jones"), std::string::npos) << slip.err;
}

TEST_F(ReportFiltersCli, JudgementsCarryTheLaCode) {
  const auto r = run_ofs(db() + " judgements --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = nlohmann::json::parse(r.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["la_code"], "865");
  EXPECT_EQ(rows[0]["region"], "South West");
  const auto text = run_ofs(db() + " judgements");
  EXPECT_NE(text.out.find("Wiltshire (LA 865)"), std::string::npos) << text.out;
}

// --- ofs show REF ---------------------------------------------------------------------

// The first result's `ref` for `query`, from the JSON lines a search prints.
std::string first_ref(const std::string& db, const std::string& query) {
  const auto r = run_ofs(db + " search " + shell_quote(query) + " --format jsonl --limit 1");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (r.out.empty()) return {};
  return nlohmann::json::parse(r.out.substr(0, r.out.find('\n')))["ref"].get<std::string>();
}

// Sample, paragraph 49: "Children and young people who have been victims of
// sexual assault have good support…", between ¶48 ("A wide range of good
// quality sexual health services") and ¶50; the record of main findings
// grades overall effectiveness (safeguarding) inadequate.
TEST_F(ReportFiltersCli, ShowPrintsTheParagraphItsNeighboursJudgementsAndSource) {
  const std::string ref = first_ref(db(), "\"victims of sexual assault\"");
  ASSERT_FALSE(ref.empty());
  const auto r = run_ofs(db() + " show " + ref + " --context 1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Wiltshire 2012 ¶49"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ref: " + ref), std::string::npos);
  EXPECT_NE(
      r.out.find("\nChildren and young people who have been victims of sexual assault have good support"),
      std::string::npos);
  EXPECT_NE(r.out.find("┆ ¶48 A wide range of good quality sexual health services"), std::string::npos);
  EXPECT_NE(r.out.find("┆ ¶50 "), std::string::npos);
  EXPECT_NE(r.out.find("  overall: inadequate\n"), std::string::npos);
  EXPECT_NE(r.out.find("source: file://" + sample_report().string() + "\n"), std::string::npos) << r.out;

  const auto text = run_ofs(db() + " search '\"victims of sexual assault\"' --limit 1");
  EXPECT_NE(text.out.find("ref: " + ref), std::string::npos) << "text results print the reference";

  EXPECT_EQ(run_ofs(db() + " show " + ref.substr(0, ref.find(':')) + ":100000").exit_code, 2);
  const auto bad = run_ofs(db() + " show 57");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("give REPORT-ID:ORDINAL"), std::string::npos) << bad.err;
}

// Wiltshire 2015 (SIF), page 12: "23. While social workers do take account of
// previous involvement with children and families, they are not making good
// or effective use of chronologies … identify disguised compliance of parents
// early enough".
TEST_F(AuthoritiesCorpus, ShowLinksToThePdfPage) {
  const std::string db_option = "--db " + shell_quote(db().string());
  const std::string ref = first_ref(db_option, "\"disguised compliance of parents early enough\"");
  ASSERT_FALSE(ref.empty());
  const auto r = run_ofs(db_option + " show " + ref + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["paragraph"]["para"], 23);
  EXPECT_EQ(doc["paragraph"]["la_code"], "865");
  EXPECT_EQ(doc["judgements"]["overall"], "requires-improvement");
  const std::string source = doc["source"];
  EXPECT_TRUE(source.starts_with("file:///")) << source;
  EXPECT_TRUE(
      source.ends_with("/80580_wiltshire/children%27s%20services%20inspection%20-%2001%20september%202015.pdf"
                       "#page=12"))
      << source;
}

}  // namespace
}  // namespace ofs::test
