#include "indexer/inputs.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <utility>

#include "analyzers/text.h"

namespace ofs::indexer {

namespace fs = std::filesystem;

namespace {

bool is_report_file(const fs::path& file) {
  const std::string ext = analyzers::lowercase(file.extension().string());
  return ext == ".pdf" || ext == ".txt";
}

// Why something that is not a folder cannot be read as a report, or empty.
// Reading a named pipe or a device would wait, or read, for ever.
std::string not_a_file_reason(fs::file_type type) {
  switch (type) {
    case fs::file_type::regular:
      return {};
    case fs::file_type::fifo:
      return "not a regular file (a named pipe): not read";
    case fs::file_type::character:
    case fs::file_type::block:
      return "not a regular file (a device): not read";
    case fs::file_type::socket:
      return "not a regular file (a socket): not read";
    default:
      return "not a regular file: not read";
  }
}

// Why `path`'s status could not be read: a link's own problems first.
std::string status_error_reason(const fs::path& path, const std::error_code& ec) {
  std::error_code link_ec;
  const bool is_link = fs::is_symlink(path, link_ec);
  if (ec == std::errc::too_many_symbolic_link_levels) return "a link that loops (too many levels of links)";
  if (is_link && ec == std::errc::no_such_file_or_directory)
    return "a link to nothing (" + ec.message() + ")";
  if (ec == std::errc::no_such_file_or_directory) return "no such file or directory";
  return "cannot read: " + ec.message();
}

class Walker {
 public:
  explicit Walker(Inputs& inputs) : inputs_(inputs) {}

  void given(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec) return skip(path, status_error_reason(path, ec));
    if (status.type() == fs::file_type::directory) {
      const auto first = inputs_.files.size();
      if (!seen_before(path)) folder(path);
      std::sort(inputs_.files.begin() + static_cast<std::ptrdiff_t>(first), inputs_.files.end());
      return;
    }
    // A file named on the command line is read whatever its name; the
    // reader says what it makes of it.
    if (auto reason = not_a_file_reason(status.type()); !reason.empty()) return skip(path, reason);
    inputs_.files.push_back(path);
  }

 private:
  // True when `dir` was read before in this run (by device and inode).
  bool seen_before(const fs::path& dir) {
    struct stat st {};
    return ::stat(dir.c_str(), &st) == 0 && !visited_.insert({st.st_dev, st.st_ino}).second;
  }

  void folder(const fs::path& dir) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return skip(dir, "cannot read folder: " + ec.message());
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      entry(*it);
      if (ec) return skip(dir, "cannot read folder: " + ec.message());
    }
  }

  void entry(const fs::directory_entry& found) {
    const fs::path& path = found.path();
    std::error_code ec, link_ec, type_ec;
    const auto status = fs::status(path, ec);
    if (ec) {
      // A broken link is named only where it looks like a report or may
      // have been a folder of them; anything else in a folder is not ours.
      if (is_report_file(path) || fs::is_symlink(path, link_ec))
        return skip(path, status_error_reason(path, ec));
      if (found.is_directory(type_ec)) return skip(path, "cannot read folder: " + ec.message());
      return;
    }
    if (status.type() == fs::file_type::directory) {
      if (seen_before(path) || (fs::is_symlink(path, link_ec) && leads_up(path)))
        return skip(path, "a link back to a folder already being read (a loop): not followed");
      return folder(path);
    }
    if (!is_report_file(path)) return;
    if (auto reason = not_a_file_reason(status.type()); !reason.empty()) return skip(path, reason);
    inputs_.files.push_back(path);
  }

  // A link to a folder above it: following it would read its own tree again.
  static bool leads_up(const fs::path& link) {
    std::error_code ec;
    const auto target = fs::canonical(link, ec);
    if (ec) return false;
    const auto here = fs::canonical(link.parent_path(), ec);
    if (ec) return false;
    const auto [end, _] = std::mismatch(target.begin(), target.end(), here.begin(), here.end());
    return end == target.end();
  }

  void skip(const fs::path& path, std::string reason) {
    inputs_.skipped.push_back({path, std::move(reason)});
  }

  Inputs& inputs_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

Inputs collect_inputs(const std::vector<fs::path>& paths) {
  Inputs inputs;
  Walker walker(inputs);
  for (const auto& path : paths) walker.given(path);
  return inputs;
}

}  // namespace ofs::indexer
