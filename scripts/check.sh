#!/usr/bin/env bash
# What CI checks, for anyone to run before pushing: formatting, tests, lints, and the bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo test
cargo clippy --all-targets -- -D warnings
cargo run --quiet -- check data/*.ron
