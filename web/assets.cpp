#include "web/assets.h"

#include <array>

namespace ofs::web {

// Defined in the file web/embed_page.cmake generates.
std::optional<Asset> embedded_file(std::string_view path);

namespace {

// Paths the page routes itself (web/page/app.js): each is the page.
constexpr std::array<std::string_view, 5> kPageRoutes = {"/", "/index.html", "/paragraph", "/judgements",
                                                         "/saved"};

}  // namespace

std::optional<Asset> find_asset(std::string_view path) {
  for (const auto route : kPageRoutes)
    if (path == route) return embedded_file("/index.html");
  return embedded_file(path);
}

}  // namespace ofs::web
