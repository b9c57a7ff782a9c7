#!/usr/bin/env bash
# Runs a JMH suite with fixed settings, keeps its JSON results and regenerates docs/PERFORMANCE.md.
#
#   benchmarks/run.sh              the standard suite: policy evaluation, decide() with the
#                                  in-memory ledger, domain plugins, tokens, the baseline
#                                  (about 18 minutes on 2 cores)
#   benchmarks/run.sh ledger       the ledger suite: decide() on a SQLite ledger file (GROUP, SYNC;
#                                  1, 2, 16 and 64 threads), in-memory ledger append, and verification
#                                  and proofs at 1,000,000 entries (about 8 minutes)
#   benchmarks/run.sh peers        Lexecon side by side with jCasbin, SAPL 3.0.0 and cedar-java
#                                  (about 13 minutes on 2 cores)
#   benchmarks/run.sh quick [re]   1 fork, short iterations, for development; results go to
#                                  benchmarks/target/ and the doc is left alone
#
# Published suites write benchmarks/results/<date>-<suite>.json (JMH's JSON, one file per suite
# and day; a rerun the same day replaces it) and <date>-<suite>.machine.json (JDK, CPU, cores,
# load before and after, git commit), then run benchmarks/report.py, which rewrites the generated
# sections of docs/PERFORMANCE.md from the newest file of each suite.
#
# Fixed settings of the published suites (change them here and say so in the doc):
#   2 forks; 3 warmup iterations of 2 s; 5 measurement iterations of 2 s; -prof gc for allocation
#   per operation; heap fixed at 1 GiB so GC sizing does not vary between runs.
#   The ledger suite differs in two ways: 4 GiB of heap, because LedgerBenchmark holds a
#   million-entry ledger, and 1 fork, because every fork of the million-entry benchmarks spends
#   15-30 s building that ledger before it measures anything.
# On 2 cores the standard suite takes about 18 minutes (28 runs of roughly 40 s each).
#
# Extra arguments after the suite name are passed to JMH, for experiments such as
# `benchmarks/run.sh quick PolicyEvaluate -p terms=1000 -prof stack`. JVM_ARGS replaces the heap
# settings, e.g. `JVM_ARGS='-Xms4g -Xmx4g' benchmarks/run.sh quick LedgerBenchmark.verify`.
set -euo pipefail

cd "$(dirname "$0")/.."
suite="${1:-standard}"
if [[ $# -gt 0 ]]; then shift; fi

jar=benchmarks/target/benchmarks.jar
jvm_args="${JVM_ARGS:--Xms1g -Xmx1g}"
case "$suite" in
  standard)
    # Everything except the peers, the ledger suite and the storage benchmarks (SqliteDecide,
    # SqliteVerify, JdbcDecide: they need the database servers and report in docs/storage.md): a
    # new benchmark class joins this suite (and gets its own table in the doc) without touching
    # this script. DecideBenchmark runs its in-memory pipelines here and its SQLite ones in the
    # ledger suite; both land in one table.
    selection=(-e 'Peer' -e 'LedgerBenchmark' -e 'DecideBenchmark.decide16Threads' -e 'DecideBenchmark.decide64Threads'
      -e 'Sqlite' -e 'Jdbc' -p 'pipeline=memory-hs256,memory-ed25519')
    settings=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
    ;;
  ledger)
    selection=('\.DecideBenchmark\.' '\.LedgerBenchmark\.' -p 'pipeline=sqlite-group,sqlite-sync')
    settings=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
    # AlwaysPreTouch: without it the first young collections of a fork fault in the heap's pages
    # (9% of all CPU in a 10 s SQLite run), a cost a long-running service pays once at start.
    jvm_args="${JVM_ARGS:--Xms4g -Xmx4g -XX:+AlwaysPreTouch}"
    ;;
  peers)
    selection=('Peer')
    settings=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
    # SAPL 3's reactive chain recurses once per candidate policy: 10,000 policies need a big stack.
    jvm_args="$jvm_args -Xss256m"
    ;;
  quick)
    selection=()
    settings=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
    ;;
  *)
    echo "unknown suite '$suite'; expected standard, ledger, peers or quick" >&2
    exit 2
    ;;
esac

echo "building $jar ..."
./mvnw -q -B -pl benchmarks -am package -DskipTests

if [[ "$suite" == quick ]]; then
  out=benchmarks/target/quick.json
  java -jar "$jar" "${selection[@]}" "${settings[@]}" -prof gc -jvmArgsAppend "$jvm_args" \
    -rf json -rff "$out" "$@"
  echo "results in $out (not published)"
  exit 0
fi

date="$(date -u +%F)"
mkdir -p benchmarks/results
out="benchmarks/results/$date-$suite.json"
machine="benchmarks/results/$date-$suite.machine.json"

export BENCH_SUITE="$suite"
export BENCH_STARTED="$(date -u +%FT%TZ)"
export BENCH_UPTIME_BEFORE="$(uptime)"
export BENCH_JAVA_VERSION="$(java -version 2>&1)"
export BENCH_CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
export BENCH_CORES="$(nproc)"
export BENCH_MEMORY="$(grep -m1 MemTotal /proc/meminfo | awk '{printf "%.1f GiB", $2/1048576}')"
export BENCH_KERNEL="$(uname -sr)"
export BENCH_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/results' ':!docs/PERFORMANCE.md' || echo '-dirty')"
export BENCH_JMH_ARGS="$(printf '%q ' "${selection[@]}")${settings[*]} -prof gc -jvmArgsAppend '$jvm_args' $*"

java -jar "$jar" "${selection[@]}" "${settings[@]}" -prof gc -jvmArgsAppend "$jvm_args" \
  -rf json -rff "$out" "$@"

export BENCH_FINISHED="$(date -u +%FT%TZ)"
export BENCH_UPTIME_AFTER="$(uptime)"
python3 benchmarks/report.py record-machine "$machine"
python3 benchmarks/report.py
echo "results in $out; docs/PERFORMANCE.md regenerated"
