#include "app/web_api.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <optional>
#include <sstream>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "analyzers/text.h"
#include "app/errors.h"
#include "app/judgements_command.h"
#include "app/reports_command.h"
#include "app/saved_command.h"
#include "app/search_command.h"
#include "app/shared_options.h"
#include "app/web_params.h"
#include "schema/storage.h"
#include "searcher/output.h"
#include "searcher/reports.h"
#include "searcher/saved_queries.h"
#include "searcher/synonyms.h"

namespace ofs::app {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

// One thread's view of the index: a searcher and the report catalogue,
// both at the revision `db` was last opened or reopened at, in the
// generation the stub named then (`stub`).
struct Reader {
  std::string stub;
  Xapian::Database db;
  std::unique_ptr<searcher::Searcher> searcher;
  searcher::Catalogue catalogue;
};

web::Response json_response(const std::string& body, const std::string& format = "json") {
  web::Response r;
  r.body = body;
  if (format == "csv") r.content_type = "text/csv; charset=utf-8";
  else if (format == "jsonl") r.content_type = "application/x-ndjson; charset=utf-8";
  return r;
}

// The API answers scripts and the page, never a terminal.
void refuse_text_format(const std::string& format) {
  if (format == "text" || format == "toml")
    throw RequestError("format '" + format + "' is for the terminal; the API answers json" +
                       " (or csv where the command has it)");
}

// "Doncaster 2015.pdf": a header value that survives quotes and non-ASCII names.
std::string content_disposition(const fs::path& file) {
  std::string ascii, encoded;
  for (unsigned char c : file.filename().string()) {
    ascii += (c < 0x80 && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static const char* hex = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::size_t parse_count(const std::string& name, const std::string& value) {
  if (value.empty() || value.size() > 9 ||
      !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
    throw RequestError("parameter '" + name + "' must be a whole number, not '" + value + "'");
  return std::stoul(value);
}

}  // namespace

struct WebApi::State {
  GlobalOptions global;
  fs::path saved_file;
  WebLimits limits;
  searcher::SynonymTable synonyms;

  std::mutex mutex;
  std::vector<std::unique_ptr<Reader>> idle;  // readers no request holds now

  State(const GlobalOptions& g, fs::path saved, WebLimits l)
      : global(g),
        saved_file(std::move(saved)),
        limits(l),
        synonyms(searcher::SynonymTable::load_if_present(fs::path(g.data_dir) / "synonyms.tsv")) {}

  void refresh(Reader& reader) const {
    reader.searcher = std::make_unique<searcher::Searcher>(global.db, synonyms);
    reader.catalogue = searcher::load_catalogue(reader.db);
  }

  std::unique_ptr<Reader> open_reader() const {
    auto reader = std::make_unique<Reader>();
    reader->stub = schema::stub_text(global.db);
    reader->db = searcher::open_index(global.db);
    refresh(*reader);
    return reader;
  }

  // A reader for one request, at the index's newest revision.
  std::unique_ptr<Reader> acquire() {
    std::unique_ptr<Reader> reader;
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        reader = std::move(idle.back());
        idle.pop_back();
      }
    }
    if (!reader) return open_reader();
    // After a compaction the index is another generation: reopen() would
    // stay on the old one, which the writer has deleted.
    if (schema::stub_text(global.db) != reader->stub) return open_reader();
    try {
      if (reader->db.reopen()) refresh(*reader);
    } catch (const Xapian::DatabaseError&) {
      return open_reader();  // the generation went while we looked
    }
    return reader;
  }

  void release(std::unique_ptr<Reader> reader) {
    std::lock_guard lock(mutex);
    idle.push_back(std::move(reader));
  }

  // --- endpoints -------------------------------------------------------------

  void check_search_limits(const SearchOptions& o) const {
    const std::size_t chars = analyzers::trim(o.query).size();
    if (chars > limits.max_query_chars)
      throw RequestError("the query is " + std::to_string(chars) +
                         " characters long; this server takes at most " +
                         std::to_string(limits.max_query_chars));
    if (o.limit > limits.max_limit)
      throw RequestError("limit " + std::to_string(o.limit) + " is over this server's cap of " +
                         std::to_string(limits.max_limit) + "; page with offset");
    if (o.context > limits.max_context)
      throw RequestError("context " + std::to_string(o.context) + " is over this server's cap of " +
                         std::to_string(limits.max_context));
    if (o.explain) throw RequestError("explain prints on the terminal; use 'ofs search --explain'");
    refuse_text_format(o.format);
  }

  web::Response print_search(const Reader& reader, const SearchOptions& o) const {
    check_search_limits(o);
    const auto results = search_results(
        *reader.searcher, [&]() -> const searcher::Catalogue& { return reader.catalogue; }, o);
    searcher::PrintOptions print;
    print.format = searcher::output_format(o.format).value_or(searcher::OutputFormat::Json);
    print.full = o.full;
    print.first_rank = o.offset + 1;
    std::ostringstream out;
    start_output(out, o.format, o.bom);
    searcher::print_results(out, results, print);
    return json_response(out.str(), o.format);
  }

  web::Response search(const Reader& reader, const web::Params& params) const {
    SearchOptions o;
    o.format = "json";
    CLI::App cmd;
    add_search_arguments(cmd, o);
    parse_params(cmd, params, "q");
    o.query = joined_words(o.query_words);
    check_not_empty(o);
    return print_search(reader, o);
  }

  web::Response judgements(const Reader& reader, const web::Params& params) const {
    JudgementsOptions o;
    o.selection.format = "json";
    CLI::App cmd;
    add_judgements_options(cmd, o);
    parse_params(cmd, params);
    refuse_text_format(o.selection.format);
    std::ostringstream out;
    print_judgements(out, reader.catalogue, o);
    return json_response(out.str(), o.selection.format);
  }

  web::Response reports(const Reader& reader, const web::Params& params) const {
    ReportSelection selection;
    selection.format = "json";
    CLI::App cmd;
    add_report_selection_options(cmd, selection);
    parse_params(cmd, params);
    refuse_text_format(selection.format);
    std::ostringstream out;
    print_reports(out, reader.catalogue, selection);
    return json_response(out.str(), selection.format);
  }

  web::Response saved_list(const web::Params& params) const {
    std::string format = "json";
    CLI::App cmd;
    cmd.add_option("--format", format)->check(CLI::IsMember({"json", "csv"}));
    parse_params(cmd, params);
    std::ostringstream out;
    print_saved_list(out, saved_file, format);
    return json_response(out.str(), format);
  }

  web::Response saved_run(const Reader& reader, const web::Params& params) const {
    const std::string name = single_param(params, "name");
    if (name.empty())
      throw RequestError("give the saved query's name: /api/saved/run?name=NAME (/api/saved lists them)");
    const auto saved = searcher::load_saved_queries(saved_file);
    const auto& query = find_saved_query(saved, name, saved_file.string());
    SearchOptions given;
    given.format = "json";
    CLI::App cmd;
    add_search_options(cmd, given);
    add_scope_options(cmd, given.scope);
    parse_params(cmd, params, "", {"name"});
    const auto was_given = [&params](const std::string& option) {
      for (const auto& [parameter, value] : params)
        if (option_for(parameter) == option) return true;
      return false;
    };
    SearchOptions o = saved_search_options(query, given, was_given);
    if (!was_given("--format")) o.format = "json";  // the saved default is for the terminal
    try {
      return print_search(reader, o);
    } catch (const searcher::QueryError& e) {
      throw searcher::QueryError("saved query '" + name + "': " + e.what());
    }
  }

  const searcher::CatalogueEntry& find_report(const Reader& reader, const std::string& id) const {
    for (const auto& entry : reader.catalogue)
      if (entry.meta.id == id) return entry;
    throw RequestError("no report '" + id + "' in the index; /api/reports lists them");
  }

  // The report's row of the judgements table, with its history.
  ojson judgement_row(const Reader& reader, const searcher::CatalogueEntry& entry) const {
    const std::string& id = entry.meta.id;
    JudgementsOptions o;
    o.selection.format = "json";
    o.history = true;
    // Only the rows of its authority are worked out; the history still reads the whole catalogue.
    if (!entry.meta.authority.empty()) o.selection.filters["authority"] = {entry.meta.authority};
    std::ostringstream out;
    print_judgements(out, reader.catalogue, o);
    for (auto& row : ojson::parse(out.str()))
      if (row.value("id", "") == id) return row;
    return nullptr;
  }

  web::Response paragraph(const Reader& reader, const web::Params& params) const {
    CLI::App cmd;  // only to refuse unknown parameters with the list of known ones
    std::string report, ordinal_text, context_text;
    cmd.add_option("--report", report);
    cmd.add_option("--ordinal", ordinal_text);
    cmd.add_option("--context", context_text);
    parse_params(cmd, params);
    if (report.empty() || ordinal_text.empty())
      throw RequestError(
          "give report and ordinal: /api/paragraph?report=ID&ordinal=N (search results carry both)");
    const auto& entry = find_report(reader, report);
    const std::size_t ordinal = parse_count("ordinal", ordinal_text);
    const std::size_t context = context_text.empty() ? 3 : parse_count("context", context_text);
    if (context > limits.max_context)
      throw RequestError("context " + std::to_string(context) + " is over this server's cap of " +
                         std::to_string(limits.max_context));
    // The paragraph is the ordinal-th document of its report in report order.
    searcher::SearchRequest request;
    request.report_ids = {entry.meta.id};
    request.sort = searcher::SortOrder::ReportOrder;
    request.offset = ordinal == 0 ? 0 : ordinal - 1;
    request.limit = 1;
    request.context = context;
    const auto results = reader.searcher->search(request);
    std::ostringstream out;
    searcher::print_json(out, results);
    const auto found = ojson::parse(out.str());
    if (ordinal == 0 || found["results"].empty() ||
        found["results"][0].value("ordinal", 0) != static_cast<int>(ordinal))
      return web::error_response(404, "report '" + report + "' has no paragraph " + ordinal_text +
                                          " (it has " + std::to_string(found.value("total", 0)) + ")");
    const auto& paragraph = found["results"][0];
    ojson doc = {{"paragraph", paragraph},
                 {"report", judgement_row(reader, entry)},
                 {"paragraphs", found["total"]},
                 {"file", servable_file(entry) ? ojson("/file/" + entry.meta.id) : ojson(nullptr)}};
    std::string at_page = doc["file"].is_null() ? "" : doc["file"].get<std::string>();
    if (!at_page.empty() && paragraph["page"].is_number()) at_page += "#page=" + paragraph["page"].dump();
    doc["file_at_page"] = at_page.empty() ? ojson(nullptr) : ojson(at_page);
    return json_response(doc.dump(2) + "\n");
  }

  // The indexed file itself, when it is still a plain file at the path the
  // index holds, reached through no symbolic link, of a kind it indexes.
  std::optional<fs::path> servable_file(const searcher::CatalogueEntry& entry) const {
    const fs::path path = fs::absolute(entry.meta.path).lexically_normal();
    const std::string ext = analyzers::lowercase(path.extension().string());
    if (ext != ".pdf" && ext != ".txt") return std::nullopt;
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(path, ec))) return std::nullopt;
    if (fs::canonical(path, ec) != path || ec) return std::nullopt;
    return path;
  }

  web::Response file(const Reader& reader, const std::string& id) const {
    const searcher::CatalogueEntry* entry = nullptr;
    for (const auto& e : reader.catalogue)
      if (e.meta.id == id) entry = &e;
    if (!entry)
      return web::error_response(404, "no report '" + id + "' in the index; /api/reports lists them");
    const auto path = servable_file(*entry);
    if (!path)
      return web::error_response(404, "the file indexed as " + entry->meta.path +
                                          " is not there as a plain file (moved, or now a symbolic link?); "
                                          "re-index it with 'ofs index'");
    web::Response r;
    r.file = *path;
    r.content_type = analyzers::lowercase(path->extension().string()) == ".pdf" ? "application/pdf"
                                                                                : "text/plain; charset=utf-8";
    r.headers["Content-Disposition"] = content_disposition(*path);
    return r;
  }

  web::Response route(const Reader& reader, const web::Request& request) const {
    const std::string& path = request.path;
    if (path == "/api/search") return search(reader, request.params);
    if (path == "/api/judgements") return judgements(reader, request.params);
    if (path == "/api/reports") return reports(reader, request.params);
    if (path == "/api/saved") return saved_list(request.params);
    if (path == "/api/saved/run") return saved_run(reader, request.params);
    if (path == "/api/paragraph") return paragraph(reader, request.params);
    if (path.rfind("/file/", 0) == 0) return file(reader, path.substr(6));
    return web::error_response(404,
                               "no API endpoint " + path +
                                   "; endpoints are /api/search, /api/judgements, /api/reports, /api/saved, "
                                   "/api/saved/run, /api/paragraph, /file/REPORT-ID (docs/web.md)");
  }
};

WebApi::WebApi(const GlobalOptions& global, fs::path saved_file, WebLimits limits)
    : state_(std::make_unique<State>(global, std::move(saved_file), limits)) {
  state_->release(state_->open_reader());
}

WebApi::~WebApi() = default;

web::Response WebApi::handle(const web::Request& request) const {
  try {
    // `ofs index` may commit while a request reads: Xapian then says the
    // revision it read is gone, and the request starts again on the new one.
    for (int attempt = 0;; ++attempt) {
      auto reader = state_->acquire();
      try {
        auto response = state_->route(*reader, request);
        state_->release(std::move(reader));
        return response;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == 2) throw;
        // This reader is dropped; the next one opens the newest revision.
      }
    }
  } catch (const RequestError& e) {
    return web::error_response(400, e.what());
  } catch (const NotFoundError& e) {
    return web::error_response(404, e.what());
  } catch (const UsageError& e) {
    return web::error_response(400, e.what());
  } catch (const searcher::QueryError& e) {
    return web::error_response(400, e.what());
  } catch (const searcher::SavedQueryError& e) {
    return web::error_response(400, e.what());
  } catch (const Xapian::Error& e) {
    return web::error_response(500, e.get_description());
  }
}

}  // namespace ofs::app
