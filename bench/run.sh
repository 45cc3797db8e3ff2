#!/usr/bin/env bash
# Analysis benchmarks. Usage:
#   bench/run.sh loghub DIR   template-miner grouping accuracy and lines/s on LogHub-2k (e.g. ../shared/datasets/loghub-2k)
#   bench/run.sh nab DIR      anomaly detector on the Numenta Anomaly Benchmark (e.g. ../shared/datasets/nab)
set -euo pipefail
mode="${1:-}"
dir="${2:-}"
# DIR is relative to the caller's directory, not to the project root.
case "$dir" in ""|/*) ;; *) dir="$PWD/$dir" ;; esac
cd "$(dirname "$0")/.."
case "$mode" in
  loghub) main=io.aiopshub.bench.LogHubBenchmark ;;
  nab) main=io.aiopshub.bench.NabBenchmark ;;
  *) echo "usage: bench/run.sh loghub|nab DIR" >&2; exit 2 ;;
esac
[ -d "$dir" ] || { echo "no such directory: $dir" >&2; exit 2; }
./mvnw -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec java -cp "target/classes:$(cat target/bench-classpath.txt)" "$main" "$dir"
