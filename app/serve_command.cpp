#include "app/serve_command.h"

#include <iostream>
#include <memory>

#include "app/cli.h"
#include "app/web_api.h"
#include "web/server.h"

namespace ofs::app {

namespace {

struct ServeOptions {
  web::ServerConfig server;
  std::string saved_file = "ofs-saved.toml";
};

int run_serve(const GlobalOptions& global, const ServeOptions& o) {
  const WebApi api(global, o.saved_file);
  web::Server server(o.server, [&api](const web::Request& request) { return api.handle(request); });
  const std::string address = server.bind();
  // The address on stdout, alone on its line, for people and for scripts that start a server.
  std::cout << address << std::endl;
  if (!global.quiet)
    print_error("serving the index at " + global.db + " (read-only); open " + address +
                " in a browser, Ctrl-C stops");
  server.run();
  return kExitMatch;
}

}  // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd =
      app.add_subcommand("serve", "Serve the search page and its JSON API on this machine (docs/web.md)");
  cmd->add_option("--port", options->server.port, "Port to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option(
         "--bind", options->server.bind,
         "Address to listen on; the default answers this machine only (0.0.0.0 opens it to the network)")
      ->capture_default_str();
  cmd->add_option("--threads", options->server.threads, "Requests answered at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--saved-file", options->saved_file, "The saved-queries TOML file (read, never written)")
      ->envname("OFS_SAVED")
      ->capture_default_str();
  cmd->callback(
      [&global, &action, options] { action = [&global, options] { return run_serve(global, *options); }; });
}

}  // namespace ofs::app
