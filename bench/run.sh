#!/usr/bin/env bash
# Liwater benchmark: builds the app, the bare baseline server and the harness in Release, then runs every scenario
# against the real app on 127.0.0.1, each headline figure beside the same measure of a bare baseline taken in the
# same run with the ratio (issue 15), and prints a markdown table (also in bench/out/results.md). Databases are
# generated once into bench/out and reused. Extra arguments go to the harness, e.g. `bench/run.sh --only 1,2`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null 2>&1 || { echo "Needs Debian's chromium (apt-get install -y chromium fonts-noto-cjk)"; exit 1; }
dotnet build -c Release Liwater.Dashboard -v q -nologo
dotnet build -c Release bench/Liwater.Bench.Baseline -v q -nologo
dotnet run -c Release --project bench/Liwater.Bench -- all "$@"
