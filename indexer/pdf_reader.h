// Reads an Ofsted inspection report PDF into layout blocks.
//
// Contract:
//  - Never throws for bad input.  A file that cannot be read faithfully is
//    rejected: `error` holds a short human reason (no file name) and
//    `blocks` is empty.  Rejected: empty files, files above
//    limits.max_file_bytes, non-PDFs (HTML pages saved as .pdf), damaged or truncated
//    PDFs (even when MuPDF could "repair" them), password-protected PDFs and
//    PDFs without a text layer.
//  - On success every block has its 1-based start page, its dominant font
//    size and boldness.  Hard line wraps are joined with single spaces
//    (a line ending in "-" followed by a lowercase start is joined without a
//    space, keeping the hyphen: "strength-" + "based" -> "strength-based").
//  - Running headers/footers (text repeated at page tops/bottoms, page
//    numbers), footnote markers and footnote text are not in any block.
//  - A paragraph split by a page break is one block; when the reader is not
//    sure, the second part is a separate block with continues_previous=true.
//  - Paragraph numbers printed apart from their text ("1.") are attached:
//    "1. Most children ...".  Each bullet item is one Bullet block, glyph
//    removed.  Short bold/large lines are Heading blocks.
//  - Text is valid UTF-8 without control characters; ligatures expanded.
#pragma once

#include <cstdint>
#include <filesystem>

#include "indexer/reader.h"

namespace ofs::indexer {

ReadResult read_pdf(const std::filesystem::path& file, const ReadLimits& limits = {});

}  // namespace ofs::indexer
