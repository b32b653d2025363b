#!/usr/bin/env bash
# The diffusion engine's benchmark beside stable-diffusion.cpp, in one run (docs/performance.md, "Diffusion engine").
# Usage: libs/diffusion/bench/diffusion-vs-sdcpp.sh SD_CLI CHECKPOINT [SIZES]
#   SD_CLI:     stable-diffusion.cpp's sd-cli (built by /work/shared/anchors/sdcpp-build.sh)
#   CHECKPOINT: the random SD 1.5 single file from /work/shared/anchors/mk-random-sd15.py (f32); both sides load it
#   SIZES:      image sizes for SD 1.5 (default "256 512"); the tiny config runs at each as well
# Env: STEPS (default 2), TRAIN_RUNS (SD 1.5 LoRA training steps, default 1), SDCPP_SIZES (default 512), OMP_WAIT_POLICY (default PASSIVE, see docs/performance.md).
set -euo pipefail
SD=${1:?usage: $0 SD_CLI CHECKPOINT [SIZES]}
CKPT=${2:?usage: $0 SD_CLI CHECKPOINT [SIZES]}
SIZES=${3:-"256 512"}
STEPS=${STEPS:-2}
SDCPP_SIZES=${SDCPP_SIZES:-512}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} DJL_OFFLINE=true OPT_OUT_TRACKING=true
MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$MODULE/../.." && pwd)"
CP_FILE="$MODULE/target/bench.classpath"
(cd "$ROOT" && ./mvnw -B -q -o -pl libs/diffusion test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test) >&2
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")"
bench() { java -Dai.djl.offline=true -cp "$CP" com.pawprint.diffusion.bench.DiffusionBenchmark "$@"; }

echo "# $(date -u +%FT%TZ)  host: $(nproc) cpus, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# OMP_WAIT_POLICY=$OMP_WAIT_POLICY OMP_NUM_THREADS=${OMP_NUM_THREADS:-default}"
for size in $SIZES; do
  bench --config tiny --size "$size" --steps "$STEPS" --unet-runs 3 --train-runs 3
done
for size in $SIZES; do
  echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  bench --config sd15 --size "$size" --steps "$STEPS" --unet-runs 1 --train-runs "${TRAIN_RUNS:-1}" --checkpoint "$CKPT"
done
for size in $SDCPP_SIZES; do
  echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  STEPS=$STEPS W=$size H=$size TYPES=f32 /work/shared/anchors/sdcpp-bench.sh "$SD" "$CKPT"
done
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
