#!/usr/bin/env bash
# Load benchmark of the local stack. It starts the stack on free ports in a temporary home and
# trains RUNS concurrent runs of the gan model with CHECKPOINTS checkpoints of SAMPLES generated
# images each. It prints result delivery, throughput, consumer lag and checkpoint-to-result
# latency.
# Usage: scripts/load-test.sh [RUNS [CHECKPOINTS [SAMPLES [TIMEOUT_MINUTES]]]]   (8 20 1000 15)
# Needs the packaged services: mvn -o -pl trainer-service,homology-service,metrics-service,gateway package
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -o -pl e2e test-compile
classpath_file="$(mktemp -t topogan-load-cp.XXXXXX)"
trap 'rm -f "$classpath_file"' EXIT
mvn -q -o -pl e2e dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath_file"
exec java -Dtopogan.home="$root" -cp "e2e/target/test-classes:$(cat "$classpath_file")" \
    io.topogan.e2e.LoadBenchmark "${1:-8}" "${2:-20}" "${3:-1000}" "${4:-15}"
