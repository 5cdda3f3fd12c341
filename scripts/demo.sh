#!/usr/bin/env bash
# The main job, end to end on a fresh machine, as a user would do it: build and pack the plugin,
# install the tarball into the test host `mgit`, run mgit commands against real git repositories,
# then look at what the plugin recorded: metrics, performance and the server's page.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
npx oclif manifest >/dev/null
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export MGIT_DATA_DIR="$work/data" MGIT_CONFIG_DIR="$work/config" MGIT_CACHE_DIR="$work/cache"
mgit() { node test/fixtures/mgit-host/bin/run.js "$@"; }

export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.com GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.com
for i in 1 2 3; do
  git init -q --initial-branch=main "$work/src/repo-$i"
  git -C "$work/src/repo-$i" commit -q --allow-empty -m "initial"
  git clone -q --bare "$work/src/repo-$i" "$work/org/repo-$i.git"
done

echo '$ npm pack'
tarball=$(npm pack --ignore-scripts --silent --pack-destination "$work")
echo "$tarball"
echo "\$ mgit plugins install file:$tarball"
mgit plugins install "file:$work/$tarball"
mgit plugins

echo
echo '$ mgit clone-all acme ./clones --source org --token ***'
mgit clone-all acme "$work/clones" --source "$work/org" --token ghp_demo_not_a_real_token
echo '$ mgit pull-all acme ./clones'
mgit pull-all acme "$work/clones"
echo '$ mgit status ./clones'
mgit status "$work/clones"
echo '$ mgit fail-exit   (a command that fails with this.exit(3))'
mgit fail-exit || echo "exit code $?"

echo
echo '$ mgit monitoring metrics   (without comments and histogram buckets)'
mgit monitoring metrics | grep -v '^#' | grep -v '_bucket' | grep .
echo
echo '$ mgit monitoring performance --hours 1'
mgit monitoring performance --hours 1
echo
echo '$ mgit monitoring health --detailed'
mgit monitoring health --detailed || echo "exit code $? (failing health)"

echo
echo '$ mgit monitoring server --port 0 &'
# Started directly (not through the mgit function) so that $! is the server itself.
node test/fixtures/mgit-host/bin/run.js monitoring server --port 0 >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.out" || true)
  [ -n "$url" ] && break
  sleep 0.1
done
cat "$work/server.out"
echo "\$ curl $url/   (the server's page, as text)"
node -e 'fetch(process.argv[1]).then((r) => r.text()).then((html) => console.log(html.replace(/<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ").replace(/[ \t]+/g, " ").replace(/\n\s*\n+/g, "\n").trim()))' "$url/"
echo "\$ curl $url/health/ready"
node -e 'fetch(process.argv[1]).then(async (r) => console.log(r.status, (await r.json()).status))' "$url/health/ready"

echo
echo "journal: $MGIT_DATA_DIR/monitoring/journal"
tail -n 2 "$MGIT_DATA_DIR"/monitoring/journal/*.jsonl
