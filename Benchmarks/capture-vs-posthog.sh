#!/usr/bin/env bash
# Runs `usage-bench capture` and the official PostHog Python client on the same event, in the
# same run, and prints both figures and their ratio. Needs PyPI once, for the `posthog` package.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build/bench-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet posthog
fi

swift build -c release --product usage-bench >/dev/null
swift_output=$(.build/release/usage-bench capture "$@")
python_output=$("$venv/bin/python" Benchmarks/posthog_capture_baseline.py)
echo "$swift_output"
echo "$python_output"

swift_ns=$(echo "$swift_output" | sed -n 's/.*ns_per_event=\([0-9.]*\).*/\1/p' | tail -1)
python_ns=$(echo "$python_output" | sed -n 's/.*python_ns_per_event=\([0-9.]*\).*/\1/p' | tail -1)
python3 -c "print(f'capture_speedup_vs_posthog_python={float($python_ns) / float($swift_ns):.0f}x')"
