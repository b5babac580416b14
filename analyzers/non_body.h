// Telling a report's own text from what Ofsted prints around it.
// Contract: a NonBodyTable is loaded from a user-editable TSV file
// (data/non-body.tsv, whose header describes the format) and is immutable
// afterwards; its look-ups are pure and thread-safe.  It says which blocks
// open the back cover, which are boilerplate wherever printed, and which
// list the inspection team; a TeamList reads a report's team lines into
// names with roles.  Nothing about the boilerplate or the roles is fixed in
// code.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ofs::analyzers {

struct TsvRecord;

// One member of the inspection team, as the report names them.
struct TeamMember {
  std::string name;  // without titles: "Anji Parker", not "Anji Parker, HMI"
  std::string role;  // as the table maps the printed label: "team inspector"
  bool operator==(const TeamMember&) const = default;
};

// The role whose first member is the report's lead inspector.
inline constexpr std::string_view kLeadInspectorRole = "lead inspector";

class NonBodyTable {
 public:
  // Throws TsvError naming the file and line on a malformed file.
  static NonBodyTable load(const std::filesystem::path& tsv);
  // Same from text in memory; `source` names it in messages.
  static NonBodyTable parse(std::string_view tsv_text, std::string_view source);

  // `text` starts the back cover: it and everything after it are not body text.
  bool opens_back_cover(std::string_view text) const;
  // `text` is boilerplate wherever it is printed.
  bool is_boilerplate(std::string_view text) const;

  // A team label ("Team inspectors:") found in a line, with where it is.
  struct LabelAt {
    std::size_t begin = 0;        // in the matching text (see match_text)
    std::size_t value_begin = 0;  // after the label and its colon
    const std::string* role = nullptr;
  };
  // Every team label in `text` (normalised by match_text), in order; a label
  // needs its colon except at the very start of a short line.
  std::vector<LabelAt> team_labels(std::string_view normalised) const;
  // `text` is only a title printed after a name ("Her Majesty's Inspector").
  bool is_inspector_title(std::string_view text) const;
  // A printed name with its titles, brackets and trailing full stop removed;
  // empty when nothing that reads as a name is left.
  std::string clean_name(std::string_view raw) const;

  // The form every look-up compares: normalised for the index, white space
  // folded.  Labels and phrases are matched on it case-insensitively.
  static std::string match_text(std::string_view text);

 private:
  static NonBodyTable from_rows(const std::vector<TsvRecord>& rows);

  struct Label {
    std::string folded;  // lower case, normalised
    std::string role;
  };
  std::vector<std::string> back_cover_;   // folded phrases
  std::vector<std::string> boilerplate_;  // folded phrases
  std::vector<Label> labels_;             // longest first
  std::vector<std::string> titles_;       // folded, longest first
};

// Reads the inspection team from a report's blocks, in order.  A team line
// starts with a label; the blocks that carry it on (a name printed under
// its label, a list wrapped after a comma, a title on a line of its own,
// further labels laid out in columns) belong to it.
class TeamList {
 public:
  explicit TeamList(const NonBodyTable& table) : table_(table) {}

  // True when `text` is (part of) the team list: it is then not body text.
  // Any other text ends the current team line.
  bool take(std::string_view text);

  // Everyone named so far, in order of first mention, each name and role once.
  std::vector<TeamMember> members() const;

 private:
  bool carries_on(const std::string& normalised) const;

  const NonBodyTable& table_;
  std::vector<std::string> lines_;  // normalised text of each team line (with what carried it on)
  bool open_ = false;
};

}  // namespace ofs::analyzers
