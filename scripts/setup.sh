#!/usr/bin/env bash
# Set up a fresh machine for music-to-best: system packages, a venv in .venv, the package with extras.
# Usage: bash scripts/setup.sh [extras]   (default extras: local,dev,nle)
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-local,dev,nle}"

need_apt=()
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v sox >/dev/null 2>&1 || need_apt+=(sox)
# The title font must cover Chinese; Noto CJK is the documented choice (fallback: DejaVu, then PIL's own).
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
# the distributed render queue (extras queue, and dev for its tests) runs on Redis
case ",$extras," in
  *,queue,*|*,dev,*) command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server) ;;
esac
# the project page's browser tests (dev) drive Debian's Chromium through Playwright, which is told never
# to fetch a browser of its own
case ",$extras," in
  *,dev,*) command -v chromium >/dev/null 2>&1 || need_apt+=(chromium) ;;
esac
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${need_apt[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
command -v ffmpeg >/dev/null 2>&1 || { echo "setup: ffmpeg is still missing" >&2; exit 1; }

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
echo "setup: installing music-to-best[$extras]" >&2
.venv/bin/python -m pip install -q -e ".[$extras]"
.venv/bin/python -c "import skill, httpx, httpx_sse, yaml, pydantic" \
  || { echo "setup: the core package does not import" >&2; exit 1; }
case ",$extras," in
  *,local,*) .venv/bin/python -c "import av, numpy, PIL, starlette, uvicorn, python_multipart" \
      || { echo "setup: the [local] extra does not import" >&2; exit 1; } ;;
esac
case ",$extras," in
  *,nle,*) .venv/bin/python -c "import opentimelineio as o; names = {a.name for a in o.plugins.ActiveManifest().adapters}; assert {'fcpx_xml', 'cmx_3600', 'fcp_xml'} <= names, names" \
      || { echo "setup: the [nle] extra does not import (OpenTimelineIO or an adapter is missing)" >&2; exit 1; } ;;
esac
echo "setup: done" >&2
