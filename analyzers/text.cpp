#include "analyzers/text.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

namespace ofs::analyzers {

namespace {

bool needs_escape(UChar32 c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

std::string hex(unsigned value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value % 16]);
    value /= 16;
  } while (value > 0);
  return out.size() < 2 ? "0" + out : out;
}

}  // namespace

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int64_t>(text.size());
  int64_t offset = 0;
  while (offset < length) {
    const int64_t start = offset;
    UChar32 c;
    // U8_NEXT takes 32-bit offsets: decode at most one character's bytes.
    int32_t step = 0;
    U8_NEXT(data + start, step, static_cast<int32_t>(std::min<int64_t>(4, length - start)), c);
    offset = start + step;
    if (c < 0) {
      for (int64_t i = start; i < offset; ++i) out += "\\x" + hex(data[i]);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (needs_escape(c)) {
      out += c < 0x80 ? "\\x" + hex(static_cast<unsigned>(c)) : "\\u{" + hex(static_cast<unsigned>(c)) + "}";
    } else {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(step)));
    }
  }
  return out;
}

namespace {

// Typographic characters that reports use interchangeably with ASCII ones.
UChar32 ascii_equivalent(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201F:
    case 0x2033:
      return '"';
    case 0x2010:
    case 0x2011:
      return '-';  // hyphens stay joining hyphens
    case 0x00A0:
    case 0x2007:
    case 0x202F:
      return ' ';
    default:
      return c;
  }
}

bool is_ascii_space(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A string with the edits that made it from the previous step's string.
struct Step {
  std::string text;
  icu::Edits edits;
};

Step repaired(std::string_view source) {
  Step out;
  if (!first_invalid_utf8(source)) {
    out.text = source;
    out.edits.addUnchanged(static_cast<int32_t>(source.size()));
    return out;
  }
  for (std::size_t at = 0; at < source.size();) {
    const std::size_t start = at;
    const int32_t c = next_code_point(source, at);
    const auto length = static_cast<int32_t>(at - start);
    if (c >= 0) {
      out.text.append(source.substr(start, at - start));
      out.edits.addUnchanged(length);
    } else {
      append_code_point(out.text, kReplacementCharacter);
      out.edits.addReplace(length, 3);
    }
  }
  return out;
}

Step nfkc(const std::string& source) {
  Step out;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCInstance(status);
  if (U_SUCCESS(status) && !normalizer->isNormalizedUTF8(source, status) && U_SUCCESS(status)) {
    icu::StringByteSink<std::string> sink(&out.text);
    normalizer->normalizeUTF8(0, source, sink, &out.edits, status);
    if (U_SUCCESS(status)) return out;
  }
  out.text = source;
  out.edits.reset();
  out.edits.addUnchanged(static_cast<int32_t>(source.size()));
  return out;
}

// ASCII equivalents of typographic characters; white space runs as one
// space when `collapse` is set.
Step ascii_typography(const std::string& source, bool collapse) {
  Step out;
  out.text.reserve(source.size());
  for (std::size_t at = 0; at < source.size();) {
    // Runs of ASCII other than collapsed space, most of every report, pass unchanged.
    std::size_t run = at;
    while (run < source.size() && static_cast<unsigned char>(source[run]) < 0x80 &&
           !(collapse && is_ascii_space(static_cast<unsigned char>(source[run]))))
      ++run;
    if (run > at) {
      out.text.append(source, at, run - at);
      out.edits.addUnchanged(static_cast<int32_t>(run - at));
      at = run;
      continue;
    }
    const std::size_t start = at;
    const UChar32 c = ascii_equivalent(next_code_point(source, at));
    const auto length = static_cast<int32_t>(at - start);
    if (collapse && (is_ascii_space(c))) {
      while (at < source.size()) {  // the whole run
        std::size_t next = at;
        if (!is_ascii_space(ascii_equivalent(next_code_point(source, next)))) break;
        at = next;
      }
      out.text.push_back(' ');
      const auto run = static_cast<int32_t>(at - start);
      if (run == 1 && source[start] == ' ') out.edits.addUnchanged(1);
      else out.edits.addReplace(run, 1);
      continue;
    }
    const std::size_t before = out.text.size();
    append_code_point(out.text, static_cast<char32_t>(c));
    const auto written = static_cast<int32_t>(out.text.size() - before);
    if (std::string_view(out.text).substr(before) == std::string_view(source).substr(start, at - start))
      out.edits.addUnchanged(length);
    else out.edits.addReplace(length, written);
  }
  return out;
}

Step case_folded(const std::string& source) {
  Step out;
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out.text);
  icu::CaseMap::utf8Fold(0, source, sink, &out.edits, status);
  if (U_SUCCESS(status)) return out;
  out.text = source;
  out.edits.reset();
  out.edits.addUnchanged(static_cast<int32_t>(source.size()));
  return out;
}

// Composes `step` after `so_far` (source -> so_far.text -> step.text).
void then(Step& so_far, Step step) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Edits merged;
  merged.mergeAndAppend(so_far.edits, step.edits, status);
  so_far.text = std::move(step.text);
  so_far.edits = std::move(merged);
}

}  // namespace

NormalisedText::NormalisedText(std::string_view source, NormaliseOptions options)
    : source_size_(source.size()) {
  Step step = repaired(source);
  then(step, nfkc(step.text));
  then(step, ascii_typography(step.text, options.collapse_spaces));
  if (options.fold_case) then(step, case_folded(step.text));
  text_ = std::move(step.text);
  edits_ = std::move(step.edits);
}

std::size_t NormalisedText::source_offset(std::size_t offset) const {
  if (offset >= text_.size()) return source_size_;
  if (!edits_.hasChanges()) return offset;
  UErrorCode status = U_ZERO_ERROR;
  auto edits = edits_.getFineIterator();
  const int32_t source = edits.sourceIndexFromDestinationIndex(static_cast<int32_t>(offset), status);
  return U_SUCCESS(status) ? static_cast<std::size_t>(source) : offset;
}

std::string normalise_for_index(std::string_view text) { return NormalisedText(text).text(); }

std::string replace_bold_markers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.compare(at, 2, "**") == 0) {
      out.push_back(' ');
      ++at;
    } else {
      out.push_back(text[at]);
    }
  }
  return out;
}

std::string fold_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(ch);
  }
  return out;
}

std::string lowercase(std::string_view text) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string facet_slug(std::string_view text) {
  std::string lower = lowercase(normalise_for_index(text));
  std::string out;
  bool pending_dash = false;
  for (unsigned char ch : lower) {
    const bool word_char = std::isalnum(ch) || ch >= 0x80;
    if (!word_char) {
      // apostrophes vanish inside words ("children's" -> "childrens")
      if (ch != '\'') pending_dash = !out.empty();
      continue;
    }
    if (pending_dash) out.push_back('-');
    pending_dash = false;
    out.push_back(static_cast<char>(ch));
  }
  return out;
}

std::vector<std::string_view> split_at_most(std::string_view text, std::size_t max_bytes) {
  max_bytes = std::max<std::size_t>(max_bytes, 8);
  std::vector<std::string_view> pieces;
  text = trim(text);
  while (text.size() > max_bytes) {
    std::size_t cut = text.rfind(' ', max_bytes);
    if (cut == std::string_view::npos || cut < max_bytes / 2) {
      // No space in the second half: cut between two characters.
      cut = max_bytes;
      while (cut > 0 && U8_IS_TRAIL(text[cut])) --cut;
    }
    pieces.push_back(trim(text.substr(0, cut)));
    text = trim(text.substr(cut));
  }
  if (!text.empty()) pieces.push_back(text);
  return pieces;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

}  // namespace ofs::analyzers
