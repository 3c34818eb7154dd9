#!/usr/bin/env bash
# Coverage-guided fuzzing of the rules core and the audit (cargo-fuzz, libFuzzer).
# Installs what it needs on demand: the nightly toolchain (minimal profile) and
# cargo-fuzz. `npm test` does not need any of this: it runs the same checks as
# short stable proptest lanes (tests/fuzz_lanes.rs).
#
#   npm run fuzz                      # every target, 60 s each
#   FUZZ_SECONDS=600 npm run fuzz     # longer
#   npm run fuzz -- date_parser       # one target
#
# Targets (fuzz/fuzz_targets/, checks in fuzz/checks.rs): date_parser,
# passport_checker, validate_record, auditor_push. A crash leaves its input in
# fuzz/artifacts/<target>/ and exits non-zero; the corpus grows in fuzz/corpus/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

say() { printf '[fuzz] %s\n' "$*"; }

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  say "installing the nightly toolchain (minimal profile) ..."
  rustup toolchain install nightly --profile minimal >/dev/null
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz from crates.io (a few minutes, once) ..."
  cargo install cargo-fuzz >/dev/null
fi

seconds="${FUZZ_SECONDS:-60}"
all=(date_parser passport_checker validate_record auditor_push)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# Seeds: a few real-looking inputs so the fuzzer starts past the trivial cases.
seed() { # target name, then seed contents
  local dir="fuzz/corpus/$1"; shift
  mkdir -p "$dir"
  local i=0
  for s in "$@"; do printf '%b' "$s" > "$dir/seed-$i"; i=$((i + 1)); done
}
seed date_parser '2021-06-03' '令和3年6月3日（木）' 'R03.06.03' '２０２１／６／３' '平成31年4月30日' '2021/6/3(Thu)'
seed passport_checker 'TK1234567' 'ＴＫ１２３４５６７' 'tk-123 4567' 'L898902C3' 'ｶﾞ12345'
seed validate_record '\x002021-06-03\x1f2021-06-10\x1f死亡\x1f\x1f場所種別不明' '\x0f2021-06-01\x1f2021-06-20\x1fＴＫ１２３４５６７'
seed auditor_push '\x07診断年月日,入国日,パスポート番号,現在のステータス,場所区分\r\n2021-06-10,2021-06-03,,入院中,\r\n"a\nb",1\n'

status=0
mkdir -p target
for t in "${targets[@]}"; do
  say "$t: ${seconds}s"
  log="target/fuzz-$t.log"
  # -rss_limit_mb: the audit caps a row at 8 MiB; 2 GB leaves room for the fuzzer itself.
  if cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')
    say "$t: ok, $runs runs, 0 crashes"
  else
    status=1
    grep -E '(ERROR|panicked|SUMMARY)' "$log" | head -5 || true
    say "$t: FAILED (input in fuzz/artifacts/$t/, log in $log)"
  fi
done
exit $status
