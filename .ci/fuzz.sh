#!/usr/bin/env bash
# Runs every fuzz target of the reliability suite for DURATION each (the
# first argument, default 10m), one worker each, and prints the last
# progress line of each: executions and new interesting inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10m}
workers=${FUZZ_WORKERS:-1}
targets=(
	"./indexer/extract FuzzExtractHTML"
	"./indexer/extract FuzzExtractText"
	"./indexer/extract FuzzExtractSGML"
	"./indexer/extract FuzzExtractArchivePage"
	"./indexer/extract FuzzParseArticleDate"
	"./corpus FuzzParseDate"
	"./search FuzzBuildQuery"
	"./search FuzzSearch"
)
status=0
for t in "${targets[@]}"; do
	set -- $t
	log=$(mktemp)
	if go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$duration" -parallel "$workers" >"$log" 2>&1; then
		result=ok
	else
		result=FAILED
		status=1
	fi
	echo "$2 ($1) $result: $(grep 'fuzz: elapsed' "$log" | tail -1)"
	if [ $result = FAILED ]; then tail -30 "$log"; fi
	rm -f "$log"
done
exit $status
