#!/usr/bin/env bash
# Composing the T-shirt print file (3600x4800) and its mockup in Java vs ImageMagick, side by side in one run.
# Usage: merch-service/bench/tshirt-vs-imagemagick.sh [--rounds N]
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v convert >/dev/null || ! convert -version | grep -q ImageMagick; then
  echo "ImageMagick is missing: install it with  apt-get install -y imagemagick" >&2
  exit 1
fi
./mvnw -B -q -pl merch-service test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=com.pawprint.merch.bench.MerchBenchmark -Dexec.args="$*"
