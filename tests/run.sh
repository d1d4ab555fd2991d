#!/usr/bin/env bash
# Runs every test of the portal and ends with one plain line: "N passed, N failed".
# Installs what the browser, live-update and deployment tests need when it is missing (Debian
# packages chromium, redis-server and docker-compose, and Azurite, the Azure Storage emulator, from
# npm into .tools/azurite), so it works on a fresh machine with only the .NET SDK.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} (Debian packages) ..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "Could not install ${missing[*]}; install them and run again."
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# The Azure Blob result store is tested against Azurite; the tests start and stop it themselves.
azurite=".tools/azurite/node_modules/.bin/azurite-blob"
if [ -z "${AZURITE_BLOB:-}" ] && [ ! -x "$azurite" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing npm (Debian package) for Azurite ..."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
  fi
  echo "Installing Azurite (npm package azurite) into .tools/azurite ..."
  if ! npm install --prefix .tools/azurite azurite@3.35.0 --no-audit --no-fund --loglevel=error >/dev/null; then
    echo "Could not install Azurite; install it (npm install --prefix .tools/azurite azurite@3.35.0) and run again."
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

results="TestResults/runs"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build DataRequestPortal.sln -nologo -v quiet; then
  echo "The build failed; no tests ran."
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results"
  code=$?
  trx="$results/$name.trx"
  p=0
  f=0
  if [ -f "$trx" ]; then
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  fi
  # A test run that crashed or reported nothing still counts as a failure.
  if [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
    f=1
  fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

echo "Screenshots of the browser tests: TestResults/screenshots/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
