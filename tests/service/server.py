"""Start the real ``screen serve`` in a subprocess on a free loopback port, and stop it.

Tests call it over HTTP with httpx, exactly as an OA system would. The server's whole log
(stdout and stderr) goes to a file the tests read (nothing raw may appear in it).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "screening", "serve", *args]


class Server:
    """One ``screen serve`` process. ``env`` is added to a copy of this process's environment."""

    def __init__(self, directory: Path, config_text: str, *, env: Mapping[str, str] | None = None,
                 args: Sequence[str] = ()):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.config = directory / "screening.toml"
        self.config.write_text(config_text, encoding="utf-8")
        self.log_path = directory / "serve.log"
        self.env = dict(env or {})
        self.args = list(args)
        self.port = 0
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> Server:
        self.port = free_port()
        env = {**os.environ, **self.env}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            serve_command("--port", str(self.port), "--config", str(self.config), *self.args),
            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=self.directory)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"screen serve exited {self.proc.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.url + "/openapi.json", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"screen serve did not start in {timeout} s:\n{self.log()}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def wait_log(self, *texts: str, timeout: float = 10.0) -> str:
        """The log once it holds every one of ``texts`` (a line is written just after the
        response is sent), or as it is after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.log()
            if all(t in log for t in texts) or time.monotonic() > deadline:
                return log
            time.sleep(0.05)

    def client(self, token: str | None, timeout: float = 60.0) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)
