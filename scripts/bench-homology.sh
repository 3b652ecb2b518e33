#!/usr/bin/env bash
# Benchmark of 'topogan homology' against the ripser program on Fashion-MNIST point clouds
# (784 dimensions, pixels scaled to [-1, 1], maxdim 2). Each measurement runs RUNS times (default
# 3) and the median wall time and peak resident memory are printed, from GNU time -v.
# Usage: scripts/bench-homology.sh [SIZES...]   (default sizes: 100 300 500)
# Needs: python3 with numpy, /usr/bin/time (Debian package 'time'), ripser, a built CLI
# (mvn -pl cli install) and the topology test classes (mvn -pl topology test-compile).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100 300 500)
images="${IMAGES:-$root/data/fashion-mnist/train-images-idx3-ubyte.gz}"
work="$(mktemp -d -t bench-homology.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "java: $(java -version 2>&1 | head -1)"
echo "ripser: $(command -v ripser)"
echo "images: $images (first N images)"

# Writes the first N images as text, one point per line; both programs read the same file.
python3 - "$images" "$work" "${sizes[@]}" <<'PY'
import gzip, sys
import numpy as np
path, out, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
with gzip.open(path, "rb") as f:
    data = f.read()
count = int.from_bytes(data[4:8], "big")
pixels = int.from_bytes(data[8:12], "big") * int.from_bytes(data[12:16], "big")
images = np.frombuffer(data, np.uint8, offset=16).reshape(count, pixels)
for n in sizes:
    cloud = images[:n].astype(np.float32) / np.float32(127.5) - np.float32(1.0)
    np.savetxt(f"{out}/fashion{n}.csv", cloud, fmt="%.9g", delimiter=",")
PY

# Prints "median_seconds median_max_rss_mib" of RUNS runs of the command.
measure() {
    local seconds=() rss=()
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt"
        seconds+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s }' \
            "$work/time.txt")")
        rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2 / 1024}' "$work/time.txt")")
    done
    printf '%s %s\n' "$(printf '%s\n' "${seconds[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
        "$(printf '%s\n' "${rss[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]}')"
}

printf '%-6s %-28s %-28s\n' points "topogan homology (s, MiB)" "ripser (s, MiB)"
for n in "${sizes[@]}"; do
    cloud="$work/fashion$n.csv"
    ours="$(measure env TOPOGAN_SKIP_BUILD=1 "$root/topogan" homology --maxdim 2 "$cloud")"
    theirs="$(measure ripser --dim 2 --format point-cloud "$cloud")"
    printf '%-6s %-28s %-28s\n' "$n" "$ours" "$theirs"
done

# Engine only, in one warmed-up JVM: greedy n_perm=100 of 1000 points, then Rips maxdim 2 on
# the 100 chosen points (RipsBenchmark prints the mean of 20 repeats after 30 warm-up runs).
# Only its first line is needed, so the JVM is stopped after it.
echo "engine only, n_perm=100 path (RipsBenchmark, $runs JVM runs):"
for ((i = 0; i < runs; i++)); do
    exec 3< <(java -cp "$root/topology/target/classes:$root/topology/target/test-classes" \
        io.topogan.topology.RipsBenchmark "$images")
    benchmark_pid=$!
    read -r line <&3
    echo "$line"
    kill "$benchmark_pid" 2>/dev/null || true
    exec 3<&-
done
