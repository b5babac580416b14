#!/usr/bin/env bash
# Installs everything ofs needs to build and test, from Debian 12 packages.
# Safe to run again; run as root (or with sudo) on Debian 12 (bookworm).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libxapian-dev libicu-dev libcli11-dev libfmt-dev
  nlohmann-json3-dev libtomlplusplus-dev libgtest-dev
  # xxHash: a report's key is the hash of its file's bytes.
  libxxhash-dev
  # RE2: the patterns run on every line of every report (linear time).
  libre2-dev
  # PDF text: MuPDF is a static library in Debian; these are its link deps.
  libmupdf-dev libmujs-dev libgumbo-dev libopenjp2-7-dev libjbig2dec0-dev
  libjpeg-dev libharfbuzz-dev libfreetype-dev zlib1g-dev
  # mutool builds the bad-PDF fixtures the tests make (encrypted, truncated).
  mupdf-tools
  # The tag-accuracy scripts (scripts/gold-sample.py, scripts/eval-tags.py) read report pages with pdftotext.
  python3 poppler-utils
  # help2man writes the ofs(1) man page at build time; clang-format backs scripts/check-format.sh.
  help2man clang-format
  # ofs serve: the HTTP server library.
  libcpp-httplib-dev
  # Browser tests of the page: headless Chromium driven by Selenium, with a font to render it.
  chromium chromium-driver python3-selenium fonts-dejavu-core
  # scripts/fuzz.sh: libFuzzer and the sanitizer runtimes come with clang.
  clang libclang-rt-14-dev
)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
