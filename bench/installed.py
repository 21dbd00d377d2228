"""Run ``screen`` in a child process the way an installed copy runs: from compiled bytecode.

``pip install`` compiles every module of a package to bytecode, and Python caches the bytecode
of an editable checkout in ``__pycache__`` on first import. A machine with
``PYTHONDONTWRITEBYTECODE=1`` set (some CI images and containers) compiles the project's ~130
modules from source in *every* process instead: about 0.13 s of each command's start that no
officer's installed copy pays, and serial time that would cap the worker ratio of a batch. The
benches that time whole commands run them with this environment: the variable removed and the
bytecode kept under ``PYTHONPYCACHEPREFIX`` in the bench's own temporary folder (the checkout
stays clean), after one untimed run has compiled it.
"""

from __future__ import annotations

import os
from pathlib import Path


def installed_env(scratch: Path, **extra: str) -> dict[str, str]:
    """The environment for a timed ``screen`` child process (``scratch``: a temporary folder)."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
    return env
