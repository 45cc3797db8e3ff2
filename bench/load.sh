#!/usr/bin/env bash
# Ingest benchmark: builds the jar, starts the hub on a fresh embedded database (loopback only),
# drives it with AlertLoadDriver in both modes, stops it. Usage: bench/load.sh [seconds] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-30}"
CONCURRENCY="${2:-8}"
PORT="${PORT:-18080}"
TOKEN="bench-$(date +%s)"
DATA="$(mktemp -d)"

./mvnw -q -B -DskipTests package
JAR="$(ls target/aiops-hub-*.jar | grep -v original | head -1)"
java -Xmx2g -jar "$JAR" --server.port="$PORT" --spring.datasource.url="jdbc:h2:file:$DATA/hub" \
  --aiops.security.api-tokens="$TOKEN" --logging.level.root=WARN --logging.level.io.aiopshub.notify=WARN \
  > "$DATA/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" > /dev/null && break
  sleep 1
done

drive() {
  java -cp "$JAR" -Dloader.main=io.aiopshub.bench.AlertLoadDriver org.springframework.boot.loader.launch.PropertiesLauncher \
    --url "http://127.0.0.1:$PORT" --token "$TOKEN" --mode "$1" --duration "${SECONDS_PER_RUN}s" \
    --concurrency "$CONCURRENCY" --batch 100
}
echo "== warm-up"; drive repeat > /dev/null
echo "== repeat: 1,000 distinct alerts re-sent"; drive repeat
echo "== distinct: every alert new"; drive distinct
echo "== hub counters"
curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | grep -E '^aiops_(events_(received|deduplicated)_total|inbox_backlog|incidents_open)'
