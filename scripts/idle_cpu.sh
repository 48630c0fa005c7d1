#!/usr/bin/env bash
# Idle CPU of the real app: start it under Xvfb, let it settle, then read the CPU time it uses
# over a quiet interval (no input). Needs: xvfb. Usage: scripts/idle_cpu.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
cargo build --release --quiet
target="${CARGO_TARGET_DIR:-target}"
display=:87
Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$app" "$xvfb" 2>/dev/null || true' EXIT
sleep 1
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
DISPLAY=$display "$target/release/flywheel" >/dev/null 2>&1 &
app=$!
sleep 8
ticks() { awk '{ print $14 + $15 }' "/proc/$app/stat"; }
before=$(ticks)
sleep "$seconds"
after=$(ticks)
hz=$(getconf CLK_TCK)
awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" \
    'BEGIN { printf "idle CPU over %d s: %.3f s of CPU time (%.2f%% of one core)\n", s, t / hz, 100 * t / hz / s }'
