#!/usr/bin/env bash
# The main job. For now: a simulated trainee practises a session on a curriculum skin and every dot
# is scored live (see `smp demo --help` options below). Later: the SmpAcademy server.
#   bash infra/dev/run.sh [--skin norwood-6-full-scalp] [--session 1..3] [--skill good|sloppy|deep-handed|grid-like] [--dots N]
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/dev/prerequisites.sh
require_dotnet

dotnet build src/SmpAcademy.Cli -c Release --nologo -v quiet >/dev/null
dotnet run --project src/SmpAcademy.Cli -c Release --no-build -- curriculum validate
echo
dotnet run --project src/SmpAcademy.Cli -c Release --no-build -- demo "$@"
