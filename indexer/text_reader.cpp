#include "indexer/text_reader.h"

#include <fstream>
#include <sstream>

#include "analyzers/text.h"

namespace ofs::indexer {

namespace {

using analyzers::trim;

// Bullet glyphs seen in converted reports, each followed by a space.
constexpr std::string_view kBulletGlyphs[] = {"- ", "• ", "◼ ", "▪ ", "● ", "* ", "– "};

std::string_view strip_bullet(std::string_view line) {
  line = trim(line);
  for (auto glyph : kBulletGlyphs)
    if (line.starts_with(glyph)) return trim(line.substr(glyph.size()));
  return {};
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool is_bullet(std::string_view line) { return !strip_bullet(line).empty(); }

bool starts_numbered_paragraph(std::string_view line) {
  line = trim(line);
  std::size_t digits = 0;
  while (digits < line.size() && digits < 4 && line[digits] >= '0' && line[digits] <= '9') ++digits;
  return digits > 0 && digits < line.size() && line[digits] == '.' &&
         (digits + 1 == line.size() || line[digits + 1] == ' ');
}

bool starts_new_block(std::string_view line) {
  return is_bullet(line) || starts_numbered_paragraph(line) || line.find('\t') != std::string_view::npos;
}

class BlockBuilder {
 public:
  void add_line(std::string_view raw) {
    const std::string_view line = trim(raw);
    if (line.empty()) return finish();
    if (starts_new_block(raw)) finish();
    if (current_.text.empty()) {
      current_.kind = is_bullet(line) ? BlockKind::Bullet : BlockKind::Text;
      current_.text =
          current_.kind == BlockKind::Bullet ? std::string(strip_bullet(line)) : std::string(line);
      // A table row keeps its TABs, even a trailing one ("Safeguarding
      // services<TAB>" is a group row with an empty grade cell), so the
      // structure step can read the cells.
      if (raw.find('\t') != std::string_view::npos) current_.text = std::string(trim_spaces(raw));
      return;
    }
    current_.text += ' ';
    current_.text += line;
  }
  void finish() {
    if (!current_.text.empty()) blocks_.push_back(std::move(current_));
    current_ = Block{};
  }
  Blocks take() {
    finish();
    return std::move(blocks_);
  }

 private:
  Block current_;
  Blocks blocks_;
};

}  // namespace

static ReadResult rejected(std::string reason) {
  ReadResult result;
  result.error = std::move(reason);
  return result;
}

ReadResult read_text(std::string_view contents) {
  ReadResult result;
  if (trim(contents).empty()) {
    result.error = contents.empty() ? "empty file (0 bytes)" : "no text (only white space)";
    return result;
  }
  if (auto problem = analyzers::utf8_problem(contents)) {
    result.error = *problem;
    return result;
  }
  if (contents.starts_with("\xEF\xBB\xBF")) contents.remove_prefix(3);  // byte-order mark
  BlockBuilder builder;
  std::size_t start = 0;
  while (start <= contents.size()) {
    std::size_t end = contents.find('\n', start);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view line = contents.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    builder.add_line(line);
    start = end + 1;
  }
  result.blocks = builder.take();
  return result;
}

ReadResult read_text_file(const std::filesystem::path& file, const ReadLimits& limits) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return rejected("cannot read: " + ec.message());
  if (auto problem = file_size_problem(size, limits)) return rejected(*problem);
  std::ifstream in(file, std::ios::binary);
  if (!in) return rejected("cannot open for reading (check permissions)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return read_text(buffer.str());
}

}  // namespace ofs::indexer
