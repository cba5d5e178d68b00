#!/usr/bin/env bash
# The test command: builds the solution and runs every test project (PostgreSQL included).
set -euo pipefail
cd "$(dirname "$0")"
dotnet test SupplyMatch.sln --nologo "$@"
