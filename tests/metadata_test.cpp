// Report-level metadata (indexer/metadata.cpp): title, authority, framework, dates, lead
// inspector, for at least one report of every framework.  Expected values are what the
// reports print (checked against the PDF text with pdf_dump / pdftotext).
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "indexer/indexer.h"
#include "indexer/metadata.h"
#include "test_support.h"

namespace ofs {
namespace {

using indexer::ReportMeta;

TEST(NormaliseAuthority, StripsCouncilWordsOnlyAroundTheName) {
  using indexer::normalise_authority;
  EXPECT_EQ(normalise_authority("Kent County Council"), "Kent");
  EXPECT_EQ(normalise_authority("Bedford Borough"), "Bedford");
  EXPECT_EQ(normalise_authority("Blackburn with Darwen"), "Blackburn with Darwen");
  EXPECT_EQ(normalise_authority("Royal Borough of Windsor and Maidenhead"), "Windsor and Maidenhead");
  EXPECT_EQ(normalise_authority("Windsor & Maidenhead"), "Windsor and Maidenhead");
  EXPECT_EQ(normalise_authority("City of London"), "City of London");
  EXPECT_EQ(normalise_authority("London Borough of Merton Council"), "Merton");
  EXPECT_EQ(normalise_authority("Metropolitan Borough of Rotherham"), "Rotherham");
  EXPECT_EQ(normalise_authority("Doncaster Metropolitan Borough Council"), "Doncaster");
  EXPECT_EQ(normalise_authority("Wakefield District Metropolitan Council"), "Wakefield");
  EXPECT_EQ(normalise_authority("Kingston Upon Hull City Council"), "Kingston upon Hull");
  EXPECT_EQ(normalise_authority("Southend-on-Sea city council"), "Southend-on-Sea");
  EXPECT_EQ(normalise_authority("City of Wolverhampton"), "Wolverhampton");
  EXPECT_EQ(normalise_authority("Leicester City"), "Leicester");
  EXPECT_EQ(normalise_authority("Borough of Redcar and Cleveland"), "Redcar and Cleveland");
  EXPECT_EQ(normalise_authority("the Isle of Wight"), "Isle of Wight");
  EXPECT_EQ(normalise_authority("Medway Children’s Services"), "Medway");
  EXPECT_EQ(normalise_authority("Bradford Children and Families Trust"), "Bradford");
  EXPECT_EQ(normalise_authority("Stoke-on-Trent"), "Stoke-on-Trent");
  EXPECT_EQ(normalise_authority("Council"), "Council");  // never strips the whole name
  EXPECT_EQ(normalise_authority(""), "");
}

struct Expected {
  std::string title;
  std::string authority;
  std::string as_printed;
  std::string framework;
  std::string start, end, published, published_source;
  std::string lead_inspector;
};

class Metadata : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tables_ = std::make_unique<indexer::Tables>(indexer::Tables::load(test::data_dir()));
  }
  static void TearDownTestSuite() { tables_.reset(); }

  static ReportMeta read(const std::filesystem::path& file) {
    auto result = indexer::read_report(file, *tables_);
    if (!result.report) {
      ADD_FAILURE() << file << ": " << result.outcome.reason;
      return {};
    }
    return result.report->meta;
  }

  static std::filesystem::path pdf(const std::string& folder, const std::string& name) {
    return test::shared_corpus() / "ofsted-pdf" / folder / name;
  }

  static void expect(const ReportMeta& m, const Expected& e) {
    EXPECT_EQ(m.title, e.title);
    EXPECT_EQ(m.authority, e.authority);
    EXPECT_EQ(m.authority_as_printed, e.as_printed);
    EXPECT_EQ(m.framework, e.framework);
    EXPECT_EQ(m.inspection_start, e.start);
    EXPECT_EQ(m.inspection_end, e.end);
    EXPECT_EQ(m.published, e.published);
    EXPECT_EQ(m.published_source, e.published_source);
    EXPECT_EQ(m.lead_inspector, e.lead_inspector);
    EXPECT_TRUE(m.warnings.empty()) << m.warnings.front();
  }

  static std::unique_ptr<indexer::Tables> tables_;
};

std::unique_ptr<indexer::Tables> Metadata::tables_;

// The same checks on real reports from the shared corpus.
class MetadataCorpus : public Metadata {};

const char* kSifTitle =
    "Inspection of services for children in need of help and protection, children looked after and care "
    "leavers";

TEST_F(Metadata, SafeguardingAndLookedAfterChildren2012PlainText) {
  expect(read(test::sample_report()),
         {"Inspection of safeguarding and looked after children services Wiltshire", "Wiltshire", "Wiltshire",
          "safeguarding-lac", "2012-03-05", "2012-03-16", "2012-04-24", "report", "Lynne Staines"});
}

TEST_F(MetadataCorpus, LookedAfterChildren2013) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto m = read(pdf("80476_kent", "children's services inspection,  pdf - 23 august 2013.pdf"));
  EXPECT_EQ(m.title, "Inspection of looked after children services");
  EXPECT_EQ(m.authority, "Kent");
  EXPECT_EQ(m.authority_as_printed, "Kent County Council");
  EXPECT_EQ(m.framework, "safeguarding-lac");
  EXPECT_EQ(m.published, "2013-08-23");  // printed "Published: 23 August 2013"; also the file name's date
  // Page 1 prints "Inspection dates: 15 – 19 July 2013" and "Reporting inspector Helen Cawston
  // HMI" in 10pt type low on the page (not footnotes: the page has no footnote reference).
  EXPECT_EQ(m.inspection_start, "2013-07-15");
  EXPECT_EQ(m.inspection_end, "2013-07-19");
  EXPECT_EQ(m.lead_inspector, "Helen Cawston");
  EXPECT_TRUE(m.warnings.empty()) << m.warnings.front();
}

TEST_F(MetadataCorpus, SingleInspectionFramework2017) {
  OFS_REQUIRE_SHARED_CORPUS();
  expect(
      read(pdf("80428_bedford", "children's services inspection - 07 april 2017.pdf")),
      {std::string(kSifTitle) + " and Review of the effectiveness of the Local Safeguarding Children Board",
       "Bedford", "Bedford Borough", "sif", "2017-01-23", "2017-02-16", "2017-04-07", "report",
       "Donna Marriott"});
}

TEST_F(MetadataCorpus, SingleInspectionFrameworkVariants) {
  OFS_REQUIRE_SHARED_CORPUS();
  // Numeric dates: "Inspection date: 12/09/2016 to 06/10/2016", "Report published: 25/11/2016".
  expect(
      read(pdf("80512_redbridge", "children's services inspection - 25 november 2016.pdf")),
      {std::string(kSifTitle) + " and Review of the effectiveness of the Local Safeguarding Children Board",
       "Redbridge", "London Borough of Redbridge Council", "sif", "2016-09-12", "2016-10-06", "2016-11-25",
       "report", "Louise Hocking"});
  // Dates and publication on one line: "Inspection date: 21 November–15 December 2016 Report
  // published: 13 February 2017".
  const auto sg =
      read(pdf("80556_south gloucestershire", "children's services inspection - 13 february 2017.pdf"));
  EXPECT_EQ(sg.inspection_start, "2016-11-21");
  EXPECT_EQ(sg.inspection_end, "2016-12-15");
  EXPECT_EQ(sg.published, "2017-02-13");
  EXPECT_EQ(sg.lead_inspector, "Stephanie Murray");
  // "Lead inspector:" with the name on the next line.
  EXPECT_EQ(read(pdf("80537_peterborough", "children's services inspection - 18 september 2015.pdf"))
                .lead_inspector,
            "Nigel Parkes");
  // 2018 re-inspection under the SIF.
  const auto norfolk = read(pdf("80418_norfolk", "children's services inspection - 19 january 2018.pdf"));
  EXPECT_EQ(norfolk.framework, "sif");
  EXPECT_EQ(norfolk.authority, "Norfolk");
  EXPECT_EQ(norfolk.inspection_start, "2017-11-13");
  EXPECT_EQ(norfolk.lead_inspector, "Donna Marriott");
  const auto wm = read(pdf("80546_windsor & maidenhead", "children's services inspection - 13 may 2015.pdf"));
  EXPECT_EQ(wm.authority, "Windsor and Maidenhead");
  EXPECT_EQ(wm.lead_inspector, "Mike Ferguson");
}

TEST_F(MetadataCorpus, Ilacs2019NameAboveTitle) {
  OFS_REQUIRE_SHARED_CORPUS();
  expect(read(pdf("80431_blackpool", "children's services inspection - 17 january 2019.pdf")),
         {"Inspection of children’s social care services", "Blackpool", "Blackpool Borough Council", "ilacs",
          "2018-11-26", "2018-12-07", "2019-01-17", "file name", "Lorna Schlechte"});
  const auto hull = read(pdf("80477_kingston upon hull", "children's services inspection - 17 may 2019.pdf"));
  EXPECT_EQ(hull.authority, "Kingston upon Hull");
  EXPECT_EQ(hull.authority_as_printed, "Kingston Upon Hull City Council");
  EXPECT_EQ(read(pdf("80542_rochdale", "children's services inspection - 12 march 2018.pdf")).lead_inspector,
            "Paula Thomson-Jones");
}

TEST_F(MetadataCorpus, Ilacs2024) {
  OFS_REQUIRE_SHARED_CORPUS();
  expect(read(pdf("2733690_cumberland", "children's services inspection - 26 november 2024.pdf")),
         {"Inspection of Cumberland local authority children’s services", "Cumberland", "Cumberland", "ilacs",
          "2024-10-07", "2024-10-18", "2024-11-26", "file name", "Lisa Walsh"});
  const auto london =
      read(pdf("80450_london corporation", "children's services inspection - 05 november 2024.pdf"));
  EXPECT_EQ(london.authority, "City of London");
  EXPECT_EQ(london.framework, "ilacs");
  const auto kent = read(pdf("80476_kent", "children's services inspection - 05 july 2022.pdf"));
  EXPECT_EQ(kent.authority, "Kent");
  EXPECT_EQ(kent.authority_as_printed, "Kent County Council");
  EXPECT_EQ(kent.lead_inspector, "Margaret Burke");  // "Margaret Burke, Her Majesty’s Inspector"
  const auto bradford = read(pdf("80449_bradford", "children's services inspection - 21 may 2026.pdf"));
  EXPECT_EQ(bradford.title, "Inspection of Bradford Children and Families Trust");
  EXPECT_EQ(bradford.authority, "Bradford");
  EXPECT_EQ(bradford.framework, "ilacs");  // inspected January 2026, still with overall effectiveness
}

TEST_F(MetadataCorpus, Reformed2026) {
  OFS_REQUIRE_SHARED_CORPUS();
  expect(read(pdf("2637539_north northamptonshire", "children's services inspection - 07 july 2026.pdf")),
         {"Inspection of North Northamptonshire local authority children’s services",
          "North Northamptonshire", "North Northamptonshire", "reform-2026", "2026-05-11", "2026-05-22",
          "2026-07-07", "file name", "David Cohen"});
}

}  // namespace
}  // namespace ofs
