#include "indexer/metadata.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "analyzers/dates.h"
#include "analyzers/text.h"
#include "indexer/file_identity.h"

// How the front matter is laid out, by framework (what read_metadata relies on):
//
//   2009-2013 safeguarding and looked after children (plain text sample):
//     "Inspection of safeguarding and looked after children services Wiltshire"
//     "Inspection dates: 5 – 16 March 2012", "Reporting inspector: Lynne Staines HMI",
//     "Published: 24 April 2012"
//   2013 looked after children only (PDF): "Inspection of looked after children services",
//     then the council on its own line ("Kent County Council"), then the same labels.
//   2014-2018 single inspection framework (SIF): the council alone in big type
//     ("Bedford Borough"), then "Inspection of services for children in need of help and
//     protection, children looked after and care leavers" (or "Re-inspection of ..."),
//     "Inspection date: 23 January 2017 – 16 February 2017", "Report published: 7 April 2017";
//     the lead inspector is named at the end, under "Information about this inspection".
//   2018-2020 ILACS: the council in big type, then "Inspection of children’s social care
//     services" (or "... local authority children’s services"), "Inspection dates: ...",
//     "Lead inspector: Lorna Schlechte" (title on its own line, or ", Her Majesty’s Inspector").
//   2021+ ILACS and 2026 reformed reports: "Inspection of Cumberland local authority
//     children’s services", "Inspection dates: 7 to 18 October 2024", "Lead inspector: Lisa
//     Walsh, His Majesty’s Inspector"; no printed publication date (the file name has it).
//     Reformed (2026) reports are told apart by their judgement table: it has no "Overall
//     effectiveness" row.
//
// The authority.  `authority_as_printed` is the name as the report prints it ("Bedford
// Borough", "London Borough of Merton Council", "Bradford Children and Families Trust").
// `authority` is the name that groups one authority's reports across years and frameworks:
// the printed name without a leading "the", the council-type words before it ("London Borough
// of", "Royal Borough of", "Metropolitan Borough of", "Borough of", "City of", "County") and
// after it ("Metropolitan Borough Council", "County Council", "City Council", "Council",
// "Borough", "City", "Children's Services", "Children and Families Trust"...), with "&" as
// "and" and connecting words in lower case ("Kingston upon Hull", "Southend-on-Sea").
// Affixes are stripped only while a name remains.  One exception: "City of London" keeps its
// "City of" (the authority is the City of London Corporation; "London" alone would be wrong
// and would mix it up with Greater London).

namespace ofs::indexer {

namespace {

using analyzers::lowercase;
using analyzers::trim;

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) !=
        std::tolower(static_cast<unsigned char>(suffix[i])))
      return false;
  return true;
}

// The text after "Label:" (or "Label ") when `text` starts with one of `labels`.
std::optional<std::string> labelled_value(std::string_view text,
                                          std::initializer_list<std::string_view> labels) {
  for (auto label : labels) {
    if (!analyzers::starts_with_ci(text, label)) continue;
    std::string_view rest = text.substr(label.size());
    if (rest.empty()) return std::string();
    if (rest.front() != ':' && rest.front() != ' ') continue;
    if (rest.front() == ':') rest.remove_prefix(1);
    return std::string(trim(rest));
  }
  return std::nullopt;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Rewrites numeric dates ("12/09/2016") as words ("12 September 2016") so the shared date
// parser reads them, and box-drawing/odd dashes as '-'.
std::string prepare_date_text(std::string text) {
  replace_all(text, "\u2500", "-");  // "20 June 2017 ─ 13 July 2017"
  replace_all(text, "\u2013", " - ");
  replace_all(text, "\u2014", " - ");
  static constexpr std::array<std::string_view, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    auto digits = [&](std::size_t at, std::size_t& n) {
      n = 0;
      while (at + n < text.size() && std::isdigit(static_cast<unsigned char>(text[at + n]))) ++n;
      return n;
    };
    std::size_t d = 0, m = 0, y = 0;
    const bool boundary = i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1]));
    if (boundary && digits(i, d) >= 1 && d <= 2 && i + d < text.size() && text[i + d] == '/' &&
        digits(i + d + 1, m) >= 1 && m <= 2 && i + d + 1 + m < text.size() && text[i + d + 1 + m] == '/' &&
        digits(i + d + m + 2, y) == 4) {
      const int day = std::stoi(text.substr(i, d));
      const int month = std::stoi(text.substr(i + d + 1, m));
      if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
        out += fmt::format("{} {} {}", day, kMonths[month - 1], text.substr(i + d + m + 2, 4));
        i += d + m + 2 + 4;
        continue;
      }
    }
    out += text[i++];
  }
  return std::string(analyzers::fold_whitespace(out));
}

std::optional<analyzers::DateRange> parse_inspection_dates(std::string value) {
  // "21 November–15 December 2016 Report published: 13 February 2017" (one line in print).
  if (auto at = lowercase(value).find("report published"); at != std::string::npos) value.resize(at);
  return analyzers::parse_date_range(prepare_date_text(value));
}

std::optional<std::string> parse_one_date(const std::string& value) {
  return analyzers::parse_date(prepare_date_text(value));
}

bool is_title(std::string_view text) {
  return analyzers::starts_with_ci(text, "Inspection of ") ||
         analyzers::starts_with_ci(text, "Re-inspection of ");
}

// Titles that do not name the authority: the name is printed on the line above.
bool title_names_no_authority(const std::string& lower) {
  for (std::string_view generic :
       {"inspection of children's social care services", "inspection of local authority children's services",
        "inspection of services for children", "re-inspection of services for children"})
    if (lower.starts_with(generic)) return true;
  return false;
}

// The authority's name as printed, from the title or the lines around it.
std::string printed_authority(const Blocks& blocks, std::size_t title_at) {
  const std::string title = analyzers::normalise_for_index(analyzers::fold_whitespace(blocks[title_at].text));
  const std::string lower = lowercase(title);
  auto neighbour = [&](std::size_t at) -> std::string {
    if (at >= blocks.size() || blocks[at].page != blocks[title_at].page) return {};
    std::string text = analyzers::normalise_for_index(analyzers::fold_whitespace(blocks[at].text));
    if (is_title(text) || text.size() > 80 || analyzers::starts_with_ci(text, "Inspection date")) return {};
    return text;
  };
  if (title_names_no_authority(lower)) return title_at > 0 ? neighbour(title_at - 1) : std::string();
  // "Inspection of safeguarding and looked after children services Wiltshire" and
  // "Inspection of looked after children services" + "Kent County Council" below.
  constexpr std::string_view kLacTitle = "looked after children services";
  if (auto at = lower.find(kLacTitle); at != std::string::npos) {
    std::string rest(trim(std::string_view(title).substr(at + kLacTitle.size())));
    return rest.empty() ? neighbour(title_at + 1) : rest;
  }
  // "Inspection of Cumberland local authority children's services", "Inspection of Kent
  // County Council children's services", "Inspection of Bradford Children and Families Trust".
  constexpr std::string_view kInspectionOf = "inspection of ";
  if (!lower.starts_with(kInspectionOf)) return {};
  std::size_t end = std::string::npos;
  for (std::string_view tail : {" local authority children's services", " local authority children",
                                " children's services", " children's social care services"})
    if (auto at = lower.find(tail); at != std::string::npos) {
      end = at;
      break;
    }
  if (end == std::string::npos && ends_with_ci(title, " Children and Families Trust")) end = title.size();
  if (end == std::string::npos || end <= kInspectionOf.size()) return {};
  return std::string(trim(std::string_view(title).substr(kInspectionOf.size(), end - kInspectionOf.size())));
}

bool is_connecting_word(std::string_view lower_word) {
  for (std::string_view w : {"and", "with", "upon", "on", "of", "in", "the", "under"})
    if (lower_word == w) return true;
  return false;
}

// Capitalised words, connecting words in lower case (also inside hyphenated names:
// "Southend-On-Sea" -> "Southend-on-Sea", "Kingston Upon Hull" -> "Kingston upon Hull").
std::string tidy_case(const std::string& name) {
  std::string out;
  std::size_t i = 0;
  bool first = true;
  while (i < name.size()) {
    std::size_t j = i;
    while (j < name.size() && name[j] != ' ' && name[j] != '-') ++j;
    std::string word = name.substr(i, j - i);
    if (!word.empty()) {
      const std::string lower = lowercase(word);
      if (!first && is_connecting_word(lower)) {
        word = lower;
      } else if (std::islower(static_cast<unsigned char>(word[0]))) {
        word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      }
      first = false;
    }
    out += word;
    if (j < name.size()) out += name[j];
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string normalise_authority(std::string_view printed) {
  std::string name = analyzers::fold_whitespace(analyzers::normalise_for_index(printed));
  replace_all(name, " & ", " and ");
  if (analyzers::starts_with_ci(name, "the ")) name.erase(0, 4);
  // Longest first; each is stripped only as a whole-word suffix and only while a name remains.
  static constexpr std::array<std::string_view, 16> kSuffixes = {" Children and Families Trust",
                                                                 " Children's Services",
                                                                 " Metropolitan Borough Council",
                                                                 " District Metropolitan Council",
                                                                 " Metropolitan District Council",
                                                                 " Metropolitan Council",
                                                                 " County Borough Council",
                                                                 " Borough Council",
                                                                 " County Council",
                                                                 " District Council",
                                                                 " City Council",
                                                                 " Council",
                                                                 " Metropolitan Borough",
                                                                 " Borough",
                                                                 " City",
                                                                 " County"};
  static constexpr std::array<std::string_view, 7> kPrefixes = {"London Borough of ",
                                                                "Royal Borough of ",
                                                                "Metropolitan Borough of ",
                                                                "County Borough of ",
                                                                "Borough of ",
                                                                "City of ",
                                                                "County "};
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto suffix : kSuffixes)
      if (name.size() > suffix.size() && ends_with_ci(name, suffix)) {
        name.resize(name.size() - suffix.size());
        changed = true;
        break;
      }
    for (auto prefix : kPrefixes) {
      if (name.size() <= prefix.size() || !analyzers::starts_with_ci(name, prefix)) continue;
      const std::string rest = name.substr(prefix.size());
      if (prefix == "City of " && lowercase(rest) == "london") continue;  // the City of London
      name = rest;
      changed = true;
      break;
    }
  }
  return tidy_case(std::string(trim(name)));
}

namespace {

std::string detect_framework(const std::string& title_lower, const Blocks& blocks) {
  if (title_lower.find("looked after children services") != std::string::npos)
    return std::string(kFrameworkSafeguardingLac);
  if (title_lower.find("children in need of help and protection") != std::string::npos)
    return std::string(kFrameworkSif);
  if (title_lower.find("children's services") != std::string::npos ||
      title_lower.find("children's social care services") != std::string::npos ||
      title_lower.find("children and families trust") != std::string::npos) {
    // ILACS judgement tables have an "Overall effectiveness" row; reformed (2026) ones do not.
    for (std::size_t i = 0; i < blocks.size() && i < kFrontMatterBlocks; ++i)
      if (analyzers::starts_with_ci(analyzers::fold_whitespace(blocks[i].text), "Overall effectiveness"))
        return std::string(kFrameworkIlacs);
    return std::string(kFrameworkReform2026);
  }
  return std::string(kFrameworkUnknown);
}

// Ofsted names its downloads "children's services inspection - 26 november 2024.pdf".
std::optional<std::string> date_from_file_name(const std::filesystem::path& file) {
  return analyzers::parse_date(file.stem().string());
}

}  // namespace

ReportMeta read_metadata(const Blocks& blocks, const std::filesystem::path& file) {
  ReportMeta meta;
  meta.path = printable_path(file);
  const std::size_t front = std::min(blocks.size(), kFrontMatterBlocks);
  std::optional<std::size_t> title_at;
  for (std::size_t i = 0; i < front; ++i) {
    const std::string text = analyzers::fold_whitespace(blocks[i].text);
    if (!title_at && is_title(text)) {
      title_at = i;
      meta.title = text;
      // SIF: "... and care leavers" / "and" / "Review of the effectiveness of the LSCB".
      std::size_t next = i + 1;
      if (next < front && lowercase(analyzers::fold_whitespace(blocks[next].text)) == "and") ++next;
      if (next < front) {
        std::string more = analyzers::fold_whitespace(blocks[next].text);
        if (analyzers::starts_with_ci(more, "and ")) more.erase(0, 4);
        if (analyzers::starts_with_ci(more, "Review of the effectiveness")) meta.title += " and " + more;
      }
    }
    if (auto v = labelled_value(text, {"Inspection dates", "Inspection date"});
        v && meta.inspection_end.empty()) {
      if (auto range = parse_inspection_dates(*v)) {
        meta.inspection_start = range->start;
        meta.inspection_end = range->end;
      }
    }
    if (meta.published.empty()) {
      const std::string lower = lowercase(text);
      std::optional<std::string> v;
      if (auto at = lower.find("report published"); at != std::string::npos && at > 0)
        v = labelled_value(std::string_view(text).substr(at), {"Report published"});
      else v = labelled_value(text, {"Report published", "Published", "Publication date", "Date published"});
      if (v) {
        if (auto date = parse_one_date(*v)) meta.published = *date, meta.published_source = "report";
      }
    }
  }
  meta.framework = detect_framework(lowercase(analyzers::normalise_for_index(meta.title)), blocks);
  if (title_at) meta.authority_as_printed = printed_authority(blocks, *title_at);
  meta.authority = normalise_authority(meta.authority_as_printed);
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
