#!/usr/bin/env bash
# The main job, end to end on a fresh machine: build the plugin, link it into the test host `mgit`,
# run mgit commands against real git repositories, then show what the plugin recorded.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
npx oclif manifest >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MGIT_DATA_DIR="$work/data" MGIT_CONFIG_DIR="$work/config" MGIT_CACHE_DIR="$work/cache"
export OCLIF_DISABLE_LINKED_ESM_WARNING=1
mgit() { node test/fixtures/mgit-host/bin/run.js "$@"; }

export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.com GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.com
for i in 1 2 3; do
  git init -q --initial-branch=main "$work/src/repo-$i"
  git -C "$work/src/repo-$i" commit -q --allow-empty -m "initial"
  git clone -q --bare "$work/src/repo-$i" "$work/org/repo-$i.git"
done

mgit plugins link --no-install "$PWD"
echo '$ mgit clone-all acme ./clones --source org --token ***'
mgit clone-all acme "$work/clones" --source "$work/org" --token ghp_demo_not_a_real_token
echo '$ mgit pull-all acme ./clones'
mgit pull-all acme "$work/clones"
echo '$ mgit status ./clones'
mgit status "$work/clones"
echo '$ mgit fail-exit   (a command that fails with this.exit(3))'
mgit fail-exit || echo "exit code $?"
echo
echo '$ mgit monitoring metrics'
mgit monitoring metrics | grep -v '^#' | grep -v '_bucket' | grep .
echo
echo '$ mgit monitoring health --detailed'
mgit monitoring health --detailed || echo "exit code $? (failing health)"
echo
echo "journal: $MGIT_DATA_DIR/monitoring/journal"
tail -n 2 "$MGIT_DATA_DIR"/monitoring/journal/*.jsonl
