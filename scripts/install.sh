#!/bin/sh
# Install the music-to-best runtime inside this skill folder, where agents run it.
#
# Why this and not "pip install": a stock Debian/Ubuntu Python refuses system-wide pip (PEP 668,
# "externally-managed-environment"), and a venv's console script is not on PATH. So this creates (or
# reuses) a venv in <skill>/.venv, installs the package with the offline engine into it, and agents
# call the launcher <skill>/scripts/music-to-best by path. Nothing here needs root or PATH changes.
#
# Usage: sh scripts/install.sh            (PYTHON=/path/to/python3 to choose the interpreter;
#                                          MUSIC_TO_BEST_EXTRAS=local,dev for other extras)
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
extras="${MUSIC_TO_BEST_EXTRAS:-local}"
venv="$root/.venv"

say() { echo "install: $*" >&2; }
fail() { echo "install: $*" >&2; exit 1; }

good_python() {  # $1 runs and is Python 3.10 or newer
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' >/dev/null 2>&1
}

pick_python() {
  for cand in ${PYTHON:-} python3 python3.13 python3.12 python3.11 python3.10 python; do
    if command -v "$cand" >/dev/null 2>&1 && good_python "$cand"; then
      command -v "$cand"
      return 0
    fi
  done
  return 1
}

make_venv() {  # $1: the interpreter; the first way that works on this machine wins
  for how in venv uv virtualenv bare; do
    rm -rf "$venv"
    case "$how" in
      venv) "$1" -m venv "$venv" >/dev/null 2>&1 && return 0 ;;
      uv) command -v uv >/dev/null 2>&1 && uv venv --quiet --python "$1" "$venv" >/dev/null 2>&1 \
            && say "made the venv with uv" && return 0 ;;
      virtualenv) "$1" -m virtualenv --quiet "$venv" >/dev/null 2>&1 \
            && say "made the venv with virtualenv" && return 0 ;;
      # Debian/Ubuntu without python3-venv has no ensurepip; a venv without pip still works when
      # the system's pip (or uv) installs into it
      bare) "$1" -m venv --without-pip "$venv" >/dev/null 2>&1 \
            && say "made the venv without pip (this Python has no ensurepip)" && return 0 ;;
    esac
  done
  rm -rf "$venv"
  return 1
}

if [ -x "$venv/bin/python" ] && good_python "$venv/bin/python"; then
  say "reusing $venv"
  py="$(pick_python)" || py="$venv/bin/python"
else
  py="$(pick_python)" || fail "no Python 3.10+ found. Fix: install python3 (Debian/Ubuntu: sudo apt-get install python3 python3-venv; macOS: brew install python), or set PYTHON=/path/to/python3"
  say "creating $venv with $py"
  make_venv "$py" || fail "could not create a venv with $py. Fix: sudo apt-get install python3-venv (Debian/Ubuntu), or install uv, then run this again"
fi

say "installing music-to-best[$extras] into $venv"
target="$root[$extras]"
if "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$target" \
    || fail "pip could not install the package (see above). Fix the network or proxy, then run this again"
elif command -v uv >/dev/null 2>&1; then
  uv pip install --quiet --python "$venv/bin/python" -e "$target" || fail "uv could not install the package (see above)"
elif "$py" -m pip --version >/dev/null 2>&1; then  # the system pip, aimed at the venv (pip 22.3+)
  "$py" -m pip --python "$venv/bin/python" install --quiet --disable-pip-version-check -e "$target" \
    || fail "pip could not install into the venv. Fix: sudo apt-get install python3-venv, then run this again"
elif "$venv/bin/python" -m ensurepip --upgrade >/dev/null 2>&1; then
  "$venv/bin/python" -m pip install --quiet -e "$target" || fail "pip could not install the package (see above)"
else
  fail "no pip to install with. Fix: sudo apt-get install python3-venv python3-pip (or install uv), then run this again"
fi

"$venv/bin/python" -c "import skill, av, numpy, PIL" >/dev/null 2>&1 \
  || fail "the installed package does not import; run this again, or report the output above"
chmod +x "$root/scripts/music-to-best" 2>/dev/null || true
say "done. Run: $root/scripts/music-to-best doctor"
# What this machine still lacks (a font for Chinese titles, ...) with the exact fix; never fatal here.
"$root/scripts/music-to-best" doctor >&2 || true
