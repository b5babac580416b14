// Inputs the fuzzers (fuzz/) found to break a contract, each kept as it was
// found (minimised) with the contract it broke.
#include "searcher/saved_queries.h"
#include "test_support.h"

namespace ofs::searcher {
namespace {

// A saved-queries file that reads also reads back the same once rewritten:
// a created time written as a string with a leading space came back as a
// date-time without it.
TEST(FuzzRegressions, CreatedStringThatIsNotExactlyADateTimeSurvivesARewrite) {
  for (const std::string created :
       {" 2024-01-02T03:04:05Z", "2024-01-02 03:04:05Z", "2024-01-02T03:04:05Z\\nx = 1"}) {
    const auto saved = parse_saved_queries(
        "[queries.alpha]\nquery = 'joint interviews'\ncreated = \"" + created + "\"\n", "team.toml");
    ASSERT_EQ(saved.queries.size(), 1u);
    const std::string as_read = saved.queries[0].created;
    const auto again = parse_saved_queries(to_toml(saved), "rewritten.toml");
    ASSERT_EQ(again.queries.size(), 1u);
    EXPECT_EQ(again.queries[0].created, as_read) << created;
  }
  // An exact date-time string is still written as a TOML date-time.
  SavedQueries dated;
  SavedQuery alpha;
  alpha.name = "alpha";
  alpha.query = "x";
  alpha.created = "2024-01-02T03:04:05Z";
  dated.queries.push_back(alpha);
  EXPECT_NE(to_toml(dated).find("created = 2024-01-02T03:04:05Z\n"), std::string::npos) << to_toml(dated);
}

}  // namespace
}  // namespace ofs::searcher
