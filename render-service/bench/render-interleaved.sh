#!/usr/bin/env bash
# render-service throughput with 4 tenants' LoRAs interleaved vs one tenant at a time (docs/performance.md,
# "Rendering service"). Builds the test classpath offline and runs RenderBenchmark in one JVM.
# Usage: render-service/bench/render-interleaved.sh [RenderBenchmark args, e.g. --config tiny --size 128 --steps 4 --rounds 5]
# Env: OMP_WAIT_POLICY (default PASSIVE, see docs/performance.md), MVN_ARGS (extra Maven args, e.g. -Dmaven.repo.local=...).
set -euo pipefail
MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$MODULE/.." && pwd)"
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} DJL_OFFLINE=true OPT_OUT_TRACKING=true
CP_FILE="$MODULE/target/bench.classpath"
(cd "$ROOT" && ./mvnw -B -q -o ${MVN_ARGS:-} -pl render-service test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test) >&2
cd "$MODULE"
echo "# $(date -u +%FT%TZ)  host: $(nproc) cpus, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# NNPACK's "unsupported hardware" warnings (one per conv) are dropped from stderr.
java -Dai.djl.offline=true -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" \
  com.pawprint.render.bench.RenderBenchmark "$@" 2> >(grep -v -e NNPACK -e DEBUG >&2)
