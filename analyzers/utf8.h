// UTF-8 for the whole project, decoded and encoded by ICU (no hand-written
// decoders elsewhere).
// Contract: functions taking bytes accept any bytes; ill-formed sequences
// are never passed on silently: they are reported (first_invalid_utf8,
// utf8_problem), replaced by U+FFFD (repair_utf8) or decoded as a negative
// code point (next_code_point) that callers treat as "not a letter".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ofs::analyzers {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Byte offset of the first ill-formed UTF-8 sequence, or nothing.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

// Describes why `bytes` is not valid UTF-8 text ("not valid UTF-8 at byte
// 812 (convert it with iconv -t UTF-8)", "contains NUL bytes (binary data,
// not text)"), or nothing when it is fine.
std::optional<std::string> utf8_problem(std::string_view bytes);

// `bytes` with every ill-formed sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view bytes);

// `bytes` with every byte of an ill-formed sequence written "\xNN": a file
// name that is not UTF-8 ("caf\xE9.txt") stored and printed as valid text.
std::string escape_invalid_utf8(std::string_view bytes);

// Appends `c` as UTF-8; a surrogate or a value beyond U+10FFFF is appended
// as U+FFFD.
void append_code_point(std::string& out, char32_t c);

// The code point starting at byte `at` (advanced past it), negative for an
// ill-formed sequence (which is then skipped one sequence at a time).
int32_t next_code_point(std::string_view s, std::size_t& at);
// The code point ending just before byte `at` (moved back over it).
int32_t previous_code_point(std::string_view s, std::size_t& at);

// The code point at byte `at` without moving; negative when ill-formed or
// at the end.
int32_t code_point_at(std::string_view s, std::size_t at);

// Number of code points (a terminal column count for ordinary text).
std::size_t code_point_count(std::string_view s);

}  // namespace ofs::analyzers
