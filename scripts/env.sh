# The project's own Python environment, for scripts/test and scripts/serve (sourced).
#
#   source scripts/env.sh && gouji_env     # then $GOUJI_PY, and .venv/bin first on PATH
#
# Debian's own Python refuses system-wide pip installs (PEP 668), so the tools
# live in .venv, made with the machine's python3 (>= 3.11) and kept in step
# with pyproject.toml: gouji itself (editable) with its "test" extra — OpenCC,
# pytest, hypothesis, Playwright (the library only: the browser is Debian's
# chromium), MkDocs Material, ruff, mypy.  Set PYTHON to use another python3.

gouji_env() {
  local root venv py stamp want
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  venv="$root/.venv"
  py="${PYTHON:-python3}"
  if ! command -v "$py" >/dev/null 2>&1 || ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "需要 Python 3.11 或更新版本（python3）。Debian/Ubuntu：sudo apt-get install python3" >&2
    return 1
  fi
  if [ ! -x "$venv/bin/python" ]; then
    echo "[env] creating .venv with $(command -v "$py")"
    if ! "$py" -m venv "$venv" >/dev/null 2>&1; then
      # Debian without python3-venv has no ensurepip: a venv without pip, then
      # pip's own wheel from PyPI.
      rm -rf "$venv"
      "$py" -m venv --without-pip "$venv" || return 1
      "$venv/bin/python" "$root/scripts/bootstrap-pip" || { rm -rf "$venv"; return 1; }
    fi
  fi
  stamp="$venv/.gouji-installed"
  want="$(cat "$root/pyproject.toml" "$root/setup.py" | "$venv/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])')"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "[env] installing gouji and its pinned tools into .venv (pyproject.toml)"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$root[test]" || return 1
    echo "$want" > "$stamp"
  fi
  export VIRTUAL_ENV="$venv"
  export PATH="$venv/bin:$PATH"
  unset PYTHONHOME
  GOUJI_PY="$venv/bin/python"
}
