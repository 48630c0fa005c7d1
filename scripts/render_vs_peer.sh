#!/usr/bin/env bash
# `flywheel render --view capex` against the matplotlib script an analyst would write for the
# same panels (scripts/peer_capex.py), run alternately so both see the same machine load:
# median wall time, peak resident memory (/usr/bin/time -f %M) and the output's pixel size.
# Needs: python3-matplotlib (Debian), a release build (made here if missing).
# Usage: scripts/render_vs_peer.sh [RUNS]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-11}"
target="${CARGO_TARGET_DIR:-target}"
binary="$target/release/flywheel"
[[ -x "$binary" ]] || cargo build --release --quiet
python=/usr/bin/python3
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$out}"

# One run of "$@": appends "microseconds kibibytes" to the file named by $1.
run_once() {
    local log="$1"
    shift
    local start end kb
    start=$(date +%s%N)
    kb=$(/usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1)
    end=$(date +%s%N)
    echo "$(((end - start) / 1000)) $kb" >>"$log"
}

# "WIDTHxHEIGHT" of a PNG, read from its IHDR chunk.
png_size() {
    local width height
    width=$(od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    height=$(od -An -tu1 -j20 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    echo "${width}x${height}"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# One warm-up run each, so neither pays for a cold page cache.
"$binary" render --view capex --width 1600 --height 900 --out "$out/flywheel.png" >/dev/null
"$python" scripts/peer_capex.py "$out/peer.png" data
for _ in $(seq "$runs"); do
    run_once "$out/flywheel.log" "$binary" render --view capex --width 1600 --height 900 \
        --out "$out/flywheel.png"
    run_once "$out/peer.log" "$python" scripts/peer_capex.py "$out/peer.png" data
done

flywheel_us=$(cut -d' ' -f1 "$out/flywheel.log" | median)
peer_us=$(cut -d' ' -f1 "$out/peer.log" | median)
flywheel_kb=$(cut -d' ' -f2 "$out/flywheel.log" | sort -n | tail -1)
peer_kb=$(cut -d' ' -f2 "$out/peer.log" | sort -n | tail -1)
echo "$runs alternating runs each, $(date -u +%Y-%m-%d), load $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| program | median wall time | peak memory | picture |"
echo "|---|---|---|---|"
row() {
    awk -v name="$1" -v us="$2" -v kb="$3" -v size="$4" \
        'BEGIN { printf "| %s | %.1f ms | %.1f MiB | %s |\n", name, us / 1000, kb / 1024, size }'
}
row "flywheel render --view capex" "$flywheel_us" "$flywheel_kb" "$(png_size "$out/flywheel.png")"
row "scripts/peer_capex.py (matplotlib)" "$peer_us" "$peer_kb" "$(png_size "$out/peer.png")"
awk -v f="$flywheel_us" -v p="$peer_us" \
    'BEGIN { printf "\nFlywheel is %.1f times faster than the peer.\n", p / (f > 0 ? f : 1) }'
