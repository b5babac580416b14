#include "searcher/snippet.h"

#include <algorithm>
#include <map>

#include <xapian/unicode.h>

#include "analyzers/utf8.h"

namespace ofs::searcher {

namespace {

// --- what the query looks for -----------------------------------------------------

bool is_leaf(const Xapian::Query& q) { return q.get_type() == Xapian::Query::LEAF_TERM; }

std::string leaf_term(const Xapian::Query& q) {
  const auto it = q.get_terms_begin();
  return it == q.get_terms_end() ? std::string() : *it;
}

// Words of the text are indexed as themselves (lower case, no prefix); every
// prefix is a field or a filter, whose terms are not in the text.
bool is_text_term(const std::string& term) {
  if (term.empty()) return false;
  const unsigned char first = static_cast<unsigned char>(term[0]);
  return !(first >= 'A' && first <= 'Z');
}

// The forms one position of a phrase accepts: a term, or the OR of terms a
// word stands for (its inflections, a wildcard's expansion).
std::set<std::string> forms_of(const Xapian::Query& q) {
  std::set<std::string> forms;
  if (is_leaf(q)) {
    if (const auto term = leaf_term(q); is_text_term(term)) forms.insert(term);
    return forms;
  }
  for (auto it = q.get_terms_begin(); it != q.get_terms_end(); ++it)
    if (is_text_term(*it)) forms.insert(*it);
  return forms;
}

void collect(const Xapian::Query& q, std::vector<TextPattern>& out) {
  using Q = Xapian::Query;
  if (is_leaf(q)) {
    if (const auto term = leaf_term(q); is_text_term(term)) out.push_back({{{term}}});
    return;
  }
  const auto op = q.get_type();
  const std::size_t n = q.get_num_subqueries();
  switch (op) {
    case Q::OP_PHRASE: {
      TextPattern phrase;
      for (std::size_t i = 0; i < n; ++i) phrase.positions.push_back(forms_of(q.get_subquery(i)));
      if (std::none_of(phrase.positions.begin(), phrase.positions.end(),
                       [](const auto& f) { return f.empty(); }))
        out.push_back(std::move(phrase));
      return;
    }
    case Q::OP_AND_NOT:  // what is excluded is not in a matching paragraph
    case Q::OP_FILTER:   // the filters are facet terms
    case Q::OP_AND_MAYBE:
      if (n > 0) collect(q.get_subquery(0), out);
      if (op == Q::OP_AND_MAYBE)
        for (std::size_t i = 1; i < n; ++i) collect(q.get_subquery(i), out);
      return;
    case Q::OP_VALUE_RANGE:
    case Q::OP_VALUE_GE:
    case Q::OP_VALUE_LE:
      return;
    default:  // AND, OR, NEAR, SYNONYM, ELITE_SET, MAX, SCALE_WEIGHT…: every part counts
      for (std::size_t i = 0; i < n; ++i) collect(q.get_subquery(i), out);
  }
}

// --- the words of the text ---------------------------------------------------------

struct Word {
  std::size_t begin = 0, end = 0;  // bytes of the normalised text
  std::string lower;               // as indexed: lower case
};

// Splits like Xapian's TermGenerator: runs of word characters, an apostrophe
// between two of them kept inside the word ("children's").
std::vector<Word> words_of(const std::string& text) {
  std::vector<Word> words;
  const Xapian::Utf8Iterator end;
  Xapian::Utf8Iterator it(text);
  while (it != end) {
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    Word w;
    w.begin = it.raw() - text.data();
    std::string lower;
    while (it != end) {
      if (Xapian::Unicode::is_wordchar(*it)) {
        Xapian::Unicode::append_utf8(lower, Xapian::Unicode::tolower(*it));
        ++it;
        continue;
      }
      if (*it == '\'') {
        Xapian::Utf8Iterator next = it;
        ++next;
        if (next != end && Xapian::Unicode::is_wordchar(*next)) {
          lower += '\'';
          it = next;
          continue;
        }
      }
      break;
    }
    w.end = it == end ? text.size() : static_cast<std::size_t>(it.raw() - text.data());
    w.lower = std::move(lower);
    words.push_back(std::move(w));
  }
  return words;
}

bool accepts(const std::set<std::string>& forms, const Word& w) { return forms.count(w.lower) > 0; }

struct Span {
  std::size_t begin = 0, end = 0;  // bytes of the normalised text
  std::size_t pattern = 0;
};

std::vector<Span> matches(const std::vector<Word>& words, const std::vector<TextPattern>& patterns) {
  std::vector<Span> spans;
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    const auto& positions = patterns[p].positions;
    if (positions.empty() || positions.size() > words.size()) continue;
    for (std::size_t i = 0; i + positions.size() <= words.size(); ++i) {
      bool all = true;
      for (std::size_t k = 0; k < positions.size() && all; ++k) all = accepts(positions[k], words[i + k]);
      if (all) spans.push_back({words[i].begin, words[i + positions.size() - 1].end, p});
    }
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return spans;
}

std::size_t chars_between(const std::string& text, std::size_t from, std::size_t to) {
  return analyzers::code_point_count(std::string_view(text).substr(from, to - from));
}

// The window of the text to show: [begin, end) in bytes, starting at a word.
struct Window {
  std::size_t begin = 0, end = 0;
};

// The `chars`-character window holding the most different patterns (then
// the most matches), the earliest of equals; it starts a little before its
// first match, at a sentence start when one is near, so the words read in
// their context.
Window best_window(const std::string& text, const std::vector<Word>& words, const std::vector<Span>& spans,
                   std::size_t chars) {
  const auto window_from = [&](std::size_t first_word) {
    Window w{words[first_word].begin, words[first_word].begin};
    std::size_t used = 0;
    for (std::size_t i = first_word; i < words.size(); ++i) {
      used += chars_between(text, i == first_word ? words[i].begin : words[i - 1].end, words[i].end);
      if (used > chars && i > first_word) break;
      w.end = words[i].end;
    }
    return w;
  };
  if (spans.empty()) return window_from(0);
  // About a fifth of the window before the first match, back to a sentence start if near.
  const auto lead_in_word = [&](std::size_t span_begin) {
    std::size_t first = 0;
    while (first + 1 < words.size() && words[first + 1].begin <= span_begin) ++first;
    std::size_t back = first;
    std::size_t lead = 0;
    while (back > 0 && lead < chars / 5) {
      const std::size_t gap_start = words[back - 1].end;
      const std::string_view gap = std::string_view(text).substr(gap_start, words[back].begin - gap_start);
      if (gap.find_first_of(".:;?!") != std::string_view::npos) break;  // words[back] starts a sentence
      lead += chars_between(text, words[back - 1].begin, words[back].begin);
      --back;
    }
    return back;
  };
  Window best;
  std::size_t best_patterns = 0, best_spans = 0;
  for (const auto& candidate : spans) {
    const Window w = window_from(lead_in_word(candidate.begin));
    std::set<std::size_t> patterns;
    std::size_t inside = 0;
    for (const auto& s : spans)
      if (s.begin >= w.begin && s.end <= w.end) {
        patterns.insert(s.pattern);
        ++inside;
      }
    if (patterns.size() > best_patterns || (patterns.size() == best_patterns && inside > best_spans)) {
      best = w;
      best_patterns = patterns.size();
      best_spans = inside;
    }
  }
  return best;
}

// `text`[w] with each match inside it marked; overlapping matches are one mark.
std::string marked(const std::string& text, const Window& w, const std::vector<Span>& spans) {
  std::string out;
  std::size_t at = w.begin;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (spans[i].begin < at || spans[i].end > w.end) continue;
    const std::size_t begin = spans[i].begin;
    std::size_t end = spans[i].end;
    while (i + 1 < spans.size() && spans[i + 1].begin <= end) end = std::max(end, spans[++i].end);
    end = std::min(end, w.end);
    out.append(text, at, begin - at);
    out += kHighlightStart;
    out.append(text, begin, end - begin);
    out += kHighlightEnd;
    at = end;
  }
  out.append(text, at, w.end - at);
  return out;
}

}  // namespace

std::vector<TextPattern> text_patterns(const Xapian::Query& query) {
  std::vector<TextPattern> patterns;
  collect(query, patterns);
  return patterns;
}

Snippet make_snippet(std::string_view text, const std::vector<TextPattern>& patterns, std::size_t chars) {
  Snippet out;
  const std::string source(text);
  const auto words = words_of(source);
  const auto spans = matches(words, patterns);
  if (!spans.empty()) out.first_match = spans.front().begin;
  if (words.empty()) {
    out.text = source;
    return out;
  }
  // A paragraph not much longer than a snippet is shown whole: cutting off
  // its last few words hides more than it saves.
  Window w{0, source.size()};
  if (analyzers::code_point_count(source) > chars + chars / 5) w = best_window(source, words, spans, chars);
  if (w.begin > 0) out.text = "…";
  out.text += marked(source, w, spans);
  if (w.end < source.size()) out.text += "…";
  return out;
}

}  // namespace ofs::searcher
