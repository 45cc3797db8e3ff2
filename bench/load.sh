#!/usr/bin/env bash
# Ingest benchmark: builds the jar, starts the hub on a fresh embedded database (loopback only),
# drives it with AlertLoadDriver in both modes, stops it. Usage: bench/load.sh [seconds] [concurrency]
# (SKIP_BUILD=1 reuses target/aiops-hub-*.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-30}"
CONCURRENCY="${2:-8}"
PORT="${PORT:-18080}"
TOKEN="bench-$(date +%s)"
DATA="$(mktemp -d)"

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -o -B -DskipTests package
JAR="$(ls target/aiops-hub-*.jar | grep -v original | head -1)"
java -Xmx2g -jar "$JAR" --server.port="$PORT" --spring.datasource.url="jdbc:h2:file:$DATA/hub" \
  --aiops.security.api-tokens="$TOKEN" --logging.level.root=WARN --logging.level.io.aiopshub.notify=WARN \
  > "$DATA/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true; rm -rf "$DATA"' EXIT
# Ready means the API itself answers (health UP is readiness since issue 8; the API check also holds for
# an older jar). A hub that never gets ready ends the run instead of measuring 404s.
ready=0
for _ in $(seq 1 300); do
  if curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/incidents" > /dev/null; then ready=1; break; fi
  kill -0 $HUB 2>/dev/null || break
  sleep 1
done
[ "$ready" = 1 ] || { echo "the hub did not get ready; its log:" >&2; tail -50 "$DATA/hub.log" >&2; exit 1; }
echo "nproc $(nproc), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

drive() {
  java -cp "$JAR" -Dloader.main=io.aiopshub.bench.AlertLoadDriver org.springframework.boot.loader.launch.PropertiesLauncher \
    --url "http://127.0.0.1:$PORT" --token "$TOKEN" --mode "$1" --duration "${SECONDS_PER_RUN}s" \
    --concurrency "$CONCURRENCY" --batch 100
}
echo "== warm-up"; drive repeat > /dev/null
echo "== repeat: 1,000 distinct alerts re-sent"; drive repeat
echo "== distinct: every alert new"; drive distinct
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== hub counters"
curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | grep -E '^aiops_(events_(received|deduplicated)_total|inbox_backlog|incidents_open)'
