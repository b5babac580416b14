// Where ofs finds its tables (headings.tsv, agencies.tsv, authorities.tsv, synonyms.tsv) when
// neither --data-dir nor OFS_DATA_DIR names a folder.
#pragma once

#include <filesystem>

namespace ofs::app {

// The folder for the running binary (found through /proc/self/exe).
std::filesystem::path default_data_dir();

// The folder for the binary at `executable`: the source tree's data/ for the
// binary the build tree makes, else <prefix>/share/ofs beside the binary's
// <prefix>/bin, so an installed ofs works wherever its prefix is (or is moved).
std::filesystem::path data_dir_for(const std::filesystem::path& executable);

}  // namespace ofs::app
