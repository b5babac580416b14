#include "analyzers/text.h"

#include <unicode/normalizer2.h>
#include <unicode/ucasemap.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

namespace ofs::analyzers {

std::optional<std::string> utf8_problem(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos)
    return std::string("contains NUL bytes (binary data, not text)");
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  int32_t offset = 0;
  while (offset < length) {
    const int32_t start = offset;
    UChar32 c;
    U8_NEXT(data, offset, length, c);
    if (c < 0)
      return "not valid UTF-8 at byte " + std::to_string(start) +
             " (convert it with iconv -t UTF-8)";
  }
  return std::nullopt;
}

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
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201F: case 0x2033: return '"';
    case 0x2010: case 0x2011: return '-';   // hyphens stay joining hyphens
    case 0x00A0: case 0x2007: case 0x202F: return ' ';
    default: return c;
  }
}

}  // namespace

std::string normalise_for_index(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString normal = U_SUCCESS(status) ? nfkc->normalize(source, status) : source;
  if (U_FAILURE(status)) normal = source;
  icu::UnicodeString mapped;
  for (int32_t i = 0; i < normal.length();) {
    UChar32 c = normal.char32At(i);
    mapped.append(ascii_equivalent(c));
    i += U16_LENGTH(c);
  }
  std::string out;
  mapped.toUTF8String(out);
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
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
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
