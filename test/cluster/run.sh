#!/usr/bin/env bash
# npm run test:cluster: a 3-node loopback Galera cluster (../shared/galera/cluster.sh, data under
# /tmp/galera), the cluster tier's tests against it, and the cluster stopped again whatever happened.
set -euo pipefail
cd "$(dirname "$0")/../.."
CLUSTER="$(cd ../shared/galera && pwd)/cluster.sh"
"$CLUSTER" stop >/dev/null 2>&1 || true
trap '"$CLUSTER" stop' EXIT
"$CLUSTER" init
"$CLUSTER" start
npx jest --runInBand --config test/cluster/jest.config.js "$@"
