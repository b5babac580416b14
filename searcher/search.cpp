#include "searcher/search.h"

#include <algorithm>
#include <set>

#include "analyzers/areas.h"
#include "analyzers/grade.h"
#include "analyzers/text.h"
#include "indexer/schema.h"

namespace ofs::searcher {

namespace schema = ofs::indexer::schema;

namespace {

// Field names usable inside a query, beside the facets.
const std::vector<std::string> kTextFields = {"section", "org"};

std::string join(const std::vector<std::string>& values, std::string_view sep) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += sep;
    out += v;
  }
  return out;
}

std::string_view prefix_of(const std::string& facet) {
  if (facet == "grade") return schema::kGrade;
  if (facet == "area") return schema::kArea;
  if (facet == "agency") return schema::kAgency;
  if (facet == "authority") return schema::kAuthority;
  if (facet == "framework") return schema::kFramework;
  if (facet == "year") return schema::kYear;
  return {};
}

// Xapian's QueryParser forgives unbalanced quotes and brackets silently,
// which turns a typo into a different question.  Refuse them instead.
void check_balanced(const std::string& text) {
  std::size_t open_quote = std::string::npos;
  std::vector<std::size_t> open_brackets;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      open_quote = open_quote == std::string::npos ? i : std::string::npos;
    } else if (open_quote == std::string::npos && c == '(') {
      open_brackets.push_back(i);
    } else if (open_quote == std::string::npos && c == ')') {
      if (open_brackets.empty())
        throw QueryError("unbalanced ')' at character " + std::to_string(i + 1) + " of the query: remove it or add a '('");
      open_brackets.pop_back();
    }
  }
  if (open_quote != std::string::npos)
    throw QueryError("unbalanced quote: the '\"' at character " + std::to_string(open_quote + 1) +
                     " of the query is never closed");
  if (!open_brackets.empty())
    throw QueryError("unbalanced '(' at character " + std::to_string(open_brackets.back() + 1) +
                     " of the query: add a ')'");
}

// "foo:bar" with an unknown field would silently search for the words.
void check_fields(const std::string& text) {
  bool in_quote = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') in_quote = !in_quote;
    if (in_quote || text[i] != ':' || i + 1 >= text.size() || text[i + 1] == ' ') continue;
    std::size_t start = i;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
    if (start == i) continue;
    const std::string field = analyzers::lowercase(text.substr(start, i - start));
    const bool known = std::find(kFacets.begin(), kFacets.end(), field) != kFacets.end() ||
                       std::find(kTextFields.begin(), kTextFields.end(), field) != kTextFields.end();
    if (!known)
      throw QueryError("unknown field '" + field + ":' in the query; fields are " + join(kFacets, ", ") + ", " +
                       join(kTextFields, ", "));
  }
}

// Lets "grade:inadequate" inside a query go through the same validation as
// --grade on the command line.
class FacetField : public Xapian::FieldProcessor {
 public:
  FacetField(const Searcher& searcher, std::string facet) : searcher_(searcher), facet_(std::move(facet)) {}
  Xapian::Query operator()(const std::string& value) override { return searcher_.facet_query(facet_, value); }

 private:
  const Searcher& searcher_;
  std::string facet_;
};

// Counts facet values over every matching paragraph, and the distinct
// reports behind each value.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(std::vector<std::string> facets) : facets_(std::move(facets)) {}

  void operator()(const Xapian::Document& doc, double) override {
    const std::string report = doc.get_value(schema::kSlotReport);
    for (const auto& facet : facets_)
      for (const auto& value : values_of(doc, facet)) {
        auto& count = counts_[facet][value];
        ++count.paragraphs;
        reports_[facet][value].insert(report);
      }
  }

  FacetCounts take() {
    for (auto& [facet, values] : counts_)
      for (auto& [value, count] : values) count.reports = reports_[facet][value].size();
    return std::move(counts_);
  }

 private:
  static std::vector<std::string> values_of(const Xapian::Document& doc, const std::string& facet) {
    if (facet == "year") {
      const std::string v = doc.get_value(schema::kSlotYear);
      if (v.empty()) return {};
      return {std::to_string(static_cast<int>(Xapian::sortable_unserialise(v)))};
    }
    Xapian::valueno slot = schema::kSlotGrade;
    if (facet == "area") slot = schema::kSlotArea;
    if (facet == "agency") slot = schema::kSlotAgencies;
    if (facet == "authority") slot = schema::kSlotAuthority;
    if (facet == "framework") slot = schema::kSlotFramework;
    const std::string joined = doc.get_value(slot);
    std::vector<std::string> values;
    std::size_t start = 0;
    while (start < joined.size()) {
      std::size_t end = joined.find('\n', start);
      if (end == std::string::npos) end = joined.size();
      if (end > start) values.push_back(joined.substr(start, end - start));
      start = end + 1;
    }
    return values;
  }

  std::vector<std::string> facets_;
  FacetCounts counts_;
  std::map<std::string, std::map<std::string, std::set<std::string>>> reports_;
};

std::string unescape_html(std::string text) {
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : kEntities)
    for (std::size_t at = 0; (at = text.find(entity, at)) != std::string::npos; at += plain.size())
      text.replace(at, entity.size(), plain);
  return text;
}

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

}  // namespace

Searcher::Searcher(const std::filesystem::path& db_dir, const analyzers::AgencyTable& agencies)
    : agencies_(agencies) {
  try {
    db_ = Xapian::Database(db_dir.string());
  } catch (const Xapian::DatabaseOpeningError&) {
    throw std::runtime_error("no ofs index at " + db_dir.string() + ": build one with 'ofs index --db " +
                             db_dir.string() + " REPORTS…'");
  }
}

std::vector<std::string> Searcher::indexed_values(const std::string& facet) const {
  const std::string prefix(prefix_of(facet));
  std::vector<std::string> values;
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
    values.push_back((*it).substr(prefix.size()));
  }
  return values;
}

Xapian::Query Searcher::facet_query(const std::string& facet, const std::string& raw_value) const {
  const std::string value(analyzers::trim(raw_value));
  const auto unknown = [&](const std::vector<std::string>& valid) {
    return QueryError("unknown " + facet + " '" + value + "'; valid values: " + join(valid, ", "));
  };
  if (facet == "grade") {
    auto grade = analyzers::grade_from_name(analyzers::lowercase(value));
    if (!grade)
      throw unknown({"outstanding", "good", "adequate", "requires-improvement", "inadequate", "none"});
    return Xapian::Query(std::string(schema::kGrade) + std::string(analyzers::grade_name(*grade)));
  }
  if (facet == "area") {
    const std::string slug = analyzers::facet_slug(value);
    if (!analyzers::is_canonical_area(slug)) throw unknown(analyzers::canonical_areas());
    return Xapian::Query(std::string(schema::kArea) + slug);
  }
  if (facet == "agency") {
    const std::string slug = analyzers::facet_slug(value);
    const auto& names = agencies_.canonical_names();
    if (std::find(names.begin(), names.end(), slug) == names.end()) throw unknown(names);
    return Xapian::Query(std::string(schema::kAgency) + slug);
  }
  if (facet == "year") {
    auto range = year_range(value);
    if (!range) throw QueryError("bad year '" + value + "': use a year (2012) or a range (2014..2018)");
    if (range->first == range->second) return Xapian::Query(std::string(schema::kYear) + std::to_string(range->first));
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotYear,
                         Xapian::sortable_serialise(range->first), Xapian::sortable_serialise(range->second));
  }
  if (facet == "authority" || facet == "framework") {
    const std::string term = std::string(prefix_of(facet)) + analyzers::facet_slug(value);
    if (!db_.term_exists(term)) throw unknown(indexed_values(facet));
    return Xapian::Query(term);
  }
  throw QueryError("unknown facet '" + facet + "'; facets are " + join(kFacets, ", "));
}

Xapian::Query Searcher::parse_text(const std::string& raw) const {
  const std::string text = analyzers::normalise_for_index(raw);
  check_balanced(text);
  check_fields(text);
  Xapian::QueryParser qp;
  qp.set_database(db_);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_OR);
  qp.add_prefix("section", std::string(schema::kSectionText));
  qp.add_prefix("org", std::string(schema::kOrganisationText));
  for (const auto& facet : kFacets)
    qp.add_boolean_prefix(facet, (new FacetField(*this, facet))->release());
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    return qp.parse_query(text, flags);
  } catch (const Xapian::QueryParserError& e) {
    throw QueryError("cannot understand the query: " + e.get_msg());
  }
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

Xapian::Query Searcher::build_query(const SearchRequest& request) const {
  Xapian::Query text = analyzers::trim(request.query).empty() ? Xapian::Query::MatchAll : parse_text(request.query);
  std::vector<Xapian::Query> filters;
  if (Xapian::Query facets = filter_query(request.filters); !facets.empty()) filters.push_back(facets);
  if (!request.report_ids.empty()) {
    std::vector<Xapian::Query> reports;
    for (const auto& id : request.report_ids) reports.emplace_back(std::string(schema::kReport) + id);
    filters.emplace_back(Xapian::Query::OP_OR, reports.begin(), reports.end());
  }
  if (!request.published_since.empty()) {
    std::string since;
    for (char c : request.published_since)
      if (c != '-') since.push_back(c);
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotPublished, since);
  }
  if (filters.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_FILTER, text,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

SearchResults Searcher::search(const SearchRequest& request) const {
  for (const auto& facet : request.count_facets)
    if (std::find(kFacets.begin(), kFacets.end(), facet) == kFacets.end())
      throw QueryError("unknown facet '" + facet + "' to count; facets are " + join(kFacets, ", "));
  Xapian::Enquire enquire(db_);
  const Xapian::Query query = build_query(request);
  enquire.set_query(query);
  Xapian::MultiValueKeyMaker report_order;
  switch (request.sort) {
    case SortOrder::Relevance:
      break;
    case SortOrder::Date:
      enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, true);
      break;
    case SortOrder::ReportOrder:
      report_order.add_value(schema::kSlotPublished);
      report_order.add_value(schema::kSlotReport);
      report_order.add_value(schema::kSlotOrdinal);
      enquire.set_sort_by_key(&report_order, false);
      break;
  }
  FacetSpy spy(request.count_facets);
  if (!request.count_facets.empty()) enquire.add_matchspy(&spy);
  // The corpus is small enough (tens of thousands of paragraphs) to look at
  // every match, which makes totals and facet counts exact.
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, db_.get_doccount());

  SearchResults results;
  results.total = mset.get_matches_estimated();
  results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  const Xapian::Stem stem("english");
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.data = nlohmann::json::parse(it.get_document().get_data());
    hit.score = it.get_weight();
    const std::string text = analyzers::normalise_for_index(hit.data.value("text", ""));
    hit.snippet = unescape_html(mset.snippet(text, request.snippet_chars, stem,
                                             Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                             std::string(1, kHighlightStart), std::string(1, kHighlightEnd), "…"));
    results.hits.push_back(std::move(hit));
  }
  if (!request.count_facets.empty()) results.facets = spy.take();
  return results;
}

std::string plain_snippet(const std::string& snippet) {
  std::string out;
  for (char c : snippet)
    if (c != kHighlightStart && c != kHighlightEnd) out.push_back(c);
  return out;
}

}  // namespace ofs::searcher
