#!/usr/bin/env bash
# Analysis and start-up benchmarks. Usage:
#   bench/run.sh loghub DIR   template-miner grouping accuracy and lines/s on LogHub-2k (e.g. ../shared/datasets/loghub-2k)
#   bench/run.sh nab DIR      anomaly detector on the Numenta Anomaly Benchmark (e.g. ../shared/datasets/nab)
#   bench/run.sh rca          root cause end to end: starts the hub in a test JVM (RcaScenarioEvaluationTest), posts the
#                             multi-signal scenarios of src/test/resources/rca-scenarios through its REST API and
#                             prints root service and category per scenario, then the score
#   bench/run.sh startup      starts the packaged jar once in a scratch copy of routes/, config/, playbooks/ and
#                             runbooks/, polls /actuator/health until UP, prints the time and RSS, stops it
#                             (JAVA_OPTS adds JVM options; JAR picks another jar; builds the jar when there is none)
#   bench/run.sh engine [N] [--rounds R] [--jfr FILE] [--hub.setting=value ...]
#                             the incident engine alone: starts the hub in-process on a fresh H2 file database with
#                             the engine held, fills the inbox with N all-new alerts (default 100000) through the
#                             ingest API, releases the engine and prints the drain's alerts/s (wall clock) and alerts
#                             per CPU second of the engine thread; R rounds (default 3), the first one a warm-up of
#                             the JIT; --jfr records the last drain and prints its hot frames
set -euo pipefail
mode="${1:-}"
if [ "$mode" = engine ]; then
  shift
  cd "$(dirname "$0")/.."
  ./mvnw -q -o -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  # shellcheck disable=SC2086
  exec java -Xmx2g ${JAVA_OPTS:-} -cp "target/classes:$(cat target/bench-classpath.txt)" io.aiopshub.bench.EngineApplyBenchmark "$@"
fi
dir="${2:-}"
# DIR is relative to the caller's directory, not to the project root.
case "$dir" in ""|/*) ;; *) dir="$PWD/$dir" ;; esac
cd "$(dirname "$0")/.."

startup() {
  local jar="${JAR:-$(ls target/aiops-hub-*.jar 2>/dev/null | head -1)}"
  if [ -z "$jar" ]; then
    ./mvnw -q -B -DskipTests package >/dev/null
    jar="$(ls target/aiops-hub-*.jar | head -1)"
  fi
  jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
  local port started elapsed rss cpu
  # Not local: the EXIT trap uses them after the function has returned.
  work="$(mktemp -d)"
  cp -r routes config playbooks runbooks "$work"/
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  cd "$work"
  started="$(date +%s%N)"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" >"$work/hub.log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  until curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the hub stopped before it was UP; its log:" >&2
      tail -50 "$work/hub.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
  rss="$(ps -o rss= -p "$pid" | tr -d ' ')"
  # CPU of the JVM from start to UP (user + system, all threads): on a shared machine it varies far less than wall time.
  cpu="$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$pid/stat")"
  echo "UP after ${elapsed} ms, CPU ${cpu} s, RSS ${rss} KiB"
  # SIGTERM: a normal JVM exit (a training run with -XX:ArchiveClassesAtExit writes its archive then).
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

rca() {
  rm -f target/rca-scenarios.txt
  # The test's own verdict (the score floor) is not the benchmark's: the table is printed either way.
  ./mvnw -q -B test -Dtest=RcaScenarioEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null 2>&1 || true
  [ -f target/rca-scenarios.txt ] || { echo "the scenario run produced no table; see target/surefire-reports" >&2; exit 1; }
  cat target/rca-scenarios.txt
}

case "$mode" in
  rca) rca; exit 0 ;;
  loghub) main=io.aiopshub.bench.LogHubBenchmark ;;
  nab) main=io.aiopshub.bench.NabBenchmark ;;
  startup) startup; exit 0 ;;
  *) echo "usage: bench/run.sh loghub|nab DIR | bench/run.sh rca | bench/run.sh startup | bench/run.sh engine [N] [--rounds R]" >&2; exit 2 ;;
esac
[ -d "$dir" ] || { echo "no such directory: $dir" >&2; exit 2; }
./mvnw -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec java -cp "target/classes:$(cat target/bench-classpath.txt)" "$main" "$dir"
