#include "app/cli.h"

#include <sstream>

#include <xapian.h>

#include "analyzers/text.h"
#include "app/index_command.h"
#include "app/options.h"
#include "app/search_command.h"
#include "app/serve_command.h"
#include "app/saved_command.h"
#include "app/judgements_command.h"
#include "app/remove_command.h"
#include "app/reports_command.h"
#include "searcher/search.h"

namespace ofs::app {

int run(int argc, char** argv) {
  CLI::App app{"ofs: search Ofsted children's services inspection reports by paragraph", "ofs"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Print the help of every command and exit (the man page is made from it)");
  GlobalOptions global;
  app.add_option("--db", global.db, "Index directory")->envname("OFS_DB")->capture_default_str();
  app.add_option("--data-dir", global.data_dir, "Folder with headings.tsv, agencies.tsv and synonyms.tsv")
      ->envname("OFS_DATA_DIR")
      ->capture_default_str();
  app.add_option("--color,--colour", global.colour, "Colour output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", global.quiet, "No progress, warnings or summaries; errors only");
  app.fallthrough();
  // Parse errors quote the arguments: escape them like every other message.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    std::string escaped;
    std::istringstream lines(CLI::FailureMessage::simple(failed, e));
    for (std::string line; std::getline(lines, line);) escaped += analyzers::escape_for_terminal(line) + "\n";
    return escaped;
  });

  Action action;
  add_index_command(app, global, action);
  add_search_command(app, global, action);
  add_saved_command(app, global, action);
  add_judgements_command(app, global, action);
  add_reports_command(app, global, action);
  add_remove_command(app, global, action);
  add_serve_command(app, global, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitMatch : kExitError;
  }
  // One boundary where every failure becomes "ofs: message" and exit 2.
  try {
    return action ? action() : kExitError;
  } catch (const searcher::QueryError& e) {
    print_error(e.what());
  } catch (const Xapian::Error& e) {
    print_error(e.get_description());
  } catch (const std::exception& e) {
    print_error(e.what());
  }
  return kExitError;
}

}  // namespace ofs::app
