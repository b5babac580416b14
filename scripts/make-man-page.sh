#!/usr/bin/env bash
# Writes the ofs(1) man page from the binary's own --help-all (every command
# and its options), with help2man. The build runs it; see app/CMakeLists.txt.
#
# Usage: scripts/make-man-page.sh OFS_BINARY OUTPUT VERSION BUILD_DATA_DIR INSTALLED_DATA_DIR
#   The build-tree binary's --data-dir default is BUILD_DATA_DIR; the page shows
#   INSTALLED_DATA_DIR instead, which is what an installed ofs reads.
#   HELP2MAN=PATH picks help2man (default: help2man on PATH).
set -euo pipefail

if [[ $# -ne 5 ]]; then
  echo "usage: $0 OFS_BINARY OUTPUT VERSION BUILD_DATA_DIR INSTALLED_DATA_DIR" >&2
  exit 2
fi
binary=$1 output=$2 version=$3 build_data=$4 installed_data=$5
help2man=${HELP2MAN:-help2man}
command -v "$help2man" >/dev/null || { echo "$0: help2man not found; run scripts/install-deps.sh" >&2; exit 2; }

# help2man names the page after the program it runs, so the stand-in is called ofs.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# CLI11's --help-all stops one level down, so the stand-in walks the whole
# command tree (ofs, saved, saved add…) and prints each command's --help.
cat >"$work/ofs" <<SH
#!/usr/bin/env bash
set -o pipefail
binary=$(printf '%q' "$binary")
help_of_tree() {
  local help
  help=\$("\$binary" "\$@" --help) || return
  printf '%s\\n\\n' "\$help"
  local sub
  for sub in \$(printf '%s\\n' "\$help" | sed -n '/^Subcommands:\$/,/^\$/{s/^  \\([a-z][a-z]*\\)\\b.*/\\1/p}'); do
    help_of_tree "\$@" "\$sub"
  done
}
if [[ "\${1:-}" == --help-all ]]; then
  help_of_tree | sed "s|$build_data|$installed_data|g"
else
  "\$binary" "\$@" | sed "s|$build_data|$installed_data|g"
fi
SH
chmod +x "$work/ofs"

"$help2man" --no-info --help-option=--help-all --version-string="$version" \
  --name="search Ofsted children's services inspection reports by paragraph" \
  --output="$output.partial" "$work/ofs"
mv "$output.partial" "$output"
