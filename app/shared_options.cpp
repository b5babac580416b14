#include "app/shared_options.h"

#include <algorithm>
#include <functional>

#include "analyzers/areas.h"
#include "app/errors.h"
#include "searcher/output.h"
#include "searcher/reports.h"
#include "searcher/search.h"
#include "searcher/unknown_value.h"

namespace ofs::app {

namespace {

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

const SharedOption& option(std::string_view name) {
  const auto& all = shared_options();
  const auto found =
      std::find_if(all.begin(), all.end(), [&](const SharedOption& o) { return o.name == name; });
  if (found == all.end()) throw std::logic_error("no shared option " + std::string(name));
  return *found;
}

std::string kind_of(const SharedOption& o) {
  std::string kind = o.value;
  std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
  return kind;
}

// An unknown value is reported as everywhere else ("unknown area 'x'; did
// you mean …"), not in CLI11's words.
CLI::Validator one_of(const SharedOption& o, std::vector<std::string> allowed) {
  return CLI::Validator(
      [kind = kind_of(o), allowed = std::move(allowed)](std::string& value) -> std::string {
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
          throw searcher::UnknownValueError(searcher::unknown_value_message(kind, value, allowed));
        return {};
      },
      "");
}

CLI::Option* add(CLI::App& cmd, const SharedOption& o, std::vector<std::string>& values) {
  return cmd.add_option(o.name, values, o.help)->type_name(o.value)->allow_extra_args(false);
}

}  // namespace

const std::vector<SharedOption>& shared_options() {
  static const std::vector<SharedOption> table = [] {
    std::vector<SharedOption> t;
    const std::map<std::string, std::string> facet_help = {
        {"grade",
         "Only paragraphs with this grade: outstanding, good, adequate, requires-improvement, inadequate, "
         "none"},
        {"area", "Only paragraphs under this judgement area (" + joined(analyzers::canonical_areas()) + ")"},
        {"agency", "Only paragraphs naming this agency, as indexed"},
        {"authority", "Only reports on this local authority, as indexed"},
        {"region", "Only reports on authorities in this English region (data/authorities.tsv), as indexed"},
        {"year", "Only reports of this year, or a range: 2014..2018"},
        {"framework", "Only reports under this framework: safeguarding-lac, sif, ilacs, reform-2026"}};
    for (const auto& facet : searcher::kFacets) {
      std::string value = facet;
      std::transform(value.begin(), value.end(), value.begin(),
                     [](unsigned char c) { return std::toupper(c); });
      t.push_back({"--" + facet, value, facet_help.at(facet) + " (repeatable: any of them)", {}});
    }
    t.push_back({"--format", "FORMAT", "Output format", searcher::kFormatNames});
    t.push_back({"--bom",
                 "",
                 "Start CSV with a UTF-8 byte-order mark, so spreadsheet programs show ’ and › right",
                 {}});
    t.push_back({"--sort", "SORT", "Order: relevance, date (newest first) or report (report order)",
                 searcher::kSortNames});
    t.push_back({"--latest",
                 "",
                 "Only each council's most recent report (a merged or split council's reports count as its "
                 "successors')",
                 {}});
    t.push_back(
        {"--declined", "AREA",
         "Only reports whose grade in this area declined since the council's previous report (repeatable)",
         analyzers::canonical_areas()});
    t.push_back(
        {"--improved", "AREA",
         "Only reports whose grade in this area improved since the council's previous report (repeatable)",
         analyzers::canonical_areas()});
    t.push_back(
        {"--since", "DATE", "Only reports published (or, undated, indexed) on or after this yyyy-mm-dd", {}});
    t.push_back({"--inspector",
                 "NAME",
                 "Only reports whose inspection team (lead or team inspector) includes this name: "
                 "the name or part of it, any case (repeatable: any of them)",
                 {}});
    return t;
  }();
  return table;
}

void add_facet_filters(CLI::App& cmd, FacetFilters& filters, const std::vector<std::string>& facets) {
  for (const auto& facet : facets) add(cmd, option("--" + facet), filters[facet]);
}

void add_format_option(CLI::App& cmd, std::string& format, const std::vector<std::string>& formats) {
  const auto& o = option("--format");
  cmd.add_option(o.name, format, o.help + ": " + joined(formats))
      ->type_name(o.value)
      ->check(one_of(o, formats))
      ->capture_default_str();
}

const std::vector<std::string>& table_formats() {
  static const std::vector<std::string> formats = [] {
    auto all = searcher::kFormatNames;
    std::erase(all, "jsonl");
    return all;
  }();
  return formats;
}

void add_bom_option(CLI::App& cmd, bool& bom) {
  const auto& o = option("--bom");
  cmd.add_flag(o.name, bom, o.help);
}

void start_output(std::ostream& out, const std::string& format, bool bom) {
  if (bom && format == "csv") out << "\xEF\xBB\xBF";
}

void add_sort_option(CLI::App& cmd, std::string& sort) {
  const auto& o = option("--sort");
  cmd.add_option(o.name, sort, o.help)
      ->type_name(o.value)
      ->check(one_of(o, o.allowed))
      ->capture_default_str();
}

void add_latest_option(CLI::App& cmd, bool& latest) {
  const auto& o = option("--latest");
  cmd.add_flag(o.name, latest, o.help);
}

void add_change_options(CLI::App& cmd, std::vector<std::string>& declined,
                        std::vector<std::string>& improved) {
  for (auto [name, values] : {std::pair{"--declined", &declined}, std::pair{"--improved", &improved}}) {
    const auto& o = option(name);
    add(cmd, o, *values)->check(one_of(o, o.allowed));
  }
}

void add_history_options(CLI::App& cmd, bool& latest, std::vector<std::string>& declined,
                         std::vector<std::string>& improved) {
  add_latest_option(cmd, latest);
  add_change_options(cmd, declined, improved);
}

void add_since_option(CLI::App& cmd, std::string& since) {
  const auto& o = option("--since");
  cmd.add_option(o.name, since, o.help)
      ->type_name(o.value)
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            if (searcher::is_iso_date(value)) return {};
            throw UsageError("bad --since date '" + value + "': use yyyy-mm-dd, e.g. 2024-01-31");
          },
          ""));
}

void add_inspector_option(CLI::App& cmd, std::vector<std::string>& inspectors) {
  add(cmd, option("--inspector"), inspectors);
}

std::string shared_options_markdown(const CLI::App& app) {
  // The commands that take each option, found by walking the real command tree.
  std::map<std::string, std::vector<std::string>> commands;
  std::function<void(const CLI::App&, const std::string&)> walk = [&](const CLI::App& cmd,
                                                                      const std::string& path) {
    for (const auto* sub : cmd.get_subcommands([](const CLI::App*) { return true; })) {
      const std::string name = path.empty() ? sub->get_name() : path + " " + sub->get_name();
      for (const auto& o : shared_options())
        if (sub->get_option_no_throw(o.name)) commands[o.name].push_back(name);
      walk(*sub, name);
    }
  };
  walk(app, "");
  std::string out = "| option | meaning | commands |\n| --- | --- | --- |\n";
  for (const auto& o : shared_options()) {
    std::string meaning = o.help;
    if (!o.allowed.empty() && o.name == "--format")
      meaning += ": " + joined(o.allowed) + " (as the command offers)";
    out += "| `" + o.name + (o.value.empty() ? "" : " " + o.value) + "` | " + meaning + " | " +
           joined(commands[o.name]) + " |\n";
  }
  return out;
}

}  // namespace ofs::app
