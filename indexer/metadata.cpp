#include "indexer/metadata.h"

#include <fmt/format.h>

#include "analyzers/dates.h"
#include "analyzers/text.h"

namespace ofs::indexer {

namespace {

using analyzers::lowercase;
using analyzers::trim;

// The text after "Label:" when `text` starts with one of `labels`.
std::optional<std::string> labelled_value(std::string_view text,
                                          std::initializer_list<std::string_view> labels) {
  for (auto label : labels) {
    if (!analyzers::starts_with_ci(text, label)) continue;
    std::string_view rest = text.substr(label.size());
    if (rest.empty() || (rest.front() != ':' && rest.front() != ' ')) continue;
    if (rest.front() == ':') rest.remove_prefix(1);
    return std::string(trim(rest));
  }
  return std::nullopt;
}

std::string detect_framework(const std::string& title_lower, const Blocks& blocks) {
  if (title_lower.find("safeguarding and looked after children") != std::string::npos)
    return std::string(kFrameworkSafeguardingLac);
  if (title_lower.find("children in need of help and protection") != std::string::npos)
    return std::string(kFrameworkSif);
  if (title_lower.find("local authority children") != std::string::npos) {
    for (std::size_t i = 0; i < blocks.size() && i < kFrontMatterBlocks; ++i)
      if (lowercase(blocks[i].text).find("overall effectiveness") != std::string::npos)
        return std::string(kFrameworkIlacs);
    return std::string(kFrameworkReform2026);
  }
  return std::string(kFrameworkUnknown);
}

// "Inspection of safeguarding and looked after children services Wiltshire"
// and "Inspection of Cumberland local authority children's services".
std::string authority_from_title(const std::string& title) {
  const std::string lower = lowercase(title);
  constexpr std::string_view kLacTitle = "looked after children services ";
  if (auto at = lower.find(kLacTitle); at != std::string::npos)
    return std::string(trim(std::string_view(title).substr(at + kLacTitle.size())));
  constexpr std::string_view kInspectionOf = "inspection of ";
  if (lower.starts_with(kInspectionOf)) {
    if (auto at = lower.find(" local authority children"); at != std::string::npos)
      return std::string(trim(std::string_view(title).substr(kInspectionOf.size(), at - kInspectionOf.size())));
  }
  return {};
}

// Ofsted names its downloads "children's services inspection - 26 november 2024.pdf".
std::optional<std::string> date_from_file_name(const std::filesystem::path& file) {
  return analyzers::parse_date(file.stem().string());
}

}  // namespace

std::string report_id(const std::filesystem::path& file) {
  std::error_code ec;
  const std::string path = std::filesystem::weakly_canonical(std::filesystem::absolute(file), ec).string();
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char ch : path) hash = (hash ^ ch) * 1099511628211ull;
  return fmt::format("{:016x}", hash);
}

ReportMeta read_metadata(const Blocks& blocks, const std::filesystem::path& file) {
  ReportMeta meta;
  meta.path = file.string();
  meta.id = report_id(file);
  for (std::size_t i = 0; i < blocks.size() && i < kFrontMatterBlocks; ++i) {
    const std::string text = analyzers::fold_whitespace(blocks[i].text);
    if (meta.title.empty() && analyzers::starts_with_ci(text, "Inspection of ")) meta.title = text;
    if (auto v = labelled_value(text, {"Inspection dates", "Inspection date"}); v && meta.inspection_end.empty()) {
      if (auto range = analyzers::parse_date_range(*v)) {
        meta.inspection_start = range->start;
        meta.inspection_end = range->end;
      }
    }
    if (auto v = labelled_value(text, {"Published", "Publication date", "Date published"}); v && meta.published.empty()) {
      if (auto date = analyzers::parse_date(*v)) meta.published = *date, meta.published_source = "report";
    }
    if (auto v = labelled_value(text, {"Reporting inspector", "Lead inspector"}); v && meta.lead_inspector.empty()) {
      std::string name = analyzers::normalise_for_index(*v);
      for (std::string_view suffix : {", His Majesty's Inspector", ", Her Majesty's Inspector", " HMI"})
        if (name.ends_with(suffix)) name.resize(name.size() - suffix.size());
      meta.lead_inspector = name;
    }
  }
  meta.framework = detect_framework(lowercase(meta.title), blocks);
  meta.authority = authority_from_title(meta.title);
  if (meta.published.empty()) {
    if (auto date = date_from_file_name(file)) meta.published = *date, meta.published_source = "file name";
  }
  if (meta.title.empty()) meta.warnings.push_back("no report title found");
  if (meta.authority.empty()) meta.warnings.push_back("local authority not found in the report");
  if (meta.framework == kFrameworkUnknown) meta.warnings.push_back("inspection framework not recognised");
  if (meta.inspection_end.empty()) meta.warnings.push_back("inspection dates not found");
  if (meta.published.empty()) meta.warnings.push_back("publication date not found");
  return meta;
}

}  // namespace ofs::indexer
