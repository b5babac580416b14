// The JSON API and report files behind `ofs serve` (docs/web.md).  Each
// endpoint answers what the matching command prints with --format json, by
// running the same code: /api/search is `ofs search`, /api/judgements is
// `ofs judgements`, /api/reports is `ofs reports`, /api/saved is `ofs saved
// list` and /api/saved/run is `ofs saved run` (which here never records the
// run: the server writes nothing).  /api/paragraph is one paragraph with
// its neighbours and its report's judgements; /file/REPORT-ID is the file
// the index holds for that report, and no other file.
// Contract: handle() is safe to call from many threads at once; each call
// reads the index through its own reader, reopened when `ofs index` has
// committed since.  A bad request is a 400 whose message is the one the
// command line prints.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/options.h"
#include "web/server.h"

namespace ofs::app {

struct WebLimits {
  std::size_t max_query_chars = 1000;  // longer queries are refused
  std::size_t max_limit = 200;         // results in one response
  std::size_t max_context = 20;        // neighbours either side of a paragraph
};

class WebApi {
 public:
  // Throws std::runtime_error (the command line's message) when there is no index at global.db.
  WebApi(const GlobalOptions& global, std::filesystem::path saved_file, WebLimits limits = {});
  ~WebApi();
  WebApi(const WebApi&) = delete;
  WebApi& operator=(const WebApi&) = delete;

  web::Response handle(const web::Request& request) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ofs::app
