#include "searcher/query.h"

#include <algorithm>
#include <map>
#include <vector>

#include <xapian/unicode.h>

#include "analyzers/text.h"
#include "schema/analysis.h"
#include "schema/layout.h"
#include "searcher/inflections.h"
#include "searcher/search.h"

namespace ofs::searcher {

namespace {

// Longest NEAR/ADJ distance accepted; anything wider is a typo.
constexpr std::size_t kMaxDistance = 200;
// Shorter words are mostly acronyms: a spelling "correction" would mislead.
constexpr std::size_t kMinSpellCheckedLength = 4;

const std::map<std::string, std::string, std::less<>> kTextFields = {
    {"section", std::string(schema::kSectionText)}, {"org", std::string(schema::kOrganisationText)}};

enum class Tok { Word, Phrase, Field, Sign, Open, Close, And, Or, Not, Near, End };

struct Token {
  Tok type = Tok::End;
  std::size_t pos = 0;    // byte offset in the query
  std::size_t len = 0;    // bytes, for spelling replacements
  std::string text;       // word, phrase content, field name or sign
  bool exact = false;     // =word, ="phrase"
  bool wildcard = false;  // word*
  std::string value;      // field value
  bool value_quoted = false;
  std::size_t distance = 0;  // NEAR/n, ADJ/n
  bool ordered = false;      // ADJ
};

// Character (not byte) position, 1-based, for messages.
std::string at(const std::string& text, std::size_t byte) {
  const std::size_t chars =
      analyzers::code_point_count(std::string_view(text).substr(0, std::min(byte, text.size())));
  return "character " + std::to_string(chars + 1);
}

std::string join_names(std::string_view extra) {
  std::string out;
  for (const auto& f : kFacets) out += f + ", ";
  for (const auto& [name, prefix] : kTextFields) out += name + ", ";
  out.resize(out.size() - 2);
  return out + std::string(extra);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool ends_word(char c) { return is_space(c) || c == '(' || c == ')' || c == '"'; }

class Lexer {
 public:
  explicit Lexer(const std::string& text) : text_(text) {}

  std::vector<Token> tokens() {
    std::vector<Token> out;
    while (true) {
      while (i_ < text_.size() && is_space(text_[i_])) ++i_;
      if (i_ >= text_.size()) break;
      out.push_back(next());
    }
    Token end;
    end.pos = text_.size();
    out.push_back(end);
    return out;
  }

 private:
  Token next() {
    Token t;
    t.pos = i_;
    const char c = text_[i_];
    if (c == '(' || c == ')') {
      t.type = c == '(' ? Tok::Open : Tok::Close;
      ++i_;
    } else if (c == '"') {
      t.type = Tok::Phrase;
      t.text = quoted();
    } else if (c == '=') {
      ++i_;
      if (i_ < text_.size() && text_[i_] == '"') {
        t.type = Tok::Phrase;
        t.text = quoted();
      } else if (i_ < text_.size() && !ends_word(text_[i_])) {
        t = word(t.pos);
      } else {
        throw QueryError("'=' at " + at(text_, t.pos) +
                         " must be followed by a word or \"phrase\" (=word searches that exact form)");
      }
      t.exact = true;
    } else if ((c == '+' || c == '-') && i_ + 1 < text_.size() && !is_space(text_[i_ + 1])) {
      t.type = Tok::Sign;
      t.text = std::string(1, c);
      ++i_;
    } else {
      t = word(t.pos);
    }
    t.len = i_ - t.pos;
    return t;
  }

  // Reads a "…" phrase starting at the quote; returns its content.
  std::string quoted() {
    const std::size_t open = i_;
    const std::size_t close = text_.find('"', open + 1);
    if (close == std::string::npos)
      throw QueryError("unbalanced quote: the '\"' at " + at(text_, open) + " of the query is never closed");
    i_ = close + 1;
    return text_.substr(open + 1, close - open - 1);
  }

  Token word(std::size_t start) {
    Token t;
    t.pos = start;
    const std::size_t from = i_;
    while (i_ < text_.size() && !ends_word(text_[i_])) ++i_;
    const std::string w = text_.substr(from, i_ - from);
    if (auto field = as_field(w, start)) return *field;
    if (w == "AND") t.type = Tok::And;
    else if (w == "OR") t.type = Tok::Or;
    else if (w == "NOT") t.type = Tok::Not;
    else if (is_proximity(w)) return proximity(w, start);
    else {
      t.type = Tok::Word;
      t.text = w;
      const auto star = w.find('*');
      if (star != std::string::npos) {
        if (star + 1 != w.size())
          throw QueryError("'*' at " + at(text_, from + star) +
                           " must end a word: write a prefix such as assess*");
        if (split_words(w.substr(0, star)).size() != 1)
          throw QueryError("the wildcard '" + w + "' at " + at(text_, start) +
                           " needs one word of at least one letter before the '*'");
        t.wildcard = true;
        t.text = w.substr(0, star);
      }
    }
    return t;
  }

  static bool is_proximity(const std::string& w) {
    for (std::string_view op : {"NEAR", "ADJ"})
      if (w.compare(0, op.size(), op) == 0 && (w.size() == op.size() || w[op.size()] == '/')) return true;
    return false;
  }

  Token proximity(const std::string& w, std::size_t start) {
    Token t;
    t.type = Tok::Near;
    t.pos = start;
    t.ordered = w.rfind("ADJ", 0) == 0;
    const std::string op = t.ordered ? "ADJ" : "NEAR";
    const std::string number = w.size() > op.size() ? w.substr(op.size() + 1) : "";
    if (w.size() == op.size())
      throw QueryError(op + " at " + at(text_, start) + " needs a distance: write e.g. 'joint " + op +
                       "/3 interviews' (at most 3 words between them)");
    if (number.empty() || number.size() > 3 || !std::all_of(number.begin(), number.end(), ::isdigit) ||
        std::stoul(number) > kMaxDistance)
      throw QueryError("'" + w + "' at " + at(text_, start) + ": the distance after " + op +
                       "/ must be a whole number of words from 0 to " + std::to_string(kMaxDistance));
    t.distance = std::stoul(number);
    return t;
  }

  // "grade:inadequate", "authority:\"blackburn with darwen\"" -> a Field token.
  std::optional<Token> as_field(const std::string& w, std::size_t start) {
    const auto colon = w.find(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    const std::string name = analyzers::lowercase(w.substr(0, colon));
    if (!std::all_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      return std::nullopt;
    Token t;
    t.type = Tok::Field;
    t.pos = start;
    t.text = name;
    const bool known =
        std::find(kFacets.begin(), kFacets.end(), name) != kFacets.end() || kTextFields.count(name);
    if (!known)
      throw QueryError("unknown field '" + name + ":' at " + at(text_, start) + " of the query; fields are " +
                       join_names(""));
    t.value = w.substr(colon + 1);
    if (t.value.empty() && i_ < text_.size() && text_[i_] == '"') {
      t.value = quoted();
      t.value_quoted = true;
    } else if (t.value.size() > 1 && t.value.front() == '=') {
      t.exact = true;
      t.value.erase(0, 1);
    }
    if (analyzers::trim(t.value).empty())
      throw QueryError("field '" + name + ":' at " + at(text_, start) + " needs a value, e.g. " +
                       (name == "section" ? "section:\"leadership and management\"" : name + ":VALUE"));
    if (!t.value_quoted && t.value.back() == '*') {
      t.wildcard = true;
      t.value.pop_back();
    }
    return t;
  }

  const std::string& text_;
  std::size_t i_ = 0;
};

// One parsed piece of the query.
struct Node {
  Xapian::Query query;
  bool filter_only = false;  // facet fields only: filters, no ranking
  std::string facet;         // the facet when filter_only covers exactly one
  // Xapian's NEAR and ADJ take terms or ORs of terms, so a word keeps its
  // single-term forms (itself, one-word synonyms, a wildcard's words) here.
  std::vector<Xapian::Query> near_forms;
  bool wildcard = false;  // a prefix*
};

struct SpellCandidate {
  std::size_t pos, len;
  std::string word;
};

class Parser {
 public:
  Parser(const std::string& text, const QueryContext& context)
      : text_(text), context_(context), limits_(context.limits), tokens_(Lexer(text).tokens()) {}

  ParsedQuery parse() {
    const auto wildcards =
        std::count_if(tokens_.begin(), tokens_.end(), [](const Token& t) { return t.wildcard; });
    enforce_limit(limits_, &QueryLimits::max_wildcards, static_cast<std::size_t>(wildcards),
                  "the query has " + std::to_string(wildcards) + " prefix* wildcards");
    Node top = sequence(false);
    if (peek().type == Tok::Close)
      throw QueryError("unbalanced ')' at " + at(text_, peek().pos) +
                       " of the query: remove it or add a '('");
    if (top.query.empty()) throw QueryError("the query has no words to search for");
    return {top.query, suggestion()};
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& take() { return tokens_[std::min(pos_++, tokens_.size() - 1)]; }
  static bool binary(Tok t) { return t == Tok::And || t == Tok::Or || t == Tok::Near; }
  std::string name_of(const Token& t) const { return "'" + text_.substr(t.pos, t.len) + "'"; }

  void need_operand_after(const Token& op) const {
    const Tok next = peek().type;
    if (next == Tok::End || next == Tok::Close || binary(next))
      throw QueryError(name_of(op) + " at " + at(text_, op.pos) + " needs a word or phrase after it");
  }

  // The implicit operator: a ranked OR of plain items, +required,
  // -excluded, and facet fields as filters (OR within a facet, AND across).
  Node sequence(bool in_brackets) {
    std::vector<Xapian::Query> ranked, required, excluded;
    std::map<std::string, std::vector<Xapian::Query>> filters;
    while (peek().type != Tok::End && peek().type != Tok::Close) {
      const Token& t = peek();
      if (binary(t.type))
        throw QueryError(name_of(t) + " at " + at(text_, t.pos) + " needs a word or phrase before it");
      if (t.type == Tok::Sign) {
        const Token sign = take();
        Node n = unit();
        if (binary(peek().type) || peek().type == Tok::Not)
          throw QueryError(name_of(sign) + " at " + at(text_, sign.pos) +
                           " applies to one word and cannot be combined with " + name_of(peek()) +
                           ": write NOT or use brackets");
        if (!n.query.empty()) (sign.text == "+" ? required : excluded).push_back(n.query);
        continue;
      }
      Node n = synonym_run().value_or(Node{});
      if (n.query.empty()) n = group();
      if (n.query.empty()) continue;
      if (n.filter_only) filters[n.facet].push_back(n.query);
      else ranked.push_back(n.query);
    }
    if (in_brackets && peek().type != Tok::Close) throw QueryError("");  // caller reports the '('
    return combine_sequence(ranked, required, excluded, filters);
  }

  static Node combine_sequence(const std::vector<Xapian::Query>& ranked,
                               const std::vector<Xapian::Query>& required,
                               const std::vector<Xapian::Query>& excluded,
                               const std::map<std::string, std::vector<Xapian::Query>>& filters) {
    Node n;
    Xapian::Query filter;
    if (!filters.empty()) {
      std::vector<Xapian::Query> per_facet;
      for (const auto& [facet, values] : filters)
        per_facet.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
      filter = Xapian::Query(Xapian::Query::OP_AND, per_facet.begin(), per_facet.end());
    }
    if (ranked.empty() && required.empty() && excluded.empty()) {
      n.query = filter;
      n.filter_only = !filter.empty();
      if (filters.size() == 1) n.facet = filters.begin()->first;
      return n;
    }
    Xapian::Query base;
    if (!ranked.empty()) base = Xapian::Query(Xapian::Query::OP_OR, ranked.begin(), ranked.end());
    if (!required.empty()) {
      Xapian::Query must(Xapian::Query::OP_AND, required.begin(), required.end());
      base = base.empty() ? must : Xapian::Query(Xapian::Query::OP_AND_MAYBE, must, base);
    }
    if (ranked.size() == 1 && required.empty() && excluded.empty() && filter.empty()) {
      n.query = ranked.front();
      return n;
    }
    if (base.empty()) base = Xapian::Query::MatchAll;
    if (!excluded.empty())
      base = Xapian::Query(Xapian::Query::OP_AND_NOT, base,
                           Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    if (!filter.empty()) base = Xapian::Query(Xapian::Query::OP_FILTER, base, filter);
    n.query = base;
    return n;
  }

  // Chains build flat queries (one OR, one AND and one OR of exclusions),
  // never one nested query per operator: a long chain costs no stack.
  Node group() {
    std::vector<Node> any{and_expr()};
    while (peek().type == Tok::Or) {
      const Token op = take();
      need_operand_after(op);
      any.push_back(and_expr());
    }
    return combine(Xapian::Query::OP_OR, any, {});
  }

  Node and_expr() {
    std::vector<Node> kept, excluded;
    kept.push_back(peek().type == Tok::Not ? everything() : near_expr());  // "NOT x": everything but x
    while (peek().type == Tok::And || peek().type == Tok::Not) {
      const Token op = take();
      bool exclude = op.type == Tok::Not;
      if (op.type == Tok::And && peek().type == Tok::Not) {
        take();
        exclude = true;
      }
      need_operand_after(op);
      (exclude ? excluded : kept).push_back(near_expr());
    }
    return combine(Xapian::Query::OP_AND, kept, excluded);
  }

  static Node everything() {
    Node n;
    n.query = Xapian::Query::MatchAll;
    return n;
  }

  // `op` (AND or OR) over `nodes`, without those excluded.  Pieces with no
  // words are left out; a lone piece stays as it is.
  static Node combine(Xapian::Query::op op, std::vector<Node> nodes, const std::vector<Node>& excluded) {
    std::erase_if(nodes, [](const Node& n) { return n.query.empty(); });
    std::vector<Xapian::Query> without;
    for (const auto& e : excluded)
      if (!e.query.empty()) without.push_back(e.query);
    if (nodes.empty()) return Node{};
    if (nodes.size() == 1 && without.empty()) return nodes.front();
    std::vector<Xapian::Query> queries;
    for (const auto& n : nodes) queries.push_back(n.query);
    Node n;
    n.query = queries.size() == 1 ? queries.front() : Xapian::Query(op, queries.begin(), queries.end());
    if (!without.empty())
      n.query = Xapian::Query(Xapian::Query::OP_AND_NOT, n.query,
                              Xapian::Query(Xapian::Query::OP_OR, without.begin(), without.end()));
    n.filter_only = without.empty() &&
                    std::all_of(nodes.begin(), nodes.end(), [](const Node& x) { return x.filter_only; });
    const bool one_facet = std::all_of(nodes.begin(), nodes.end(),
                                       [&](const Node& x) { return x.facet == nodes.front().facet; });
    if (n.filter_only && one_facet) n.facet = nodes.front().facet;
    return n;
  }

  Node near_expr() {
    Node first = unit();
    if (peek().type != Tok::Near) return first;
    const Token start = peek();
    std::vector<Xapian::Query> operands{operand_for_near(first, start)};
    std::size_t gaps = 0;
    std::size_t wildcards = first.wildcard ? 1 : 0;
    while (peek().type == Tok::Near) {
      const Token op = take();
      if (op.ordered != start.ordered)
        throw QueryError(name_of(op) + " at " + at(text_, op.pos) + ": one chain cannot mix NEAR and ADJ");
      need_operand_after(op);
      gaps += op.distance;
      const Node next = unit();
      wildcards += next.wildcard ? 1 : 0;
      operands.push_back(operand_for_near(next, op));
      const std::string chain =
          "the " + std::string(start.ordered ? "ADJ" : "NEAR") + " chain at " + at(text_, start.pos);
      enforce_limit(limits_, &QueryLimits::max_phrase_words, operands.size(),
                    chain + " joins " + std::to_string(operands.size()) + " words");
      enforce_limit(limits_, &QueryLimits::max_near_wildcards, wildcards,
                    chain + " has " + std::to_string(wildcards) + " prefix* wildcards");
    }
    // The window spans the words themselves plus the allowed gaps.
    const auto window = static_cast<Xapian::termcount>(operands.size() + gaps);
    // Each operand is an OR of its forms ("CiC NEAR/5 placement" also finds
    // "LAC … placement"): one positional check, whatever the forms.
    Node n;
    n.query = Xapian::Query(start.ordered ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR,
                            operands.begin(), operands.end(), window);
    return n;
  }

  Xapian::Query operand_for_near(const Node& n, const Token& op) const {
    if (n.near_forms.empty())
      throw QueryError(name_of(op) + " at " + at(text_, op.pos) +
                       " joins single words or prefix* wildcards, not phrases, brackets or filters");
    if (n.near_forms.size() == 1) return n.near_forms.front();
    return Xapian::Query(Xapian::Query::OP_OR, n.near_forms.begin(), n.near_forms.end());
  }

  Node unit() {
    const Token& t = peek();
    switch (t.type) {
      case Tok::Open: {
        const Token open = take();
        if (peek().type == Tok::Close) throw QueryError("empty brackets at " + at(text_, open.pos));
        // The only recursion in the parser: one level per bracket.
        const DepthGuard guard(depth_);
        enforce_limit(limits_, &QueryLimits::max_depth, depth_,
                      "the brackets at " + at(text_, open.pos) + " nest " + std::to_string(depth_) + " deep");
        Node inside;
        try {
          inside = sequence(true);
        } catch (const QueryError& e) {
          if (std::string(e.what()).empty())
            throw QueryError("unbalanced '(' at " + at(text_, open.pos) + " of the query: add a ')'");
          throw;
        }
        take();  // ')'
        inside.near_forms.clear();
        inside.wildcard = false;
        return inside;
      }
      case Tok::Field:
        return field(take());
      case Tok::Word: {
        const Token w = take();
        if (!w.exact && !w.wildcard) remember_for_spelling(w);
        return text(w, w.text, "", w.wildcard, true);
      }
      case Tok::Phrase: {
        const Token p = take();
        return text(p, p.text, "", false, true);
      }
      case Tok::Close:
        throw QueryError("unbalanced ')' at " + at(text_, t.pos) + " of the query: remove it or add a '('");
      default:
        throw QueryError(name_of(t) + " at " + at(text_, t.pos) + " needs a word or phrase after it");
    }
  }

  Node field(const Token& t) {
    const auto text_field = kTextFields.find(t.text);
    if (text_field != kTextFields.end()) return text(t, t.value, text_field->second, t.wildcard, false);
    Node n;
    n.query = context_.facet_query(t.text, t.value);
    n.filter_only = true;
    n.facet = t.text;
    return n;
  }

  // A word or phrase (or prefix* wildcard) of token `t` in the body text or
  // a text field.
  Node text(const Token& t, const std::string& raw, const std::string& prefix, bool wildcard, bool expand) {
    const Words words = split_words(raw);
    if (words.empty()) return Node{};
    if (wildcard) return wildcard_node(t, prefix + words.front());
    enforce_limit(limits_, &QueryLimits::max_phrase_words, words.size(),
                  "the phrase at " + at(text_, t.pos) + " has " + std::to_string(words.size()) + " words");
    return words_node(words, prefix, t.exact, expand && !t.exact);
  }

  // prefix*: refused when it stands for more indexed words than the limit,
  // which Xapian also enforces when the search runs.
  Node wildcard_node(const Token& t, const std::string& stem) const {
    const std::size_t limit = limits_.max_wildcard_terms;
    Node n;
    n.wildcard = true;
    n.query = Xapian::Query(Xapian::Query::OP_WILDCARD, stem, static_cast<Xapian::termcount>(limit),
                            Xapian::Query::WILDCARD_LIMIT_ERROR);
    // NEAR cannot take a wildcard query: give it the expanded words.
    for (auto term = context_.db.allterms_begin(stem); term != context_.db.allterms_end(stem); ++term) {
      if (n.near_forms.size() == limit)
        enforce_limit(limits_, &QueryLimits::max_wildcard_terms, limit + 1,
                      "the wildcard '" + text_.substr(t.pos, t.len) + "' at " + at(text_, t.pos) +
                          " stands for more than " + std::to_string(limit) + " indexed words");
      n.near_forms.emplace_back(*term);
    }
    if (n.near_forms.empty()) n.near_forms.emplace_back(stem);  // matches nothing, as it should
    return n;
  }

  Node words_node(const Words& words, const std::string& prefix, bool exact, bool expand) const {
    Node n;
    n.query = phrase(words, prefix, exact);
    if (words.size() == 1) n.near_forms = {positional(words.front(), prefix, exact)};
    if (!expand || !context_.synonyms) return n;
    const auto& alternatives = context_.synonyms->alternatives(words);
    if (alternatives.empty()) return n;
    std::vector<Xapian::Query> forms{n.query};
    for (const auto& alt : alternatives) {
      forms.push_back(phrase(alt, prefix, false));
      if (words.size() == 1 && alt.size() == 1)
        n.near_forms.push_back(positional(alt.front(), prefix, false));
    }
    // OP_SYNONYM weights the forms as one term, so a paragraph saying both
    // "S47" and "section 47" does not outrank one that says it twice.
    n.query = Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
    return n;
  }

  Xapian::Query phrase(const Words& words, const std::string& prefix, bool exact) const {
    if (words.size() == 1) return stemmed(words.front(), prefix, exact);
    std::vector<Xapian::Query> terms;
    for (const auto& w : words) terms.push_back(positional(w, prefix, exact));
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
  }

  // The index holds words as typed only (schema/analysis.h): a word that
  // starts with a letter stands for every indexed form sharing its stem.
  // Where positions count (phrases, NEAR/ADJ): the OR of those forms.
  Xapian::Query positional(const std::string& word, const std::string& prefix, bool exact) const {
    if (exact || !starts_with_letter(word)) return Xapian::Query(prefix + word);
    return inflected_forms(context_.db, word, prefix);
  }

  // A word on its own: the forms as one synonym, so "placement" and
  // "placements" in one paragraph weigh as one word said twice.
  Xapian::Query stemmed(const std::string& word, const std::string& prefix, bool exact) const {
    if (exact || !starts_with_letter(word)) return Xapian::Query(prefix + word);
    return inflected_forms(context_.db, word, prefix, Xapian::Query::OP_SYNONYM);
  }

  static bool starts_with_letter(const std::string& word) {
    constexpr unsigned kLetters =
        (1u << Xapian::Unicode::LOWERCASE_LETTER) | (1u << Xapian::Unicode::TITLECASE_LETTER) |
        (1u << Xapian::Unicode::MODIFIER_LETTER) | (1u << Xapian::Unicode::OTHER_LETTER);
    Xapian::Utf8Iterator first(word);
    return first != Xapian::Utf8Iterator() && ((kLetters >> Xapian::Unicode::get_category(*first)) & 1u);
  }

  // "looked after children" typed without quotes is a synonym entry: search
  // it as a phrase or any of its synonyms.  Longest entry wins.
  std::optional<Node> synonym_run() {
    if (!context_.synonyms || context_.synonyms->empty()) return std::nullopt;
    for (std::size_t count = context_.synonyms->longest_form(); count >= 2; --count) {
      Words words;
      bool plain = true;
      for (std::size_t k = 0; k < count && plain; ++k) {
        const Token& t = peek(k);
        plain = t.type == Tok::Word && !t.exact && !t.wildcard;
        for (auto& w : split_words(t.text)) words.push_back(std::move(w));
      }
      const Tok after = peek(count).type;
      if (!plain || binary(after) || after == Tok::Not) continue;
      if (context_.synonyms->alternatives(words).empty()) continue;
      pos_ += count;
      return words_node(words, "", false, true);
    }
    return std::nullopt;
  }

  void remember_for_spelling(const Token& t) {
    const Words words = split_words(t.text);
    if (words.size() != 1 || words.front().size() < kMinSpellCheckedLength) return;
    if (!std::all_of(words.front().begin(), words.front().end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      return;
    spelling_.push_back({t.pos, t.len, words.front()});
  }

  std::optional<std::string> suggestion() const {
    std::string corrected = text_;
    bool changed = false;
    // Right to left, so earlier offsets stay valid.
    for (auto it = spelling_.rbegin(); it != spelling_.rend(); ++it) {
      if (context_.db.term_exists(it->word)) continue;
      if (context_.synonyms && !context_.synonyms->alternatives({it->word}).empty()) continue;
      const std::string better = context_.db.get_spelling_suggestion(it->word);
      if (better.empty() || better == it->word) continue;
      corrected.replace(it->pos, it->len, better);
      changed = true;
    }
    if (!changed) return std::nullopt;
    return corrected;
  }

  // Counts one level of brackets for as long as it lives.
  struct DepthGuard {
    explicit DepthGuard(std::size_t& depth) : depth_(++depth) {}
    ~DepthGuard() { --depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    std::size_t& depth_;
  };

  const std::string& text_;
  const QueryContext& context_;
  const QueryLimits& limits_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  std::vector<SpellCandidate> spelling_;
};

}  // namespace

ParsedQuery parse_query(const std::string& text, const QueryContext& context) {
  check_limits(context.limits);
  const std::size_t length = analyzers::code_point_count(text);
  enforce_limit(context.limits, &QueryLimits::max_query_length, length,
                "the query is " + std::to_string(length) + " characters long");
  return Parser(text, context).parse();
}

}  // namespace ofs::searcher
