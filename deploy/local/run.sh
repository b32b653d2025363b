#!/usr/bin/env bash
# Starts PawPrint on the embedded local stack and runs its main job (the demo story) against it.
#   deploy/local/run.sh            build, start everything, run the story, keep running until Ctrl-C
#   deploy/local/run.sh --exit     same, but stop everything once the story is told
#   deploy/local/run.sh --no-build skip the Maven build (use what target/ already holds)
# Data survives restarts under $PAWPRINT_HOME (default: .local in the checkout).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

keep_running=true
build=true
for arg in "$@"; do
  case "$arg" in
    --exit) keep_running=false ;;
    --no-build) build=false ;;
    *) echo "unknown argument: $arg (known: --exit, --no-build)" >&2; exit 2 ;;
  esac
done

home="${PAWPRINT_HOME:-$root/.local}"
logs="$home/logs"
mkdir -p "$logs"

# The services run their production profile, which has no fallback secrets: unless the caller brings its own,
# this run makes fresh random ones (printed at the end), so no well-known value ever signs a token.
random_secret() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
export PAWPRINT_AUTH_JWT_SECRET="${PAWPRINT_AUTH_JWT_SECRET:-$(random_secret)}"
export PAWPRINT_AUTH_ADMIN_TOKEN="${PAWPRINT_AUTH_ADMIN_TOKEN:-$(random_secret)}"
# The key that seals webhook secrets in ingest's database (32 bytes, base64). Stored secrets open only with the key
# they were sealed under, so a kept local database needs the same key next time.
export PAWPRINT_INGEST_WEBHOOKS_SECRET_KEY="${PAWPRINT_INGEST_WEBHOOKS_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)}"

if $build; then
  echo "Building PawPrint (tests skipped; run ./mvnw verify for those)..."
  ./mvnw -B -q -DskipTests install
fi

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

wait_for() { # name, command, seconds
  local name="$1" check="$2" seconds="$3"
  for _ in $(seq "$seconds"); do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "$name did not come up within ${seconds}s; see $logs" >&2
  exit 1
}

echo "Starting the local stack (Kafka :9092, S3 :9000, PostgreSQL :5432), data in $home/stack ..."
java -jar libs/localstack/target/localstack.jar --data-dir "$home/stack" --ignore-stdin \
  > "$logs/localstack.log" 2>&1 &
pids+=($!)
wait_for "the local stack" "grep -q '^READY' '$logs/localstack.log'" 120

start_service() { # module, port, extra JVM options
  local module="$1" port="$2"
  shift 2
  echo "Starting $module on :$port ..."
  java -Dquarkus.http.port="$port" "$@" -jar "$module/target/quarkus-app/quarkus-run.jar" > "$logs/$module.log" 2>&1 &
  pids+=($!)
  wait_for "$module" "curl -fs http://localhost:$port/q/health/ready" 120
}
start_service ingest-service 8081
start_service labeling-service 8082
# No real model can be downloaded here: the trainer registers the engine's generated tiny SD model as tiny-sd and
# trains on the CPU. Passive OpenMP waits keep its threads from spinning against the other JVMs.
OMP_WAIT_POLICY=PASSIVE start_service trainer-service 8083 -Dpawprint.models.bootstrap-tiny-model=tiny-sd \
  -Dpawprint.trainer.device=cpu
# render-service renders on the same tiny model, with presets sized for it (deploy/local/styles.yaml); merch composes
# those small renders, so its print-resolution floor is lowered for the local run only.
OMP_WAIT_POLICY=PASSIVE start_service render-service 8084 -Dpawprint.models.bootstrap-tiny-model=tiny-sd \
  -Dpawprint.render.device=cpu -Dpawprint.render.styles-file=deploy/local/styles.yaml
start_service merch-service 8085 -Dpawprint.merch.minimum-dpi=5

java -cp "deploy/target/classes:deploy/target/lib/*" com.pawprint.deploy.LocalDemo \
  --ingest=http://localhost:8081 --render=http://localhost:8084 --kafka=localhost:9092

if $keep_running; then
  echo
  echo "PawPrint is running: ingest-service http://localhost:8081, labeling-service http://localhost:8082,"
  echo "trainer-service http://localhost:8083, render-service http://localhost:8084, merch-service http://localhost:8085"
  echo "Metrics, OpenAPI and Swagger UI are on each service's management port, 9081-9085:"
  echo "e.g. http://localhost:9081/q/swagger-ui, http://localhost:9081/q/metrics. Ctrl-C stops it."
  echo "Admin token: $PAWPRINT_AUTH_ADMIN_TOKEN   Logs: $logs"
  wait
fi
