#include "web/server.h"

#include <httplib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "web/assets.h"

namespace ofs::web {

namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

bool is_loopback(const std::string& address) {
  return address == "localhost" || address == "::1" || starts_with(address, "127.");
}

// The host a request names, without the port ("[::1]:8080" -> "::1").
std::string host_name(const std::string& host_header) {
  if (starts_with(host_header, "[")) return host_header.substr(1, host_header.find(']') - 1);
  return host_header.substr(0, host_header.find(':'));
}

// Headers every answer carries: the page loads nothing from elsewhere, is
// never framed, and sends no referrer to the sites a report may link to.
void set_safety_headers(httplib::Response& res, bool page) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  if (page)
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
                   "form-action 'self'");
}

void send(const Response& answer, httplib::Response& res) {
  res.status = answer.status;
  for (const auto& [name, value] : answer.headers) res.set_header(name, value);
  if (answer.file.empty()) {
    res.set_content(answer.body, answer.content_type);
    return;
  }
  std::ifstream in(answer.file, std::ios::binary);
  if (!in) {
    const auto missing = error_response(404, "cannot read " + answer.file.string());
    res.status = missing.status;
    res.set_content(missing.body, missing.content_type);
    return;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  res.set_content(contents.str(), answer.content_type);
}

}  // namespace

Response error_response(int status, const std::string& message) {
  Response r;
  r.status = status;
  r.body = nlohmann::ordered_json{{"error", message}, {"status", status}}.dump() + "\n";
  return r;
}

struct Server::Impl {
  ServerConfig config;
  Handler handler;
  httplib::Server http;
};

Server::Server(ServerConfig config, Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->handler = std::move(handler);
  auto& http = impl_->http;
  const std::size_t threads = impl_->config.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(64 * 1024);  // nothing is uploaded: GET only
  http.set_read_timeout(10);
  http.set_write_timeout(30);

  const bool loopback_only = is_loopback(impl_->config.bind);
  http.set_pre_routing_handler([loopback_only](const httplib::Request& req, httplib::Response& res) {
    set_safety_headers(res, false);
    if (req.method != "GET" && req.method != "HEAD") {
      send(error_response(405, "ofs serve is read-only: only GET and HEAD requests are answered"), res);
      res.set_header("Allow", "GET, HEAD");
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string host = req.get_header_value("Host");
    if (loopback_only && !host.empty() && !is_loopback(host_name(host))) {
      send(error_response(403, "this server answers only requests addressed to 127.0.0.1 or localhost"), res);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  Handler& api = impl_->handler;
  http.Get(".*", [&api](const httplib::Request& req, httplib::Response& res) {
    if (starts_with(req.path, "/api/") || starts_with(req.path, "/file/")) {
      Request request{req.path, Params(req.params.begin(), req.params.end())};
      try {
        send(api(request), res);
      } catch (const std::exception& e) {
        send(error_response(500, e.what()), res);
      } catch (...) {
        send(error_response(500, "the request failed in an unexpected way; the server goes on"), res);
      }
      return;
    }
    if (const auto asset = find_asset(req.path)) {
      set_safety_headers(res, true);
      res.set_content(std::string(asset->body), std::string(asset->content_type));
      return;
    }
    send(error_response(404, "no page at " + req.path), res);
  });
}

Server::~Server() = default;

std::string Server::bind() {
  auto& c = impl_->config;
  const int port = c.port == 0 ? impl_->http.bind_to_any_port(c.bind) : c.port;
  if (port < 0 || (c.port != 0 && !impl_->http.bind_to_port(c.bind, c.port)))
    throw std::runtime_error(
        "cannot listen on " + c.bind + ":" + std::to_string(c.port) +
        " (in use, or not an address of this machine?); choose another with --port or --bind");
  const std::string host = c.bind.find(':') != std::string::npos ? "[" + c.bind + "]" : c.bind;
  return "http://" + host + ":" + std::to_string(port) + "/";
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace ofs::web
