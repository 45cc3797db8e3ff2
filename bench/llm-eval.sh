#!/usr/bin/env bash
# Scores incident analysis on the evaluation set: the rule-based analyst always, the LLM chain when a
# provider is configured (export AIOPS_LLM_OPENAI_BASE_URL / _API_KEY / _MODEL, or AIOPS_LLM_OLLAMA_BASE_URL).
# Usage: bench/llm-eval.sh [set.yaml]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec java -cp "target/classes:$(cat target/bench-classpath.txt)" io.aiopshub.bench.AnalystEvaluation "$@"
