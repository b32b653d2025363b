#!/usr/bin/env bash
# Normalizing a 12 MP JPEG in Java vs libvips' vipsthumbnail, side by side in one run.
# Usage: libs/imaging/bench/normalize-vs-vips.sh [--rounds N] [--batch N] [--photo file.jpg]
set -euo pipefail
cd "$(dirname "$0")/../../.."
if ! command -v vipsthumbnail >/dev/null; then
  echo "vipsthumbnail is missing: install it with  apt-get install -y libvips-tools" >&2
  exit 1
fi
./mvnw -B -q -pl libs/imaging test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=com.pawprint.imaging.bench.NormalizeBenchmark -Dexec.args="$*"
