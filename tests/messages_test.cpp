// Messages on a terminal: control characters from queries and file names
// are escaped, so a message is one line that cannot recolour or rewrite the
// terminal; query limits are refused with exit 2 from the command line and
// from saved queries.
#include <algorithm>

#include "analyzers/text.h"
#include "test_support.h"

namespace ofs::test {
namespace {

using analyzers::escape_for_terminal;

TEST(EscapeForTerminal, ControlCharactersBecomeEscapes) {
  EXPECT_EQ(escape_for_terminal("plain text, ¶57 · children’s"), "plain text, ¶57 · children’s");
  EXPECT_EQ(escape_for_terminal("a\nb\tc\rd"), "a\\nb\\tc\\rd");
  EXPECT_EQ(escape_for_terminal("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(escape_for_terminal(std::string("nul\0del\x7f", 8)), "nul\\x00del\\x7f");
  EXPECT_EQ(escape_for_terminal("c1\xc2\x9b"
                                "2J"),
            "c1\\u{9b}2J");  // CSI as a C1 control
  EXPECT_EQ(escape_for_terminal("abc\xe2\x80\xae"
                                "fdp.exe"),
            "abc\\u{202e}fdp.exe");  // right-to-left override
  EXPECT_EQ(escape_for_terminal("line\xe2\x80\xa8next"), "line\\u{2028}next");
  EXPECT_EQ(escape_for_terminal("caf\xe9s"), "caf\\xe9s");  // Latin-1, not UTF-8
  EXPECT_EQ(escape_for_terminal("cut \xe2\x80"), "cut \\xe2\\x80");
  EXPECT_EQ(escape_for_terminal("back\\slash"), "back\\slash");
}

class MessagesCli : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db() const { return "--db " + shell_quote((dir_ / "db").string()); }
  void SetUp() override {
    const auto indexed = run_ofs(db() + " index " + shell_quote(sample_report().string()));
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  }
  static std::size_t lines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }
};

TEST_F(MessagesCli, QueryTextIsEscapedInErrors) {
  const auto r = run_ofs(db() + " search " + shell_quote("police grade:bad\x1b]0;owned\x07"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("ofs: unknown grade 'bad\\x1b]0;owned\\x07'"), std::string::npos) << r.err;
  const auto suggestion = run_ofs(db() + " search " + shell_quote("safegaurding \x1b[2J"));
  EXPECT_EQ(suggestion.err.find('\x1b'), std::string::npos) << suggestion.err;
  EXPECT_NE(suggestion.err.find("did you mean \"safeguarding \\x1b[2J\"?"), std::string::npos)
      << suggestion.err;
}

TEST_F(MessagesCli, FileNamesAreEscapedInIndexMessages) {
  const auto odd = dir_ / "reports" / "empty\nreport\x1b[31m.txt";
  write_file(odd, "");
  const auto r = run_ofs(db() + " index " + shell_quote(odd.string()));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty\\nreport\\x1b[31m.txt: empty file (0 bytes)"), std::string::npos) << r.err;
}

TEST_F(MessagesCli, CommandLineMistakesAreEscaped) {
  const auto r = run_ofs(db() + " search police " + shell_quote("--bad\x1b[31m"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--bad\\x1b[31m"), std::string::npos) << r.err;
}

TEST_F(MessagesCli, LimitsExitTwoAndTheirOptionsRaiseThem) {
  const std::string deep = std::string(40, '(') + "police" + std::string(40, ')');
  const auto refused = run_ofs(db() + " search " + shell_quote(deep));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("ofs: the brackets at character 33 nest 33 deep; the limit is 32"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--max-depth N"), std::string::npos) << refused.err;
  EXPECT_EQ(run_ofs(db() + " search " + shell_quote(deep) + " --max-depth 40").exit_code, 0);
  const auto near = run_ofs(db() + " search 's* NEAR/3 c*'");
  EXPECT_EQ(near.exit_code, 2);
  EXPECT_NE(near.err.find("--max-near-wildcards N"), std::string::npos) << near.err;
  EXPECT_EQ(run_ofs(db() + " search 'assess* NEAR/2 poor*' --max-near-wildcards 2").exit_code, 0);
  const auto ceiling = run_ofs(db() + " search police --max-depth 257");
  EXPECT_EQ(ceiling.exit_code, 2);
  EXPECT_NE(ceiling.err.find("--max-depth"), std::string::npos) << ceiling.err;
  const auto help = run_ofs("search --help");
  for (const char* option : {"--max-query-length", "--max-depth", "--max-wildcards", "--max-wildcard-terms",
                             "--max-phrase-words", "--max-near-wildcards"})
    EXPECT_NE(help.out.find(option), std::string::npos) << option;
}

TEST_F(MessagesCli, SavedQueryPastALimitIsRefusedNamingIt) {
  const auto saved = dir_ / "saved.toml";
  // 3,200 levels of brackets used to overflow the stack from a saved query.
  write_file(saved, "version = 1\n[queries.deep]\nquery = \"" + std::string(3200, '(') + "police" +
                        std::string(3200, ')') + "\"\n");
  const auto too_long = run_ofs(db() + " saved --saved-file " + shell_quote(saved.string()) + " run deep");
  EXPECT_EQ(too_long.exit_code, 2);
  EXPECT_NE(too_long.err.find("ofs: saved query 'deep': the query is 6406 characters long"),
            std::string::npos)
      << too_long.err;
  const auto r = run_ofs(db() + " saved --saved-file " + shell_quote(saved.string()) +
                         " run deep --max-query-length 100000");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ofs: saved query 'deep': the brackets at character 33 nest 33 deep"),
            std::string::npos)
      << r.err;
  const auto raised = run_ofs(db() + " saved --saved-file " + shell_quote(saved.string()) +
                              " run deep --max-depth 256 --max-query-length 100000");
  EXPECT_EQ(raised.exit_code, 2);  // 3,200 is past the ceiling too
  EXPECT_NE(raised.err.find("nest 257 deep; the limit is 256"), std::string::npos) << raised.err;
}

}  // namespace
}  // namespace ofs::test
