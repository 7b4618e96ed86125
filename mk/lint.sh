#!/bin/sh
# make lint: formatting, cppcheck and clang-tidy over the tracked C sources.
# Usage: lint.sh BUILD FILE...
set -u
build=$1
shift
[ $# -gt 0 ] || { echo "lint: no sources (is this a git checkout?)" >&2; exit 2; }
status=0
cflags="-std=gnu11 -D_GNU_SOURCE -I. $(pkg-config --cflags mount smartcols cmocka 2>/dev/null)"

echo "lint: clang-format"
clang-format --dry-run --Werror "$@" || status=1

c_files=$(printf '%s\n' "$@" | grep '\.c$')
echo "lint: cppcheck"
mkdir -p "$build/cppcheck"
# shellcheck disable=SC2086
cppcheck -q --error-exitcode=1 --inline-suppr --std=c11 -D_GNU_SOURCE -I. \
	--enable=warning,style,performance,portability --suppress=missingIncludeSystem \
	--cppcheck-build-dir="$build/cppcheck" $c_files || status=1

echo "lint: clang-tidy"
# shellcheck disable=SC2086
for f in $c_files; do
	clang-tidy --quiet "$f" -- $cflags 2>/dev/null || status=1
done
[ "$status" = 0 ] && echo "lint: clean"
exit $status
