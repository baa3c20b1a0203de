#!/usr/bin/env bash
# Liwater benchmark: publishes the app and the bare baseline server as a deployment would (Release, ReadyToRun:
# precompiled, so a cold start does not wait for the JIT; decision 0129), builds the harness, then runs every scenario
# against the real app on 127.0.0.1, each headline figure beside the same measure of a bare baseline taken in the
# same run with the ratio (issue 15), and prints a markdown table (also in bench/out/results.md). Databases are
# generated once into bench/out and reused. Extra arguments go to the harness, e.g. `bench/run.sh --only 1,2`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null 2>&1 || { echo "Needs Debian's chromium (apt-get install -y chromium fonts-noto-cjk)"; exit 1; }
publish() { dotnet publish "$1" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -v q -nologo -o "$2"; }
publish Liwater.Dashboard bench/out/publish/app
publish bench/Liwater.Bench.Baseline bench/out/publish/baseline
dotnet run -c Release --project bench/Liwater.Bench -- all "$@"
