// The page's files (web/page/), embedded in the binary at build time so that
// `ofs serve` needs nothing installed beside it and nothing from a network.
#pragma once

#include <optional>
#include <string_view>

namespace ofs::web {

struct Asset {
  std::string_view content_type;
  std::string_view body;
};

// The file for a URL path ("/app.js"); nothing for a name not embedded.
// The page's own routes ("/", "/paragraph", "/judgements", "/saved") are index.html.
std::optional<Asset> find_asset(std::string_view path);

}  // namespace ofs::web
