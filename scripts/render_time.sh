#!/usr/bin/env bash
# Wall time and peak memory of `flywheel render` (release build) for each view at 1920×1080 and
# for a slide at 2×: the cost of one picture for a script that builds a report.
# Usage: scripts/render_time.sh [RUNS]   (default 5 runs each; the median is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cargo build --release --quiet
target="${CARGO_TARGET_DIR:-target}"
binary="$target/release/flywheel"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$out}"

measure() {
    local name="$1"
    shift
    local times=() memory=0
    for _ in $(seq "$runs"); do
        local line
        line=$(/usr/bin/time -f "%e %M" "$binary" render "$@" --out "$out/$name.png" 2>&1 >/dev/null | tail -1)
        times+=("${line% *}")
        local kb="${line#* }"
        ((kb > memory)) && memory=$kb
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
    printf '| %s | %s s | %d MiB |\n' "$name" "$median" $((memory / 1024))
}

echo "| picture | median wall time | peak memory |"
echo "|---|---|---|"
for view in overview profit margins capex cloud scenario; do
    measure "$view 1920×1080" --view "$view" --width 1920 --height 1080
done
measure "slide 3 at 2× (3840×2160)" --slide 3 --width 1920 --height 1080 --scale 2
