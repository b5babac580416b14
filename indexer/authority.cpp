#include "indexer/authority.h"

#include <cctype>

#include "indexer/metadata.h"

namespace ofs::indexer {

namespace {

using analyzers::Authority;
using analyzers::AuthorityTable;

// The printed name, as printed and with its council-type words dropped
// ("Tameside metropolitan borough" -> "Tameside").
const Authority* by_printed_name(const AuthorityTable& table, const ReportMeta& meta) {
  if (meta.authority_as_printed.empty()) return nullptr;
  if (const auto* a = table.find_name(meta.authority_as_printed)) return a;
  if (const auto* a = table.find_name(normalise_authority(meta.authority_as_printed))) return a;
  return table.find_name(meta.authority);
}

// "80580_wiltshire" -> the authority of URN 80580.
const Authority* by_folder_urn(const AuthorityTable& table, const std::filesystem::path& file) {
  const std::string folder = file.parent_path().filename().string();
  std::size_t digits = 0;
  while (digits < folder.size() && std::isdigit(static_cast<unsigned char>(folder[digits]))) ++digits;
  if (digits == 0 || (digits < folder.size() && folder[digits] != '_')) return nullptr;
  return table.find_urn(folder.substr(0, digits));
}

// The longest authority name that starts the folder's name (after its URN)
// or the file's ("wiltshire-2012-safeguarding….txt" -> Wiltshire).
const Authority* by_name_in_path(const AuthorityTable& table, const std::filesystem::path& file) {
  for (std::string name : {file.parent_path().filename().string(), file.stem().string()}) {
    if (const auto underscore = name.find('_'); underscore != std::string::npos && underscore > 0 &&
                                                std::isdigit(static_cast<unsigned char>(name.front())))
      name.erase(0, underscore + 1);
    const std::string key = AuthorityTable::name_key(name);
    const Authority* best = nullptr;
    std::size_t best_length = 0;
    for (const auto& a : table.authorities()) {
      std::vector<std::string> names = a.other_names;
      names.push_back(a.name);
      for (const auto& n : names) {
        const std::string k = AuthorityTable::name_key(n);
        const bool starts = key.size() >= k.size() && key.compare(0, k.size(), k) == 0 &&
                            (key.size() == k.size() || key[k.size()] == '-');
        if (starts && k.size() > best_length) best = &a, best_length = k.size();
      }
    }
    if (best) return best;
  }
  return nullptr;
}

void take(ReportMeta& meta, const AuthorityTable& table, const Authority& a) {
  meta.authority = a.name;
  meta.la_code = a.la_code;
  meta.ons_code = a.ons_code;
  meta.ofsted_urn = a.ofsted_urn;
  meta.region = a.region;
  meta.councils.clear();
  for (const auto* council : table.current_councils(a)) meta.councils.push_back(council->name);
}

}  // namespace

void resolve_authority(ReportMeta& meta, const AuthorityTable& table, const std::filesystem::path& file) {
  const Authority* printed = by_printed_name(table, meta);
  const Authority* folder = by_folder_urn(table, file);
  if (printed) {
    take(meta, table, *printed);
    if (folder && folder != printed)
      meta.warnings.push_back("the report names " + printed->name + " but its folder's Ofsted URN " +
                              folder->ofsted_urn + " is " + folder->name + "'s; indexed as " + printed->name);
    return;
  }
  const std::string as_printed =
      meta.authority_as_printed.empty() ? "" : "'" + meta.authority_as_printed + "'";
  const Authority* evidence = folder ? folder : by_name_in_path(table, file);
  if (evidence) {
    take(meta, table, *evidence);
    meta.warnings.push_back((as_printed.empty()
                                 ? std::string("the report names no local authority")
                                 : "local authority " + as_printed + " is not in the authority table") +
                            "; indexed as " + evidence->name +
                            (folder ? ", from its folder's Ofsted URN " + folder->ofsted_urn
                                    : std::string(", from its file name")));
    return;
  }
  if (!meta.authority.empty()) {
    meta.warnings.push_back(
        "local authority " + as_printed +
        " is not in the authority table (data/authorities.tsv): indexed as printed, with no LA "
        "code or region (add it to the table as a name or other name)");
    return;
  }
  meta.authority = std::string(schema::kUnknownAuthority);
  meta.warnings.push_back("no local authority in the report, its folder or its file name: indexed as " +
                          meta.authority);
}

}  // namespace ofs::indexer
