// The text printer: for people at a terminal or reading a pipe.
#include <algorithm>

#include <fmt/format.h>

#include "searcher/output.h"
#include "searcher/result_fields.h"

namespace ofs::searcher {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kHighlight = "\x1b[1;31m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

std::string join(const std::vector<std::string>& values, std::string_view sep) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += sep;
    out += v;
  }
  return out;
}

std::string render_snippet(const std::string& snippet, bool colour) {
  std::string out;
  for (char c : snippet) {
    if (c == kHighlightStart) {
      if (colour) out += kHighlight;
    } else if (c == kHighlightEnd) {
      if (colour) out += kReset;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

class TextPrinter {
 public:
  TextPrinter(std::ostream& out, const PrintOptions& options) : out_(out), options_(options) {}

  void print(const SearchResults& results) {
    const std::string about = results.total_exact ? "" : "about ";
    if (results.grouped)
      out_ << style(kDim, fmt::format("{}{} with {}", about, plural(results.total, "report"),
                                      plural(results.total_paragraphs, "matching paragraph")))
           << "\n";
    else out_ << style(kDim, about + plural(results.total, "paragraph")) << "\n";
    std::size_t rank = options_.first_rank;
    for (const auto& hit : results.hits) print_hit(rank++, hit);
    if (!results.facets.empty()) print_facets(results.facets);
  }

 private:
  std::string style(std::string_view code, const std::string& s) const {
    return options_.colour ? fmt::format("{}{}{}", code, s, kReset) : s;
  }

  void print_hit(std::size_t rank, const Hit& hit) {
    out_ << "\n"
         << style(kBold, fmt::format("{}. {}", rank, citation(hit.paragraph, *hit.report, hit.match_page)));
    if (hit.report_hits > 0)
      out_ << style(kDim, fmt::format("  [{} in this report]", plural(hit.report_hits, "hit")));
    out_ << "\n";
    const std::string agencies = join(hit.paragraph.agencies, ", ");
    if (!agencies.empty()) out_ << "   " << style(kDim, "agencies: " + agencies) << "\n";
    // What 'ofs show' takes to print the paragraph with its context and source.
    out_ << "   " << style(kDim, "ref: " + paragraph_ref(hit.paragraph)) << "\n";
    for (const auto& p : hit.before) print_context(p);
    const std::string body =
        options_.full ? hit.paragraph.text : render_snippet(hit.snippet, options_.colour);
    out_ << "   " << body << "\n";
    for (const auto& p : hit.after) print_context(p);
  }

  void print_context(const schema::StoredParagraph& p) {
    out_ << "   " << style(kDim, "┆ " + short_label(p) + " " + p.text) << "\n";
  }

  // One line per facet: "grade: inadequate 40 (1 report), good 12 (1 report)".
  void print_facets(const FacetCounts& facets) {
    out_ << "\n";
    for (const auto& [facet, values] : facets) {
      std::string line;
      for (const auto& [value, count] : ordered_facet_values(facet, values)) {
        if (!line.empty()) line += ", ";
        line += fmt::format("{} {} ({})", value, count.paragraphs, plural(count.reports, "report"));
      }
      out_ << style(kDim, facet + ":") << " " << line << "\n";
    }
  }

  std::ostream& out_;
  const PrintOptions& options_;
};

}  // namespace

void print_text(std::ostream& out, const SearchResults& results, const PrintOptions& options) {
  TextPrinter(out, options).print(results);
}

}  // namespace ofs::searcher
