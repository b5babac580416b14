#include "app/cli.h"

#include <algorithm>
#include <iostream>

#include "analyzers/text.h"
#include "app/index_command.h"
#include "app/judgements_command.h"
#include "app/options.h"
#include "app/remove_command.h"
#include "app/reports_command.h"
#include "app/saved_command.h"
#include "app/search_command.h"
#include "app/serve_command.h"
#include "app/show_command.h"
#include "searcher/unknown_value.h"

#ifndef OFS_VERSION
#define OFS_VERSION "unknown"
#endif

namespace ofs::app {

namespace {

// The subcommand the arguments before "--" select ("ofs saved run" -> run).
const CLI::App* selected_command(const CLI::App& app, const std::vector<std::string>& args, std::size_t end) {
  const CLI::App* current = &app;
  for (std::size_t i = 0; i < end; ++i)
    if (args[i].rfind("-", 0) != 0)
      for (const auto* sub : current->get_subcommands([](const CLI::App*) { return true; }))
        if (sub->check_name(args[i])) {
          current = sub;
          break;
        }
  return current;
}

bool is_option_of(const CLI::App* cmd, const std::string& arg) {
  if (arg.rfind("--", 0) != 0 || arg == "--") return false;
  const std::string name = arg.substr(0, arg.find('='));
  for (; cmd; cmd = cmd->get_parent())
    if (cmd->get_option_no_throw(name)) return true;
  return false;
}

// "ofs search -- '-police CAMHS' --limit 0": "--" protects the query words
// that follow it (they may start with '-'), not the options given after
// them, so those are moved in front of it.
std::vector<std::string> options_before_double_dash(const CLI::App& app, std::vector<std::string> args) {
  const auto dash = std::find(args.begin(), args.end(), "--");
  if (dash == args.end()) return args;
  const std::size_t at = static_cast<std::size_t>(dash - args.begin());
  const CLI::App* cmd = selected_command(app, args, at);
  auto first_option = std::find_if(args.begin() + static_cast<std::ptrdiff_t>(at) + 1, args.end(),
                                   [&](const std::string& a) { return is_option_of(cmd, a); });
  std::vector<std::string> moved(first_option, args.end());
  args.erase(first_option, args.end());
  args.insert(args.begin() + static_cast<std::ptrdiff_t>(at), moved.begin(), moved.end());
  return args;
}

// The command whose options were being read when parsing stopped.
const CLI::App* deepest_parsed(const CLI::App& app) {
  const CLI::App* current = &app;
  for (;;) {
    const auto subs = current->get_subcommands();
    if (subs.empty()) return current;
    current = subs.front();
  }
}

std::string command_path(const CLI::App* cmd) {
  std::string path;
  for (; cmd; cmd = cmd->get_parent()) path = cmd->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

std::vector<std::string> subcommand_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const auto* sub : cmd.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

// CLI11's complaint in the "ofs: …" style, with what to do about it.
std::string usage_message(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App* cmd = deepest_parsed(app);
  const std::string help = "; '" + command_path(cmd) + " --help' lists the options";
  const auto names = subcommand_names(*cmd);
  if (!names.empty()) {  // a command that needs a subcommand: index, search… or add, list…
    const auto rest = app.remaining(true);  // a word a command did not take may land with its parent
    if (!rest.empty() && rest.front().rfind("-", 0) != 0) {
      const auto close = searcher::closest_value(rest.front(), names);
      return "unknown command '" + rest.front() + "'" + (close ? "; did you mean '" + *close + "'?" : "") +
             " ('" + command_path(cmd) + " --help' lists the commands)";
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) && cmd->get_subcommands().empty())
      return "give a command: " + std::string([&] {
               std::string all;
               for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
               return all;
             }()) +
             " ('" + command_path(cmd) + " --help' describes them)";
  }
  std::string what = e.what();
  if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
  return what + help;
}

}  // namespace

void add_commands(CLI::App& app, GlobalOptions& global, Action& action) {
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all",
                        "Print the help of every command and exit (the man page is made from it)");
  app.set_version_flag("--version", std::string("ofs ") + OFS_VERSION, "Print the version and exit");
  app.add_option("--db", global.db, "Index directory")->envname("OFS_DB")->capture_default_str();
  app.add_option("--data-dir", global.data_dir,
                 "Folder with headings.tsv, agencies.tsv, authorities.tsv and synonyms.tsv")
      ->envname("OFS_DATA_DIR")
      ->capture_default_str();
  app.add_option("--color,--colour", global.colour, "Colour output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", global.quiet, "No progress, warnings or summaries; errors only");
  app.fallthrough();
  add_index_command(app, global, action);
  add_search_command(app, global, action);
  add_saved_command(app, global, action);
  add_judgements_command(app, global, action);
  add_reports_command(app, global, action);
  add_remove_command(app, global, action);
  add_show_command(app, global, action);
  add_serve_command(app, global, action);
}

int run(int argc, char** argv) {
  CLI::App app{"ofs: search Ofsted children's services inspection reports by paragraph", "ofs"};
  GlobalOptions global;
  Action action;
  add_commands(app, global, action);
  // One boundary where every failure becomes "ofs: message" and its exit code.
  try {
    auto args = options_before_double_dash(app, std::vector<std::string>(argv + 1, argv + argc));
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    try {
      app.parse(args);
    } catch (const CLI::Success& e) {  // --help, --version
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      throw UsageError(usage_message(app, e));
    }
    return action ? action() : kExitError;
  } catch (...) {
    const Failure failure = failure_of(std::current_exception());
    print_error(failure.message);
    return failure.exit_code;
  }
}

}  // namespace ofs::app
