#include "analyzers/utf8.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace ofs::analyzers {

namespace {

const uint8_t* bytes_of(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// ICU's macros take 32-bit offsets; decoding one code point needs at most 4
// bytes, so each call sees a window of that size and any length works.
constexpr std::size_t kMaxSequence = 4;

}  // namespace

int32_t next_code_point(std::string_view s, std::size_t& at) {
  const auto window = static_cast<int32_t>(std::min(kMaxSequence, s.size() - at));
  int32_t length = 0;
  UChar32 c;
  U8_NEXT(bytes_of(s) + at, length, window, c);
  at += static_cast<std::size_t>(length);
  return c;
}

int32_t previous_code_point(std::string_view s, std::size_t& at) {
  const std::size_t start = at > kMaxSequence ? at - kMaxSequence : 0;
  auto offset = static_cast<int32_t>(at - start);
  UChar32 c;
  U8_PREV(bytes_of(s) + start, 0, offset, c);
  at = start + static_cast<std::size_t>(offset);
  return c;
}

int32_t code_point_at(std::string_view s, std::size_t at) {
  if (at >= s.size()) return U_SENTINEL;
  return next_code_point(s, at);
}

std::optional<std::size_t> first_invalid_utf8(std::string_view bytes) {
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t start = at;
    if (next_code_point(bytes, at) < 0) return start;
  }
  return std::nullopt;
}

std::optional<std::string> utf8_problem(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos)
    return std::string("contains NUL bytes (binary data, not text)");
  if (auto at = first_invalid_utf8(bytes))
    return "not valid UTF-8 at byte " + std::to_string(*at) + " (convert it with iconv -t UTF-8)";
  return std::nullopt;
}

void append_code_point(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacementCharacter;
  uint8_t buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, static_cast<UChar32>(c));
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

std::string repair_utf8(std::string_view bytes) {
  if (!first_invalid_utf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 8);
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t start = at;
    const int32_t c = next_code_point(bytes, at);
    if (c < 0) append_code_point(out, kReplacementCharacter);
    else out.append(bytes.substr(start, at - start));
  }
  return out;
}

std::string escape_invalid_utf8(std::string_view bytes) {
  if (!first_invalid_utf8(bytes)) return std::string(bytes);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t start = at;
    if (next_code_point(bytes, at) >= 0) {
      out.append(bytes.substr(start, at - start));
      continue;
    }
    for (std::size_t i = start; i < at; ++i) {
      const auto byte = static_cast<unsigned char>(bytes[i]);
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::size_t code_point_count(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < s.size(); ++count) next_code_point(s, at);
  return count;
}

}  // namespace ofs::analyzers
