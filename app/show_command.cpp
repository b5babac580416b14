#include "app/show_command.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/errors.h"
#include "app/shared_options.h"
#include "searcher/output.h"
#include "searcher/reports.h"
#include "searcher/search.h"

namespace ofs::app {

namespace {

struct ShowOptions {
  std::string ref;
  std::size_t context = 2;
  std::string format = "text";
};

struct Ref {
  std::string report_id;
  int ordinal = 0;
};

Ref parse_ref(const std::string& text) {
  const auto colon = text.rfind(':');
  const auto bad = [&] {
    return UsageError("bad reference '" + text +
                      "': give REPORT-ID:ORDINAL as a result's 'ref' prints it, e.g. 3f2a9c0d1e2b4a56:57");
  };
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) throw bad();
  const std::string number = text.substr(colon + 1);
  if (number.size() > 9 || number.find_first_not_of("0123456789") != std::string::npos) throw bad();
  const int ordinal = std::stoi(number);
  if (ordinal < 1) throw bad();
  return {text.substr(0, colon), ordinal};
}

// file:///path with every byte but unreserved ones and '/' percent-encoded,
// then "#page=N" when the paragraph's page is known.
std::string file_url(const std::string& path, int page) {
  const std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
  std::string url = "file://";
  for (unsigned char c : absolute) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
      url += static_cast<char>(c);
    else url += fmt::format("%{:02X}", c);
  }
  if (page > 0) url += "#page=" + std::to_string(page);
  return url;
}

int run_show(const GlobalOptions& global, const ShowOptions& o) {
  const Ref ref = parse_ref(o.ref);
  const auto catalogue = searcher::load_catalogue(searcher::open_index(global.db));
  const auto entry = std::find_if(catalogue.begin(), catalogue.end(), [&](const searcher::CatalogueEntry& e) {
    return e.meta.id == ref.report_id;
  });
  if (entry == catalogue.end())
    throw NotFoundError("no report '" + ref.report_id + "' in " + global.db +
                        " ('ofs reports' lists the reports)");
  // The paragraph is the ordinal-th document of its report in report order.
  searcher::Searcher searcher(global.db);
  searcher::SearchRequest request;
  request.report_ids = {ref.report_id};
  request.sort = searcher::SortOrder::ReportOrder;
  request.offset = static_cast<std::size_t>(ref.ordinal - 1);
  request.limit = 1;
  request.context = o.context;
  const auto results = searcher.search(request);
  if (results.hits.empty() || results.hits.front().paragraph.ordinal != ref.ordinal)
    throw NotFoundError(fmt::format("report '{}' has no paragraph {} (it has {})", ref.report_id, ref.ordinal,
                                    entry->meta.paragraph_count));
  const auto& hit = results.hits.front();
  const std::string source = file_url(entry->meta.path, hit.paragraph.page);
  const auto row = searcher::judgement_columns(entry->meta);
  std::vector<std::string> columns;
  for (const auto& [column, judgement] : row) columns.push_back(column);
  columns = searcher::ordered_columns(columns);

  if (o.format == "json") {
    std::ostringstream found;
    searcher::print_json(found, results);
    nlohmann::ordered_json judgements = nlohmann::ordered_json::object();
    for (const auto& column : columns)
      judgements[column] = std::string(analyzers::grade_name(row.at(column).grade));
    const nlohmann::ordered_json doc = {
        {"ref", o.ref},
        {"paragraph", nlohmann::ordered_json::parse(found.str())["results"][0]},
        {"judgements", judgements},
        {"source", source}};
    std::cout << doc.dump(2) << "\n";
    return kExitMatch;
  }
  std::cout << searcher::citation(hit.paragraph, *hit.report) << "\n";
  std::cout << "ref: " << o.ref << "\n\n";
  for (const auto& p : hit.before) std::cout << "┆ " << searcher::short_label(p) << " " << p.text << "\n";
  std::cout << (hit.before.empty() ? "" : "\n") << hit.paragraph.text << "\n"
            << (hit.after.empty() ? "" : "\n");
  for (const auto& p : hit.after) std::cout << "┆ " << searcher::short_label(p) << " " << p.text << "\n";
  std::cout << "\njudgements:";
  if (columns.empty()) std::cout << " none recorded";
  for (const auto& column : columns)
    std::cout << "\n  " << column << ": " << analyzers::grade_name(row.at(column).grade);
  std::cout << "\nsource: " << source << "\n";
  return kExitMatch;
}

}  // namespace

void add_show_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ShowOptions>();
  auto* cmd = app.add_subcommand("show",
                                 "One paragraph by its reference (a result's 'ref'), with its context, its "
                                 "report's judgements and source");
  cmd->add_option("ref", options->ref, "REPORT-ID:ORDINAL, as every result prints it")->required();
  cmd->add_option("--context", options->context, "Paragraphs to show before and after it")
      ->capture_default_str();
  add_format_option(*cmd, options->format, {"text", "json"});
  cmd->callback(
      [&global, &action, options] { action = [&global, options] { return run_show(global, *options); }; });
}

}  // namespace ofs::app
