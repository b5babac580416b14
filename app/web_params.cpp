#include "app/web_params.h"

#include <algorithm>
#include <vector>

namespace ofs::app {

namespace {

bool is_flag(const CLI::Option& option) { return option.get_items_expected_max() == 0; }

bool flag_value(const std::string& parameter, const std::string& value) {
  static const std::set<std::string> on = {"", "1", "true", "on", "yes"}, off = {"0", "false", "off", "no"};
  if (on.count(value)) return true;
  if (off.count(value)) return false;
  throw RequestError("parameter '" + parameter + "' is a switch: give " + parameter + "=1 or leave it out");
}

std::string parameter_names(const CLI::App& cmd, const std::string& positional) {
  std::string names = positional;
  for (const auto* option : cmd.get_options()) {
    const std::string& long_name = option->get_lnames().empty() ? "" : option->get_lnames().front();
    if (long_name.empty() || long_name == "help") continue;
    std::string name = long_name;
    std::replace(name.begin(), name.end(), '-', '_');
    names += (names.empty() ? "" : ", ") + name;
  }
  return names;
}

}  // namespace

std::string option_for(const std::string& parameter) {
  std::string option = "--" + parameter;
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

std::string single_param(const web::Params& params, const std::string& name, const std::string& fallback) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) return fallback;
  if (std::next(first) != last)
    throw RequestError("parameter '" + name + "' is given more than once; give it once");
  return first->second;
}

void parse_params(CLI::App& cmd, const web::Params& params, const std::string& positional,
                  const std::set<std::string>& ignored) {
  std::vector<std::string> args;
  for (const auto& [name, value] : params) {
    if (name == positional || ignored.count(name)) continue;
    const std::string option_name = option_for(name);
    const CLI::Option* option = name.find('-') == std::string::npos && name != "help"
                                    ? cmd.get_option_no_throw(option_name)
                                    : nullptr;
    if (option == nullptr || option->get_positional())
      throw RequestError("unknown parameter '" + name + "'; parameters are " +
                         parameter_names(cmd, positional));
    if (is_flag(*option)) {
      if (flag_value(name, value)) args.push_back(option_name);
      continue;
    }
    // One argument, "--name=value": a value starting with '-' stays a value.
    args.push_back(option_name + "=" + value);
  }
  if (!positional.empty()) {
    const std::string value = single_param(params, positional);
    if (!value.empty()) {
      args.push_back("--");
      args.push_back(value);
    }
  }
  std::reverse(args.begin(), args.end());  // CLI11 consumes the vector from the back
  try {
    cmd.parse(args);
  } catch (const CLI::ParseError& e) {
    throw RequestError(e.what());
  }
}

}  // namespace ofs::app
