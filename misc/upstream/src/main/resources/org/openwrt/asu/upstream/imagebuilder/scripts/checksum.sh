#!/bin/sh
# checksum: sha256sums of the files in BIN_DIR ("<hash> *<name>").
cd "$BIN_DIR" || exit
find . -maxdepth 1 -type f ! -name sha256sums | sed 's|^\./||' | sort | xargs -r sha256sum -b > sha256sums
