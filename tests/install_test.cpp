// What `cmake --install` puts in place, as a user of the installed ofs meets
// it: the binary finds its tables under <prefix>/share/ofs with no --data-dir,
// wherever the prefix is, and the man page documents every option --help lists.
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include "test_support.h"

namespace ofs::test {
namespace {

// Installs the build tree into a fresh prefix; the install is removed with it.
class InstalledCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("OFS_DATA_DIR");  // the installed binary must find its tables on its own
    const fs::path log = dir_ / "install.log";
    const std::string command = shell_quote(OFS_CMAKE_COMMAND) + " --install " + shell_quote(OFS_BUILD_DIR) +
                                " --prefix " + shell_quote(prefix().string()) + " >" +
                                shell_quote(log.string()) + " 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << read_file(log);
  }

  fs::path prefix() const { return dir_ / "prefix with space"; }
  fs::path binary() const { return prefix() / OFS_INSTALL_BINDIR / "ofs"; }
  fs::path tables() const { return prefix() / OFS_INSTALL_DATADIR / "ofs"; }

  TempDir dir_;
};

TEST_F(InstalledCli, PutsTheBinaryTablesAndManPageUnderThePrefix) {
  EXPECT_TRUE(fs::is_regular_file(binary())) << binary();
  for (const char* table : {"headings.tsv", "agencies.tsv", "authorities.tsv", "synonyms.tsv"})
    EXPECT_EQ(read_file(tables() / table), read_file(data_dir() / table)) << table;
  EXPECT_TRUE(fs::is_regular_file(prefix() / OFS_INSTALL_MANDIR / "man1" / "ofs.1"));
}

TEST_F(InstalledCli, FindsItsTablesBesideItselfWithoutDataDir) {
  const auto help = run_binary(binary(), "--help");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find(tables().lexically_normal().string()), std::string::npos)
      << "--data-dir defaults to the installed tables: " << help.out;

  const std::string db = "--db " + shell_quote((dir_ / "db").string());
  const auto indexed = run_binary(binary(), db + " index " + shell_quote(sample_report().string()));
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  EXPECT_NE(indexed.out.find("indexed 1 report (158 paragraphs)"), std::string::npos) << indexed.out;
  // Agencies (agencies.tsv) and the synonym S47 (synonyms.tsv) both come from the installed tables.
  const auto found = run_binary(binary(), db + " search S47 --agency police --limit 1");
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("2 paragraphs"), std::string::npos) << found.out;
}

TEST_F(InstalledCli, KeepsWorkingWhenThePrefixMoves) {
  const fs::path moved = dir_ / "moved";
  fs::rename(prefix(), moved);
  const fs::path binary = moved / OFS_INSTALL_BINDIR / "ofs";
  const auto help = run_binary(binary, "--help");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find((moved / OFS_INSTALL_DATADIR / "ofs").lexically_normal().string()),
            std::string::npos)
      << help.out;
  const auto indexed = run_binary(binary, "--db " + shell_quote((dir_ / "db").string()) + " index " +
                                              shell_quote(sample_report().string()));
  EXPECT_EQ(indexed.exit_code, 0) << indexed.err;
}

// --- The man page, generated from --help-all at build time ---------------------

// Every --long option named in `text`.
std::set<std::string> long_options(const std::string& text) {
  static const std::regex option("--[a-z][a-z-]*");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), option); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

// The subcommand names a CLI11 help text lists under "Subcommands:".
std::vector<std::string> subcommands(const std::string& help) {
  std::vector<std::string> out;
  const auto at = help.find("\nSubcommands:\n");
  if (at == std::string::npos) return out;
  static const std::regex entry(R"(^  ([a-z]+)\b)");
  std::istringstream lines(help.substr(at + 14));
  for (std::string line; std::getline(lines, line) && !line.empty();) {
    std::smatch m;
    if (std::regex_search(line, m, entry)) out.push_back(m[1]);
  }
  return out;
}

// The page as a reader sees it: roff's escaped hyphens are plain hyphens.
std::string man_page_text() {
  std::string page = read_file(OFS_MAN_PAGE);
  for (std::size_t at = 0; (at = page.find("\\-", at)) != std::string::npos;) page.erase(at, 1);
  return page;
}

TEST(ManPageCli, ListsEveryCommandAndOptionHelpShows) {
  const std::string page = man_page_text();
  ASSERT_FALSE(page.empty()) << "no man page at " << OFS_MAN_PAGE;
  EXPECT_NE(page.find(".TH OFS \"1\""), std::string::npos) << page.substr(0, 200);
  // Walk the command tree: ofs, its subcommands, theirs (saved add, saved run…).
  std::vector<std::string> commands = {""};
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const auto help = run_ofs(commands[i] + " --help");
    ASSERT_EQ(help.exit_code, 0) << commands[i] << ": " << help.err;
    for (const auto& sub : subcommands(help.out)) {
      commands.push_back(commands[i].empty() ? sub : commands[i] + " " + sub);
      EXPECT_NE(page.find(sub), std::string::npos) << "subcommand " << commands.back();
    }
    for (const auto& option : long_options(help.out)) {
      EXPECT_NE(page.find(option), std::string::npos) << "ofs " << commands[i] << " " << option;
    }
  }
  EXPECT_GE(commands.size(), 6u) << "ofs and its five commands at least";
  EXPECT_EQ(page.find(source_dir().string()), std::string::npos) << "no build-machine path in the page";
}

}  // namespace
}  // namespace ofs::test
