# Writes OUTPUT, a C++ file holding every file in FILES as bytes, with the
# table find_asset() looks names up in.  Run by CMake at build time
# (cmake -DOUTPUT=… -DPAGE_DIR=… -DFILES=a.html,b.css -P embed_page.cmake).
string(REPLACE "," ";" FILES "${FILES}")
set(entries "")
set(arrays "")
set(index 0)
foreach(name IN LISTS FILES)
  file(READ "${PAGE_DIR}/${name}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND arrays "const char kFile${index}[] = {${bytes} 0};\n")
  if(name MATCHES "\\.html$")
    set(type "text/html; charset=utf-8")
  elseif(name MATCHES "\\.css$")
    set(type "text/css; charset=utf-8")
  elseif(name MATCHES "\\.js$")
    set(type "text/javascript; charset=utf-8")
  elseif(name MATCHES "\\.svg$")
    set(type "image/svg+xml")
  else()
    set(type "application/octet-stream")
  endif()
  string(APPEND entries "    {\"/${name}\", {\"${type}\", std::string_view(kFile${index}, ${size})}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from web/page/ by web/embed_page.cmake: do not edit.
#include <map>
#include <string_view>

#include \"web/assets.h\"

namespace ofs::web {
namespace {
${arrays}
const std::map<std::string_view, Asset>& files() {
  static const std::map<std::string_view, Asset> table = {
${entries}  };
  return table;
}
}  // namespace

std::optional<Asset> embedded_file(std::string_view path) {
  const auto found = files().find(path);
  if (found == files().end()) return std::nullopt;
  return found->second;
}

}  // namespace ofs::web
")
# Only touch the output when it changed, so an unchanged page rebuilds nothing.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
