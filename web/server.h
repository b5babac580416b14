// ofs web: the HTTP side of `ofs serve` — a small server over cpp-httplib
// that answers GET requests from a handler and serves the page's files.
// Contract: knows nothing of searching.  Paths under /api/ and /file/ go to
// the Handler; every other path is answered from the page's embedded files
// (assets.h), with index.html for the page's own routes.  Only GET and HEAD
// are served (anything else is 405: the server never changes anything).
// When bound to a loopback address, a request that names a host must name a
// loopback one (a web page elsewhere cannot reach the index by DNS rebinding).  A
// handler that throws gets a 500 with the message, never a crash.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace ofs::web {

// Query parameters, decoded; a repeated parameter appears once per value.
using Params = std::multimap<std::string, std::string>;

struct Request {
  std::string path;  // decoded, without the query string
  Params params;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // When set, the response is this file's contents (body is ignored).
  std::filesystem::path file;
  std::map<std::string, std::string> headers;  // extra headers, e.g. Content-Disposition
};

using Handler = std::function<Response(const Request&)>;

struct ServerConfig {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (the address printed says which)
  std::size_t threads = 8;
};

class Server {
 public:
  Server(ServerConfig config, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds; throws std::runtime_error naming the address when it cannot.
  // Returns the address people open, e.g. "http://127.0.0.1:8080/".
  std::string bind();
  // Serves until stop() (from another thread or a signal handler's thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A JSON error body: {"error": message, "status": status}.
Response error_response(int status, const std::string& message);

}  // namespace ofs::web
