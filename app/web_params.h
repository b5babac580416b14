// The web API's query parameters, read as the command line's options: each
// parameter is the option of the same name (group_by is --group-by), a
// repeated parameter is a repeated option, and `q` is the query.  The
// options are registered by the commands' own add_*_options functions, so
// the API checks values exactly as `ofs` does and refuses them with the
// same message.
#pragma once

#include <functional>
#include <set>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

#include "web/server.h"

namespace ofs::app {

// A request the API cannot answer as asked; the message says why (HTTP 400).
class RequestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "group_by" -> "--group-by".
std::string option_for(const std::string& parameter);

// Parses `params` into the options `cmd` has (registered by the caller,
// bound to its variables).  `positional` names the parameter that is the
// command's positional argument ("q"; empty for none); `ignored` are
// parameters the caller reads itself.  A flag is on when its parameter is
// present with "", "1", "true", "on" or "yes" and off with "0", "false",
// "off" or "no".  Throws RequestError for an unknown parameter or a value
// the option refuses.
void parse_params(CLI::App& cmd, const web::Params& params, const std::string& positional = "",
                  const std::set<std::string>& ignored = {});

// The one value of `name`, or `fallback`; RequestError when it is repeated.
std::string single_param(const web::Params& params, const std::string& name,
                         const std::string& fallback = "");

}  // namespace ofs::app
