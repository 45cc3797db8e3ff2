#!/usr/bin/env bash
# Ingest side by side with Alertmanager (the anchor): starts the hub (fresh H2 file database, durable
# commits) and Alertmanager (temp storage, no cluster), both on loopback, drives each with the same alerts
# in batches of 100 from N concurrent senders (AlertLoadDriver), in turn: repeats, then all-new alerts.
# Then measures the hub's engine apply rate: the inbox backlog left by the all-new run, divided by the
# time the engine takes to drain it with no load running.
# Usage: bench/ingest.sh [seconds-per-run] [concurrency]   (SKIP_BUILD=1 reuses target/aiops-hub-*.jar;
# JAR= another jar, JAVA_OPTS= JVM options, HUB_ARGS= more hub settings)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-20}"
CONCURRENCY="${2:-8}"
HUB_PORT="${HUB_PORT:-18080}"
AM_PORT="${AM_PORT:-19093}"
ALERTMANAGER="${ALERTMANAGER:-/usr/bin/prometheus-alertmanager}"
TOKEN="bench-$(date +%s)"
DATA="$(mktemp -d)"

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -o -B -DskipTests package
JAR="${JAR:-$(ls target/aiops-hub-*.jar | grep -v original | head -1)}"

cat > "$DATA/alertmanager.yml" <<'YAML'
route:
  receiver: blackhole
receivers:
  - name: blackhole
YAML
java -Xmx2g ${JAVA_OPTS:-} -jar "$JAR" --server.port="$HUB_PORT" --spring.datasource.url="jdbc:h2:file:$DATA/hub" \
  --aiops.security.api-tokens="$TOKEN" --logging.level.root=WARN --logging.level.io.aiopshub.notify=WARN ${HUB_ARGS:-} \
  > "$DATA/hub.log" 2>&1 &
HUB=$!
"$ALERTMANAGER" --config.file="$DATA/alertmanager.yml" --storage.path="$DATA/am" \
  --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= --log.level=warn > "$DATA/am.log" 2>&1 &
AM=$!
trap 'kill $HUB $AM 2>/dev/null || true; wait $HUB $AM 2>/dev/null || true; rm -rf "$DATA"' EXIT
# Ready means the API itself answers; a hub that never gets ready ends the run instead of measuring 404s.
ready=0
for _ in $(seq 1 300); do
  if curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HUB_PORT/api/v1/incidents" > /dev/null; then ready=1; break; fi
  kill -0 $HUB 2>/dev/null || break
  sleep 1
done
[ "$ready" = 1 ] || { echo "the hub did not get ready; its log:" >&2; tail -50 "$DATA/hub.log" >&2; exit 1; }
for _ in $(seq 1 30); do
  curl -fs "http://127.0.0.1:$AM_PORT/-/ready" > /dev/null && break
  sleep 1
done

cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/${1:-$HUB}/stat"; }
drive() { # target url mode
  java -cp "$JAR" -Dloader.main=io.aiopshub.bench.AlertLoadDriver org.springframework.boot.loader.launch.PropertiesLauncher \
    --target "$1" --url "$2" --token "$TOKEN" --mode "$3" --duration "${SECONDS_PER_RUN}s" \
    --concurrency "$CONCURRENCY" --batch 100 | grep '^accepted\|^failures'
}
backlog() {
  curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HUB_PORT/actuator/prometheus" \
    | awk '/^aiops_inbox_backlog/ {print int($2)}'
}
row() { # label hub-line am-line
  awk -v label="$1" -v hub="$2" -v am="$3" 'BEGIN {
    split(hub, h, " "); split(am, a, " ");
    printf "%-9s | %8d %7.1f %7.1f | %8d %7.1f %7.1f | %5.2f\n", label, h[2], h[5], h[8], a[2], a[5], a[8], h[2] / a[2] }'
}
echo "nproc $(nproc), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up (${SECONDS_PER_RUN}s each, not counted)"
drive hub "http://127.0.0.1:$HUB_PORT" repeat > /dev/null
drive alertmanager "http://127.0.0.1:$AM_PORT" repeat > /dev/null
a="$(cpu)"; hub_repeat="$(drive hub "http://127.0.0.1:$HUB_PORT" repeat)"; hub_repeat_cpu="$(echo "$(cpu) - $a" | bc)"
a="$(cpu $AM)"; am_repeat="$(drive alertmanager "http://127.0.0.1:$AM_PORT" repeat)"; am_repeat_cpu="$(echo "$(cpu $AM) - $a" | bc)"
a="$(cpu)"; hub_new="$(drive hub "http://127.0.0.1:$HUB_PORT" distinct)"; hub_new_cpu="$(echo "$(cpu) - $a" | bc)"
# The hub's CPU seconds while draining (utime + stime, in clock ticks): on a shared machine the wall-clock
# rate mostly says how much CPU the engine was given; per CPU second says what it costs.
left="$(backlog)"; t0="$(date +%s.%N)"; c0="$(cpu)"
while [ "$(backlog)" -gt 0 ]; do sleep 0.2; done
t1="$(date +%s.%N)"; c1="$(cpu)"
a="$(cpu $AM)"; am_new="$(drive alertmanager "http://127.0.0.1:$AM_PORT" distinct)"; am_new_cpu="$(echo "$(cpu $AM) - $a" | bc)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "failed requests: hub $(printf '%s\n' "$hub_repeat" "$hub_new" | awk '/^failures/ {s+=$2} END {print s+0}')," \
  "alertmanager $(printf '%s\n' "$am_repeat" "$am_new" | awk '/^failures/ {s+=$2} END {print s+0}')"
echo "server CPU seconds during the runs: hub repeat $hub_repeat_cpu, all-new $hub_new_cpu;" \
  "alertmanager repeat $am_repeat_cpu, all-new $am_new_cpu"
echo
echo "${CONCURRENCY} senders, batches of 100 | hub: alerts/s p50 ms p99 ms | alertmanager: alerts/s p50 ms p99 ms | hub/am"
row repeat "$(echo "$hub_repeat" | grep ^accepted)" "$(echo "$am_repeat" | grep ^accepted)"
row all-new "$(echo "$hub_new" | grep ^accepted)" "$(echo "$am_new" | grep ^accepted)"
awk -v n="$left" -v t0="$t0" -v t1="$t1" -v c0="$c0" -v c1="$c1" 'BEGIN {
  if (n < 1000) printf "engine apply: backlog %d after the all-new run (the engine kept up with ingest)\n", n;
  else printf "engine apply: %d stored events drained in %.2f s = %.0f alerts/s (hub used %.1f CPU s: %.0f alerts per CPU second)\n",
    n, t1 - t0, n / (t1 - t0), c1 - c0, n / (c1 - c0) }'
