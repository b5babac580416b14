// The local authorities ofs knows: canonical names, other names and
// spellings, identifiers (Ofsted URN, DfE LA code, ONS code), region, and
// which councils took over from councils that no longer exist.
// Contract: an AuthorityTable is loaded once from data/authorities.tsv (read
// with analyzers/tsv.h; the file's header says what each field means) and is
// immutable afterwards.  Names are matched by name_key(): without regard to
// case, punctuation or "&" against "and".  Every successor named must be a
// row of the table, and succession has no cycles; a mistake is a TsvError
// naming the file and line.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/tsv.h"

namespace ofs::analyzers {

struct Authority {
  std::string name;                       // canonical ("Bristol")
  std::vector<std::string> other_names;   // "Bristol, City of", "City of Bristol"
  std::string ofsted_urn;                 // "80441"; empty when unknown
  std::string la_code;                    // DfE code, "801"
  std::string ons_code;                   // "E06000023"
  std::string region;                     // "South West"
  std::string type;                       // "Unitary Authority"
  std::vector<std::string> succeeded_by;  // canonical names; empty for a council that exists
};

class AuthorityTable {
 public:
  // Throws TsvError ("file:line: problem") on a malformed row.
  static AuthorityTable load(const std::filesystem::path& tsv);
  static AuthorityTable parse(std::string_view text, std::string_view source);

  // The authority called `name` (canonical or other name); nullptr when none is.
  const Authority* find_name(std::string_view name) const;
  // The authority whose Ofsted URN is `urn`; nullptr when none is.
  const Authority* find_urn(std::string_view urn) const;

  // The councils that exist today whose history includes `authority`'s
  // reports: itself when it exists, else its successors' (transitively),
  // in table order.
  std::vector<const Authority*> current_councils(const Authority& authority) const;

  const std::vector<Authority>& authorities() const { return rows_; }

  // How names are compared: lower case, words joined by '-', "&" as "and"
  // ("Windsor & Maidenhead" -> "windsor-and-maidenhead").
  static std::string name_key(std::string_view name);

 private:
  static AuthorityTable from_records(const std::vector<TsvRecord>& records);

  std::vector<Authority> rows_;
  std::map<std::string, std::size_t> by_name_;  // name_key -> row
  std::map<std::string, std::size_t> by_urn_;
};

}  // namespace ofs::analyzers
