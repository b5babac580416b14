#!/usr/bin/env bash
# Configures and builds ofs into build/ (the binary is build/ofs).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
