// A block is one unit of running text as a reader found it in a report:
// a heading, a body paragraph (possibly numbered), or one bullet item.
// Readers (plain text, PDF) produce blocks; the structure step turns them
// into tagged paragraph documents.  Blocks carry layout hints only; they
// make no claims about sections, grades or judgement areas.
#pragma once

#include <string>
#include <vector>

#include "schema/records.h"

namespace ofs::indexer {

enum class BlockKind {
  Text,     // running text: a paragraph or a paragraph fragment
  Bullet,   // one bullet item, bullet glyph removed
  Heading,  // a heading as far as layout can tell (bold/large/short line)
};

struct Block {
  BlockKind kind = BlockKind::Text;
  std::string text;  // UTF-8, lines joined with single spaces, trimmed
  int page = 0;      // 1-based page the block starts on; 0 = unknown
  // Where in `text` later pages begin, when the reader joined text across a
  // page break (a paragraph printed over two pages is one block).
  std::vector<schema::PageStart> page_starts;
  double font_size = 0;  // dominant font size in points; 0 = unknown
  bool bold = false;     // dominant font is bold
  // true when the reader knows this block continues the previous Text block
  // across a page break (it was split only by layout, not by the author)
  bool continues_previous = false;
};

using Blocks = std::vector<Block>;

}  // namespace ofs::indexer
