#include "searcher/search.h"

#include <algorithm>
#include <unordered_map>

#include "analyzers/areas.h"
#include "analyzers/grade.h"
#include "analyzers/text.h"
#include "schema/analysis.h"
#include "schema/layout.h"
#include "searcher/query.h"
#include "searcher/reports.h"
#include "searcher/revision.h"
#include "searcher/unknown_value.h"

namespace ofs::searcher {

namespace {

std::string join(const std::vector<std::string>& values, std::string_view sep) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += sep;
    out += v;
  }
  return out;
}

QueryError unknown_facet(const std::string& facet, std::string_view use) {
  return QueryError("unknown facet '" + facet + "'" + std::string(use) + "; facets are " +
                    join(kFacets, ", "));
}

const schema::Facet& facet_named(const std::string& facet) {
  const schema::Facet* found = schema::find_facet(facet);
  if (!found) throw unknown_facet(facet, "");
  return *found;
}

// Counts facet values over every matching paragraph, and the distinct
// reports behind each value.  It runs once per match (all of them, for exact
// counts), so it keeps the work per paragraph small: one hash look-up per
// value, and reports as small numbers rather than sets of ids.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(const std::vector<std::string>& facets) {
    for (const auto& name : facets) tallies_.push_back({&facet_named(name), {}});
  }

  void operator()(const Xapian::Document& doc, double) override {
    const auto numbered =
        report_numbers_.try_emplace(doc.get_value(schema::kSlotReport), report_numbers_.size());
    const std::size_t report = numbered.first->second;
    for (auto& tally : tallies_) {
      auto values = schema::slot_values(*tally.facet, doc.get_value(tally.facet->slot));
      // A paragraph with no value of a one-value facet (a report whose
      // authority could not be read) is counted where it can be seen.
      if (values.empty() && !tally.facet->multi_valued) values.emplace_back(kUnknownFacetValue);
      for (const auto& value : values) {
        auto& count = tally.values[value];
        ++count.paragraphs;
        if (count.seen.size() <= report) count.seen.resize(report + 1);
        if (!count.seen[report]) {
          count.seen[report] = true;
          ++count.reports;
        }
      }
    }
  }

  // Facets with no value in any match are left out, as if never counted.
  FacetCounts take() {
    FacetCounts counts;
    for (const auto& tally : tallies_) {
      if (tally.values.empty()) continue;
      auto& values = counts[std::string(tally.facet->name)];
      for (const auto& [value, count] : tally.values) values[value] = {count.paragraphs, count.reports};
    }
    return counts;
  }

 private:
  struct ValueTally {
    std::size_t paragraphs = 0;
    std::size_t reports = 0;
    std::vector<bool> seen;  // by report number
  };
  struct FacetTally {
    const schema::Facet* facet;
    std::unordered_map<std::string, ValueTally> values;
  };
  std::vector<FacetTally> tallies_;
  std::unordered_map<std::string, std::size_t> report_numbers_;  // report id -> number, in order met
};

}  // namespace

std::optional<std::pair<int, int>> year_range(const std::string& value) {
  const auto dots = value.find("..");
  auto to_year = [](std::string_view s) -> std::optional<int> {
    if (s.size() != 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    return std::stoi(std::string(s));
  };
  if (dots == std::string::npos) {
    auto y = to_year(value);
    if (!y) return std::nullopt;
    return std::make_pair(*y, *y);
  }
  auto from = to_year(std::string_view(value).substr(0, dots));
  auto to = to_year(std::string_view(value).substr(dots + 2));
  if (!from || !to || *from > *to) return std::nullopt;
  return std::make_pair(*from, *to);
}

std::optional<SortOrder> sort_order(std::string_view name) {
  const auto found = std::find(kSortNames.begin(), kSortNames.end(), name);
  if (found == kSortNames.end()) return std::nullopt;
  return static_cast<SortOrder>(found - kSortNames.begin());
}

Searcher::Searcher(const std::filesystem::path& db_dir, SynonymTable synonyms)
    : synonyms_(std::move(synonyms)) {
  db_ = open_index(db_dir);
}

std::vector<std::string> Searcher::indexed_values(const std::string& facet) const {
  const std::string prefix(facet_named(facet).prefix);
  std::vector<std::string> values;
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
    values.push_back((*it).substr(prefix.size()));
  }
  return values;
}

std::vector<std::string> Searcher::indexed_authorities() const {
  // As the reports print them ("Wiltshire"), not as slugs.
  std::vector<std::string> names;
  for (const auto& entry : load_catalogue(db_))
    if (!entry.meta.authority.empty() &&
        std::find(names.begin(), names.end(), entry.meta.authority) == names.end())
      names.push_back(entry.meta.authority);
  return names;
}

Xapian::Query Searcher::facet_query(const std::string& facet_name, const std::string& raw_value) const {
  const schema::Facet& facet = facet_named(facet_name);
  const std::string value(analyzers::trim(raw_value));
  const std::string prefix(facet.prefix);
  const auto unknown = [&](const std::vector<std::string>& valid) {
    return UnknownValueError(
        unknown_value_message(facet_name, value, valid, "'ofs reports' lists the indexed reports"));
  };
  switch (facet.vocabulary) {
    case schema::Vocabulary::Grades: {
      auto grade = analyzers::grade_from_name(analyzers::lowercase(value));
      if (!grade) throw unknown(schema::grade_vocabulary());
      return Xapian::Query(prefix + std::string(analyzers::grade_name(*grade)));
    }
    case schema::Vocabulary::Areas: {
      const std::string slug = analyzers::facet_slug(value);
      if (!analyzers::is_canonical_area(slug)) throw unknown(analyzers::canonical_areas());
      return Xapian::Query(prefix + slug);
    }
    case schema::Vocabulary::Years: {
      auto range = year_range(value);
      if (!range) throw QueryError("bad year '" + value + "': use a year (2012) or a range (2014..2018)");
      if (range->first == range->second) return Xapian::Query(prefix + std::to_string(range->first));
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, facet.slot,
                           Xapian::sortable_serialise(range->first),
                           Xapian::sortable_serialise(range->second));
    }
    case schema::Vocabulary::AsIndexed:
      break;
  }
  const std::string term = prefix + analyzers::facet_slug(value);
  if (!db_.term_exists(term))
    throw unknown(facet_name == "authority" ? indexed_authorities() : indexed_values(facet_name));
  return Xapian::Query(term);
}

Xapian::Query Searcher::filter_query(const std::map<std::string, std::vector<std::string>>& filters) const {
  Xapian::Query all;
  for (const auto& [facet, values] : filters) {
    if (values.empty()) continue;
    std::vector<Xapian::Query> alternatives;
    for (const auto& v : values) alternatives.push_back(facet_query(facet, v));
    Xapian::Query any(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    all = all.empty() ? any : Xapian::Query(Xapian::Query::OP_AND, all, any);
  }
  return all;
}

Searcher::Built Searcher::build(const SearchRequest& request) const {
  Built built;
  built.query = Xapian::Query::MatchAll;
  if (!analyzers::trim(request.query).empty()) {
    const QueryContext context{
        db_, request.synonyms ? &synonyms_ : nullptr,
        [this](const std::string& facet, const std::string& value) { return facet_query(facet, value); },
        request.limits};
    auto parsed = parse_query(schema::normalise_for_terms(request.query), context);
    built.query = parsed.query;
    built.suggestion = std::move(parsed.suggestion);
  }
  std::vector<Xapian::Query> filters;
  if (Xapian::Query facets = filter_query(request.filters); !facets.empty()) filters.push_back(facets);
  if (!request.report_ids.empty()) {
    std::vector<Xapian::Query> reports;
    for (const auto& id : request.report_ids) reports.emplace_back(std::string(schema::kReport) + id);
    filters.emplace_back(Xapian::Query::OP_OR, reports.begin(), reports.end());
  }
  if (!filters.empty())
    built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query,
                                Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  return built;
}

Xapian::Query Searcher::build_query(const SearchRequest& request) const {
  return read_one_revision(db_, [&] { return build(request).query; });
}

namespace {

void set_order(Xapian::Enquire& enquire, SortOrder sort, Xapian::MultiValueKeyMaker& report_order) {
  switch (sort) {
    case SortOrder::Relevance:
      break;
    case SortOrder::Date:  // newest first, best first within a date
      enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, true);
      break;
    case SortOrder::ReportOrder:
      report_order.add_value(schema::kSlotPublished);
      report_order.add_value(schema::kSlotReport);
      report_order.add_value(schema::kSlotOrdinal);
      enquire.set_sort_by_key(&report_order, false);
      break;
  }
}

schema::StoredParagraph paragraph_of(const Xapian::Document& doc) {
  const auto json = nlohmann::json::parse(doc.get_data(), nullptr, /*allow_exceptions=*/false);
  return schema::stored_paragraph_from_json(json);
}

// Report records read once per search: the hits of one report share theirs.
class ReportRecords {
 public:
  explicit ReportRecords(const Xapian::Database& db) : db_(db) {}

  std::shared_ptr<const schema::ReportRecord> operator()(const std::string& id) {
    auto& record = cache_[id];
    if (!record) {
      const auto json =
          nlohmann::json::parse(db_.get_metadata(std::string(schema::kMetaReportPrefix) + id), nullptr,
                                /*allow_exceptions=*/false);
      auto read = std::make_shared<schema::ReportRecord>(
          json.is_object() ? schema::report_record_from_json(json) : schema::ReportRecord{});
      read->id = id;
      record = std::move(read);
    }
    return record;
  }

 private:
  const Xapian::Database& db_;
  std::map<std::string, std::shared_ptr<const schema::ReportRecord>> cache_;
};

}  // namespace

std::vector<schema::StoredParagraph> Searcher::neighbours(const schema::StoredParagraph& paragraph, int from,
                                                          int to) const {
  std::vector<schema::StoredParagraph> out;
  for (int ordinal = std::max(from, 1); ordinal <= to; ++ordinal) {
    const std::string unique = schema::unique_term(paragraph.report_id, ordinal);
    auto it = db_.postlist_begin(unique);
    if (it == db_.postlist_end(unique)) continue;
    out.push_back(paragraph_of(db_.get_document(*it)));
  }
  return out;
}

void Searcher::add_context(Hit& hit, std::size_t count) const {
  const int ordinal = hit.paragraph.ordinal;
  if (count == 0 || ordinal <= 0) return;
  const int n = static_cast<int>(count);
  hit.before = neighbours(hit.paragraph, ordinal - n, ordinal - 1);
  hit.after = neighbours(hit.paragraph, ordinal + 1, ordinal + n);
}

SearchResults Searcher::search(const SearchRequest& request) const {
  try {
    return read_one_revision(db_, [&] { return search_revision(request); });
  } catch (const Xapian::WildcardError&) {
    // The parser counts each wildcard's words first; this is the guard.
    throw QueryError("a prefix* wildcard stands for more than " +
                     std::to_string(request.limits.max_wildcard_terms) +
                     " indexed words: write a longer prefix, or raise the limit with " +
                     option_for(&QueryLimits::max_wildcard_terms) + " N");
  }
}

SearchResults Searcher::search_revision(const SearchRequest& request) const {
  for (const auto& facet : request.count_facets)
    if (!schema::find_facet(facet)) throw unknown_facet(facet, " to count");
  const Built built = build(request);
  // The corpus is small (tens of thousands of paragraphs): looking at every
  // match keeps totals, collapse counts and facet counts exact and costs
  // milliseconds.
  const Xapian::doccount check_all = db_.get_doccount();

  // Every match is seen by the spies: checkatleast covers the whole index.
  FacetSpy spy(request.count_facets);
  Xapian::ValueCountMatchSpy per_report(schema::kSlotReport);
  const auto attach_spies = [&](Xapian::Enquire& enquire) {
    if (!request.count_facets.empty()) enquire.add_matchspy(&spy);
    if (request.group_by_report) enquire.add_matchspy(&per_report);
  };

  Xapian::Enquire enquire(db_);
  enquire.set_query(built.query);
  Xapian::MultiValueKeyMaker report_order;
  set_order(enquire, request.sort, report_order);

  // Collapsing by report hides paragraphs from the totals, so a grouped
  // search counts in a separate, uncollapsed pass; otherwise one pass ranks
  // and counts.
  Xapian::MSet counted;
  if (request.group_by_report) {
    Xapian::Enquire paragraphs(db_);
    paragraphs.set_query(built.query);
    attach_spies(paragraphs);
    counted = paragraphs.get_mset(0, 0, check_all);
    enquire.set_collapse_key(schema::kSlotReport);
  } else {
    attach_spies(enquire);
  }
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_all);
  if (!request.group_by_report) counted = mset;

  SearchResults results;
  results.suggestion = built.suggestion;
  results.grouped = request.group_by_report;
  results.context = request.context;
  results.total_paragraphs = counted.get_matches_estimated();
  results.total = results.total_paragraphs;
  results.total_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
  if (!request.count_facets.empty()) results.facets = spy.take();
  for (const auto& facet : request.count_facets)
    results.facets[facet];  // asked for, even when nothing matched
  // Paragraphs per report, from the uncollapsed pass: with collapsing,
  // Xapian's own totals and collapse counts are only bounds.
  std::map<std::string, Xapian::doccount> hits_per_report;
  for (auto it = per_report.values_begin(); it != per_report.values_end(); ++it)
    hits_per_report[*it] = it.get_termfreq();
  if (request.group_by_report) {
    results.total = hits_per_report.size();
    results.total_exact = true;
  }
  ReportRecords records(db_);
  const auto patterns = text_patterns(built.query);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    Hit hit;
    hit.paragraph = paragraph_of(doc);
    const std::string report_id = doc.get_value(schema::kSlotReport);
    if (hit.paragraph.report_id.empty()) hit.paragraph.report_id = report_id;
    hit.report = records(report_id);
    hit.score = it.get_weight();
    const Snippet snippet = make_snippet(hit.paragraph.text, patterns, request.snippet_chars);
    hit.snippet = snippet.text;
    hit.match_page = snippet.first_match ? schema::page_at(hit.paragraph.page, hit.paragraph.page_starts,
                                                           *snippet.first_match)
                                         : hit.paragraph.page;
    if (request.group_by_report) hit.report_hits = hits_per_report[report_id];
    add_context(hit, request.context);
    results.hits.push_back(std::move(hit));
  }
  return results;
}

std::string plain_snippet(const std::string& snippet) {
  std::string out;
  for (char c : snippet)
    if (c != kHighlightStart && c != kHighlightEnd) out.push_back(c);
  return out;
}

}  // namespace ofs::searcher
