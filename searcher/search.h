// ofs searcher: runs a query with facet filters against an ofs index and
// returns ranked paragraph hits with snippets and facet counts.
// Contract: a malformed query or an unknown facet value throws QueryError
// with a message that names the problem and the fix; any other failure to
// read the index throws std::runtime_error.  Results are plain data: the
// printers in output.h decide how people and scripts see them.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "schema/facets.h"
#include "schema/records.h"
#include "searcher/limits.h"
#include "searcher/snippet.h"
#include "searcher/synonyms.h"

namespace ofs::searcher {

class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Facets a request can filter on and count (schema/facets.h's table).
inline const std::vector<std::string>& kFacets = schema::facet_names();

enum class SortOrder { Relevance, Date, ReportOrder };
// Their names, as --sort and saved queries give them, in enum order.
inline const std::vector<std::string> kSortNames = {"relevance", "date", "report"};
std::optional<SortOrder> sort_order(std::string_view name);

struct SearchRequest {
  std::string query;                                        // may be empty: filters only
  std::map<std::string, std::vector<std::string>> filters;  // facet -> values (OR within, AND across)
  std::size_t limit = 10;
  std::size_t offset = 0;
  SortOrder sort = SortOrder::Relevance;
  std::vector<std::string> count_facets;  // facets to count over the whole result set
  std::size_t snippet_chars = 240;
  // Only paragraphs of these reports (ids as in ReportRecord::id); empty = all.
  // Used by --latest, --declined/--improved and --since/--new, which the
  // report catalogue resolves (it knows when undated reports were indexed).
  std::vector<std::string> report_ids;
  bool synonyms = true;          // expand with the Searcher's synonym table
  bool group_by_report = false;  // one hit per report: its best paragraph
  std::size_t context = 0;       // neighbouring paragraphs to return around each hit
  QueryLimits limits;            // how big a query is accepted (searcher/limits.h)
};

struct Hit {
  schema::StoredParagraph paragraph;
  // The report the paragraph belongs to; never null (a report whose record
  // cannot be read has one holding only its id).  Hits of one report share it.
  std::shared_ptr<const schema::ReportRecord> report;
  double score = 0;
  std::string snippet;  // plain text with kHighlightStart/End around matches (snippet.h)
  // The page on which the first matched words of the query are printed: the
  // paragraph's page when they are on it, or the match was not in the text.
  int match_page = 0;
  // Set with SearchRequest::context: up to that many paragraphs of the same
  // report just before and after this one, in report order.
  std::vector<schema::StoredParagraph> before, after;
  // Set with SearchRequest::group_by_report: matching paragraphs in this report.
  std::size_t report_hits = 0;
};

// The facet count label for paragraphs whose report gives no authority,
// year or framework.
inline constexpr std::string_view kUnknownFacetValue = "(unknown)";

struct FacetValueCount {
  std::size_t paragraphs = 0;
  std::size_t reports = 0;
};
using FacetCounts = std::map<std::string, std::map<std::string, FacetValueCount>>;

struct SearchResults {
  std::size_t total = 0;  // matching paragraphs, or reports when grouped
  bool total_exact = true;
  bool grouped = false;              // hits are one per report
  std::size_t total_paragraphs = 0;  // matching paragraphs (also when grouped)
  std::size_t context = 0;           // neighbours asked for around each hit (SearchRequest::context)
  // The query with unknown words replaced by spelling suggestions.
  std::optional<std::string> suggestion;
  std::vector<Hit> hits;
  FacetCounts facets;
};

class Searcher {
 public:
  // Throws std::runtime_error naming `db_dir` when there is no index there.
  // `synonyms` expands queries unless a request turns it off.  Facet values
  // are checked against the facet table's vocabularies and the index's own
  // terms, so a search reads no data file but the synonyms.
  explicit Searcher(const std::filesystem::path& db_dir, SynonymTable synonyms = {});

  // Answers from one committed revision, the newest when the index changed
  // during the search (searcher/revision.h).
  SearchResults search(const SearchRequest& request) const;

  // The Xapian query a request runs, for --explain and tests.
  Xapian::Query build_query(const SearchRequest& request) const;

  // The query for one facet value ("grade", "inadequate"; "year",
  // "2014..2018"); throws QueryError for an unknown facet or value.
  Xapian::Query facet_query(const std::string& facet, const std::string& value) const;

  // The values of `facet` present in the index, for messages and completion.
  std::vector<std::string> indexed_values(const std::string& facet) const;
  // The authorities of the indexed reports, as the reports name them.
  std::vector<std::string> indexed_authorities() const;

 private:
  struct Built {
    Xapian::Query query;
    std::optional<std::string> suggestion;
  };
  Built build(const SearchRequest& request) const;
  SearchResults search_revision(const SearchRequest& request) const;
  Xapian::Query filter_query(const std::map<std::string, std::vector<std::string>>& filters) const;
  std::vector<schema::StoredParagraph> neighbours(const schema::StoredParagraph& paragraph, int from,
                                                  int to) const;
  void add_context(Hit& hit, std::size_t count) const;

  // Mutable: a search reopens it when the index moves on during a read.
  mutable Xapian::Database db_;
  SynonymTable synonyms_;
};

// "2012" -> {2012, 2012}, "2014..2018" -> {2014, 2018}; nothing for anything else.
std::optional<std::pair<int, int>> year_range(const std::string& value);

// Removes highlight markers.
std::string plain_snippet(const std::string& snippet);

}  // namespace ofs::searcher
