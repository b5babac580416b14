// read_pdf: cheap file checks first (size, magic bytes, obvious truncation),
// then MuPDF layout extraction, then the pure cleanup/paragraph steps.
#include "indexer/pdf_reader.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>

#include "indexer/pdf_layout.h"

namespace ofs::indexer {
namespace {

std::string read_bytes(const std::filesystem::path& file, std::streamoff offset, size_t count) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  in.seekg(offset);
  std::string bytes(count, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Reason the first bytes are not a PDF, or empty when they are.  The PDF
// spec allows junk before "%PDF-" within the first 1024 bytes.
std::string not_a_pdf_reason(const std::string& head) {
  if (head.find("%PDF-") != std::string::npos) return {};
  const std::string lower = lowercase(head);
  if (lower.find("<!doctype html") != std::string::npos || lower.find("<html") != std::string::npos)
    return "not a PDF (looks like an HTML page)";
  return "not a PDF (no %PDF- header)";
}

// A complete PDF ends with "%%EOF".  Bytes may follow it (padding, or junk a
// server or mail program appended) but never more of the PDF: no marker in
// the last MiB, or PDF objects after the last one, means the download was
// cut off, and what MuPDF would rebuild of it is part of a report.
constexpr std::uintmax_t kEndSearch = 1 << 20;

// The length of the PDF proper: up to the end of its last "%%EOF" line;
// nothing when it has no end marker.
std::optional<std::uintmax_t> pdf_length(const std::filesystem::path& file, std::uintmax_t size) {
  // Nearly every PDF ends with its marker: the last 2 KiB are read first,
  // and the last MiB only when the marker is not in them.
  std::uintmax_t offset = 0;
  std::string tail;
  std::size_t marker = std::string::npos;
  for (const std::uintmax_t window : {std::uintmax_t{2048}, kEndSearch}) {
    offset = size > window ? size - window : 0;
    tail = read_bytes(file, static_cast<std::streamoff>(offset), static_cast<std::size_t>(window));
    marker = tail.rfind("%%EOF");
    if (marker != std::string::npos || offset == 0) break;
  }
  if (marker == std::string::npos) return std::nullopt;
  const std::string_view after = std::string_view(tail).substr(marker + 5);
  if (after.find("endobj") != std::string_view::npos || after.find("startxref") != std::string_view::npos)
    return std::nullopt;
  std::size_t end = marker + 5;
  while (end < tail.size() && (tail[end] == '\r' || tail[end] == '\n')) ++end;
  return offset + end;
}

// MuPDF looks for the cross-reference start in the last KiB only, and
// rebuilds (repairs) a file where it is not: past that much junk it reads
// the PDF without it.
constexpr std::uintmax_t kJunkMuPdfReadsPast = 512;

std::string file_problem(const std::filesystem::path& file, const ReadLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return "not a readable file";
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return "cannot read file size: " + ec.message();
  if (size == 0) return "empty file (0 bytes)";
  if (auto problem = file_size_problem(size, limits)) return "file " + *problem;
  const std::string head = read_bytes(file, 0, 1024);
  if (head.empty()) return "cannot open file";
  if (std::string reason = not_a_pdf_reason(head); !reason.empty()) return reason;
  return {};
}

ReadResult rejected(std::string reason, int page_count = 0) {
  ReadResult result;
  result.error = std::move(reason);
  result.page_count = page_count;
  return result;
}

size_t count_text_lines(const std::vector<pdf::Page>& pages) {
  size_t lines = 0;
  for (const pdf::Page& page : pages) lines += page.lines.size();
  return lines;
}

void warn_about_textless_pages(const std::vector<pdf::Page>& pages, ReadResult& result) {
  for (const pdf::Page& page : pages)
    if (page.lines.empty())
      result.warnings.push_back("page " + std::to_string(page.number) + " has no text layer");
}

}  // namespace

ReadResult pdf::read_layout(pdf::Document doc) {
  if (doc.error) return rejected(*doc.error, doc.page_count);
  if (doc.page_count == 0) return rejected("PDF has no pages");
  if (count_text_lines(doc.pages) == 0)
    return rejected("PDF has no text layer (scanned images?)", doc.page_count);

  ReadResult result;
  result.page_count = doc.page_count;
  result.warnings = std::move(doc.warnings);
  warn_about_textless_pages(doc.pages, result);
  const double body_size = pdf::body_font_size(doc.pages);
  pdf::remove_running_headers_and_footers(doc.pages);
  pdf::remove_footnotes(doc.pages, body_size);
  pdf::attach_labels(doc.pages);
  result.blocks = pdf::build_blocks(doc.pages, body_size);
  return result;
}

ReadResult read_pdf(const std::filesystem::path& file, const ReadLimits& limits) {
  try {
    if (std::string problem = file_problem(file, limits); !problem.empty()) return rejected(problem);
    const std::uintmax_t size = std::filesystem::file_size(file);
    const auto pdf_end = pdf_length(file, size);
    if (!pdf_end) return rejected("PDF is damaged/truncated: no %%EOF at end of file");
    const std::uintmax_t length = *pdf_end;
    if (size - length <= kJunkMuPdfReadsPast) return pdf::read_layout(pdf::load_with_mupdf(file.string()));
    const std::string without_junk = read_bytes(file, 0, static_cast<std::size_t>(length));
    return pdf::read_layout(pdf::load_with_mupdf(file.string(), &without_junk));
  } catch (const std::exception& e) {
    // Only resource exhaustion gets here; bad input is handled above.
    return rejected(std::string("internal error while reading PDF: ") + e.what());
  }
}

}  // namespace ofs::indexer
