#!/usr/bin/env bash
# Builds the generator as it was at a commit, for GeneratorVersionBenchmarks, and prints the dll's path.
#   tests/ExactGrad.Benchmarks/build-baseline-generator.sh <commit>
set -euo pipefail
commit=${1:?usage: build-baseline-generator.sh <commit>}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
sha=$(git -C "$root" rev-parse --short "$commit")
out="$root/artifacts/baseline-generator/$sha"
tree=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
git -C "$root" worktree add --detach "$tree" "$sha" >/dev/null
dotnet build "$tree/generators/ExactGrad.Generators/ExactGrad.Generators.csproj" -c Release -o "$out" --nologo -v quiet >&2
echo "$out/ExactGrad.Generators.dll"
