// Recognising the agencies a paragraph names.
// Contract: an AgencyTable is loaded from a user-editable TSV data file that
// declares every canonical agency ("agency <TAB> name <TAB> what the tag
// means") and lists their aliases ("name <TAB> alias"), phrases that name
// no agency ("- <TAB> phrase") and aliases that count only in some sections
// ("name <TAB> alias <TAB> sections"); nothing about agencies is fixed in
// code.  It is immutable afterwards; find() is thread-safe and returns every
// canonical agency named, plus the exact organisation names matched, in
// order of first appearance.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ofs::analyzers {

struct TsvRecord;

struct AgencyMentions {
  std::vector<std::string> agencies;       // canonical, e.g. "police", "camhs"
  std::vector<std::string> organisations;  // as written, e.g. "Wiltshire Constabulary"
};

// Where a paragraph sits: some aliases count only in some sections ("the
// Board" is the LSCB inside the LSCB's part of a report).
struct AgencyContext {
  std::vector<std::string> section;  // heading path, outermost first
  std::string area;                  // canonical judgement area
};

class AgencyTable {
 public:
  // Throws TsvError (a std::runtime_error) naming the file and line on a
  // malformed file.
  static AgencyTable load(const std::filesystem::path& tsv);
  AgencyMentions find(std::string_view text, const AgencyContext& context = {}) const;
  // The declared agencies, in the file's order.
  const std::vector<std::string>& canonical_names() const;

  // Same as load() but from TSV text already in memory; `source` names it in
  // error messages.  Lets tests and callers build small tables directly.
  static AgencyTable parse(std::string_view tsv_text, std::string_view source);

  // One TSV alias, pre-normalised for matching (see data/agencies.tsv for
  // the syntax).
  struct Alias {
    std::string canonical;        // empty for "-" (a phrase that is no agency)
    std::string phrase;           // single-spaced, ' apostrophes; lowercased
                                  // unless case_sensitive
    bool case_sensitive = false;  // an all-capitals acronym such as "NHS"
    bool prefix = false;          // "school*": last word may run on
    bool word_start = false;      // "*SCB": first word may start earlier
                                  // ("TSCB", "RCSCB")
    bool name_suffix = false;     // "* Constabulary": any capitalised name
                                  // ending so
    bool proper_name = false;     // written with a capital: an organisation
    // Counts only where the paragraph's area is one of these, or one of its
    // headings contains one (lowercased); empty = everywhere.
    std::vector<std::string> only_in_sections;
  };

 private:
  static AgencyTable from_rows(const std::vector<TsvRecord>& rows);
  void declare(const TsvRecord& row);
  void add_alias(const TsvRecord& row);

  std::vector<std::string> canonical_names_;
  std::vector<Alias> aliases_;
  // Lowercased last words of multi-word aliases ("council", "trust"): a
  // capitalised name is not extended leftwards across "and" past one.
  std::vector<std::string> name_ending_words_;
};

}  // namespace ofs::analyzers
