# Sourced by run.sh and test.sh: makes sure this machine has what SmpAcademy needs.
# On a fresh Debian machine with the .NET SDK, installs PostgreSQL's server programs from Debian's
# packages. The cluster itself is started by the app or the tests (a private one, under a data
# folder, as the postgres user when run as root, because initdb refuses root).

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK (dotnet) is not on PATH; install .NET SDK 10 first (see global.json)." >&2
    exit 1
  fi
}

require_postgres() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
     || [ -n "${SMP_POSTGRES_BIN:-}" ]; then
    return
  fi
  echo "==> Installing PostgreSQL server programs from Debian's packages (apt-get install postgresql)"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "error: PostgreSQL did not install" >&2; exit 1; }
}

# The browser tests drive Debian's Chromium with Playwright (Playwright never downloads a browser).
require_chromium() {
  if [ -x "${SMP_CHROMIUM:-/usr/bin/chromium}" ]; then
    return
  fi
  echo "==> Installing Chromium from Debian's packages (apt-get install chromium) for the browser tests"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] || { echo "error: Chromium did not install" >&2; exit 1; }
}

# The npm reference implementations the differential tests run (tests/interop, pinned by its lockfile).
require_interop() {
  command -v node >/dev/null && command -v npm >/dev/null || { echo "error: node and npm are needed for the differential tests" >&2; exit 1; }
  if [ ! -d tests/interop/node_modules ] || [ tests/interop/package-lock.json -nt tests/interop/node_modules ]; then
    echo "==> npm ci in tests/interop (reference implementations for differential tests)"
    (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
