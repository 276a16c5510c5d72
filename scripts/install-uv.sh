#!/usr/bin/env bash
# Installs uv into the virtualenv whose Python is $1 (made with `venv --without-pip`).
# The pip that installs it is the wheel Python keeps for ensurepip (in ensurepip/_bundled,
# or /usr/share/python-wheels on Debian and Ubuntu), run in place: `python pip.whl/pip`
# is a use pip's own __main__ supports. Where there is no such wheel, ensurepip installs
# pip into the virtualenv first, as `python -m venv` would have.
set -euo pipefail
python=$1
wheel=$("$python" - <<'PY'
import ensurepip, glob, os
bundled = os.path.join(os.path.dirname(ensurepip.__file__), "_bundled", "pip-*.whl")
found = glob.glob(bundled) or glob.glob("/usr/share/python-wheels/pip-*.whl")
print(found[0] if found else "")
PY
)
if [ -n "$wheel" ]; then
  "$python" "$wheel/pip" install --quiet --disable-pip-version-check uv
else
  "$python" -m ensurepip --default-pip
  "$python" -m pip install --quiet --disable-pip-version-check uv
fi
