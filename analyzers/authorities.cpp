#include "analyzers/authorities.h"

#include <algorithm>
#include <functional>

#include "analyzers/text.h"
#include "analyzers/tsv.h"

namespace ofs::analyzers {

namespace {

constexpr std::string_view kFieldNames =
    "name, other_names, ofsted_urn, la_code, ons_code, region, type[, succeeded_by]";

std::vector<std::string> split_list(std::string_view field) {
  std::vector<std::string> out;
  while (!field.empty()) {
    const std::size_t bar = field.find('|');
    const std::string_view item = trim(field.substr(0, bar));
    if (!item.empty()) out.emplace_back(item);
    if (bar == std::string_view::npos) break;
    field.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace

std::string AuthorityTable::name_key(std::string_view name) {
  std::string text(name);
  for (std::size_t at = text.find('&'); at != std::string::npos; at = text.find('&', at + 5))
    text.replace(at, 1, " and ");
  return facet_slug(text);
}

AuthorityTable AuthorityTable::load(const std::filesystem::path& tsv) {
  return from_records(read_tsv(tsv, "authority table"));
}

AuthorityTable AuthorityTable::parse(std::string_view text, std::string_view source) {
  return from_records(parse_tsv(text, source));
}

AuthorityTable AuthorityTable::from_records(const std::vector<TsvRecord>& records) {
  AuthorityTable table;
  std::vector<std::size_t> lines;
  for (const auto& r : records) {
    if (r.fields.size() != 7 && r.fields.size() != 8) r.expect_fields(8, kFieldNames);
    Authority a{r.fields[0], split_list(r.fields[1]),
                r.fields[2], r.fields[3],
                r.fields[4], r.fields[5],
                r.fields[6], r.fields.size() == 8 ? split_list(r.fields[7]) : std::vector<std::string>{}};
    if (a.name.empty()) r.fail("the authority has no name (the first field)");
    if (a.region.empty()) r.fail("'" + a.name + "' has no region (the sixth field)");
    const std::size_t row = table.rows_.size();
    std::vector<std::string> names = a.other_names;
    names.insert(names.begin(), a.name);
    for (const auto& n : names) {
      const auto [at, added] = table.by_name_.emplace(name_key(n), row);
      if (!added && at->second != row)
        r.fail("the name '" + n + "' is already '" + table.rows_[at->second].name + "''s (line " +
               std::to_string(lines[at->second]) + "); a name may belong to one authority only");
    }
    if (!a.ofsted_urn.empty() && !table.by_urn_.emplace(a.ofsted_urn, row).second)
      r.fail("Ofsted URN " + a.ofsted_urn + " is already '" +
             table.rows_[table.by_urn_.at(a.ofsted_urn)].name + "''s");
    table.rows_.push_back(std::move(a));
    lines.push_back(r.line);
  }
  // Successors must be rows, and following them must end at councils that exist.
  for (std::size_t row = 0; row < table.rows_.size(); ++row) {
    const auto& record = records[row];
    for (const auto& s : table.rows_[row].succeeded_by)
      if (const auto* found = table.find_name(s); !found || found->name != s)
        record.fail("successor '" + s + "' of '" + table.rows_[row].name +
                    "' is not the canonical name of a row of the table (add its row or correct the name)");
    std::vector<std::size_t> path{row};
    std::function<void(std::size_t)> follow = [&](std::size_t at) {
      for (const auto& s : table.rows_[at].succeeded_by) {
        const std::size_t next = table.by_name_.at(name_key(s));
        if (std::find(path.begin(), path.end(), next) != path.end())
          record.fail("'" + table.rows_[row].name + "' succeeds itself through '" + s +
                      "' (succession must not loop)");
        path.push_back(next);
        follow(next);
        path.pop_back();
      }
    };
    follow(row);
  }
  return table;
}

const Authority* AuthorityTable::find_name(std::string_view name) const {
  const auto found = by_name_.find(name_key(name));
  return found == by_name_.end() ? nullptr : &rows_[found->second];
}

const Authority* AuthorityTable::find_urn(std::string_view urn) const {
  const auto found = by_urn_.find(std::string(urn));
  return found == by_urn_.end() ? nullptr : &rows_[found->second];
}

std::vector<const Authority*> AuthorityTable::current_councils(const Authority& authority) const {
  if (authority.succeeded_by.empty()) return {&authority};
  std::vector<const Authority*> out;
  for (const auto& s : authority.succeeded_by)
    if (const auto* next = find_name(s))
      for (const auto* council : current_councils(*next))
        if (std::find(out.begin(), out.end(), council) == out.end()) out.push_back(council);
  std::sort(out.begin(), out.end());  // table order: rows_ is one vector
  return out;
}

}  // namespace ofs::analyzers
