// A reader that meets a newer revision of the index (the writer committed
// past the one it opened, so Xapian throws DatabaseModifiedError) reopens
// and reads again: each search answers from one committed revision.
#include "searcher/revision.h"

#include "sample_index.h"

namespace ofs::searcher {
namespace {

class Revisions : public ::testing::Test {
 protected:
  void SetUp() override {
    tables_ = std::make_unique<indexer::Tables>(indexer::Tables::load(test::data_dir()));
    indexer::index_paths(db(), {test::sample_report()}, *tables_,
                         [](const indexer::FileOutcome&, std::size_t, std::size_t) {});
  }
  std::filesystem::path db() const { return dir_.path() / "db"; }

  // Every document's data, in document order: a read that touches the whole index.
  static std::vector<std::string> all_data(const Xapian::Database& db) {
    std::vector<std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
      out.push_back(db.get_document(*it).get_data());
    return out;
  }

  // "police" as written (the index keeps no stems).
  static bool mentions_police(const Xapian::Document& doc) {
    auto term = doc.termlist_begin();
    term.skip_to("police");
    return term != doc.termlist_end() && *term == "police";
  }

  // One commit that rewrites every document (so the blocks the old
  // revision used are freed for reuse) and, when `drop_police`, deletes
  // the paragraphs that mention the police.
  void commit_rewrite(int round, bool drop_police) const {
    Xapian::WritableDatabase writer(db().string(), Xapian::DB_OPEN);
    std::vector<Xapian::docid> ids;
    for (auto it = writer.postlist_begin(""); it != writer.postlist_end(""); ++it) ids.push_back(*it);
    for (const auto id : ids) {
      Xapian::Document doc = writer.get_document(id);
      if (drop_police && mentions_police(doc)) {
        writer.delete_document(id);
        continue;
      }
      doc.set_data(doc.get_data() + std::string(static_cast<std::size_t>(round % 7), ' '));
      writer.replace_document(id, doc);
    }
    writer.commit();
  }

  test::TempDir dir_;
  std::unique_ptr<indexer::Tables> tables_;
};

TEST_F(Revisions, AStaleReaderReopensAndReadsTheNewestRevision) {
  Xapian::Database stale(db().string());
  Xapian::Database witness(db().string());  // opened at the same revision, never retried
  bool witness_failed = false;
  for (int round = 1; round <= 20 && !witness_failed; ++round) {
    commit_rewrite(round, false);
    try {
      all_data(witness);
    } catch (const Xapian::DatabaseModifiedError&) {
      witness_failed = true;
    }
  }
  // Without the retry a reader this far behind fails: the case to handle.
  ASSERT_TRUE(witness_failed) << "twenty rewrites never invalidated a reader";
  const auto read = read_one_revision(stale, [&] { return all_data(stale); });
  EXPECT_EQ(read, all_data(Xapian::Database(db().string())));
}

TEST_F(Revisions, ASearchDuringCommitsAnswersFromOneRevision) {
  const Searcher searcher(db());
  SearchRequest police;
  police.query = "police";
  police.limit = 1000;
  const std::size_t before = searcher.search(police).total;
  ASSERT_GT(before, 0u);
  for (int round = 1; round <= 6; ++round) commit_rewrite(round, round == 6);
  // The searcher opened six commits ago: it answers either from the revision
  // it still holds (all its blocks intact) or, once Xapian reports the index
  // moved on, from the newest one, where no paragraph mentions the police.
  const auto results = searcher.search(police);
  EXPECT_TRUE(results.total == before || results.total == 0) << results.total;
  EXPECT_EQ(results.hits.size(), results.total);
  for (const auto& hit : results.hits) EXPECT_FALSE(hit.paragraph.text.empty());
  if (results.total == 0) {
    EXPECT_EQ(searcher.search(police).total, 0u);
  }
}

}  // namespace
}  // namespace ofs::searcher
