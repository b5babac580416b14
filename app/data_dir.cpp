#include "app/data_dir.h"

#include <system_error>

// Set by app/CMakeLists.txt for this file only.
#ifndef OFS_BUILD_BINARY_DIR
#error "OFS_BUILD_BINARY_DIR: the build directory the ofs binary is made in"
#endif
#ifndef OFS_SOURCE_DATA_DIR
#error "OFS_SOURCE_DATA_DIR: the source tree's data/ folder"
#endif
#ifndef OFS_INSTALLED_DATA_DIR
#error "OFS_INSTALLED_DATA_DIR: the data folder relative to the installed binary's folder"
#endif

namespace ofs::app {

namespace fs = std::filesystem;

namespace {

bool same_directory(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);  // false, not an error, when either is missing
}

}  // namespace

fs::path data_dir_for(const fs::path& executable) {
  const fs::path bin = executable.parent_path();
  if (same_directory(bin, OFS_BUILD_BINARY_DIR)) return OFS_SOURCE_DATA_DIR;
  return (bin / OFS_INSTALLED_DATA_DIR).lexically_normal();
}

fs::path default_data_dir() {
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  // Without /proc (a chroot, say) only --data-dir or OFS_DATA_DIR can say.
  if (ec) return fs::path(OFS_INSTALLED_DATA_DIR).lexically_normal();
  return data_dir_for(executable);
}

}  // namespace ofs::app
