"""A real headless Chromium driven over the DevTools protocol on a pipe (no network port, no extra package).

Used by the HTML report tests: load a page, collect every console error and uncaught exception, evaluate
expressions in the page, take a screenshot. `find_or_install_chromium` installs Debian's `chromium` when it
is missing and the machine allows it (root with apt-get), and otherwise says why not, so the caller can
skip with that reason.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

LAUNCH_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_or_install_chromium() -> tuple[str | None, str]:
    """(path to the browser, "") or (None, the reason it cannot be had)."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found, ""
    if os.environ.get("NORMCHECK_NO_BROWSER_INSTALL"):
        return None, "Chromium is not installed and NORMCHECK_NO_BROWSER_INSTALL is set"
    if shutil.which("apt-get") is None:
        return None, "Chromium is not installed and this system has no apt-get to install Debian's package"
    if os.geteuid() != 0:
        return None, "Chromium is not installed and installing Debian's package needs root"
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        try:
            finished = subprocess.run(
                command, capture_output=True, text=True, timeout=900, env=environment, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"installing Chromium failed: {' '.join(command)}: {exc}"
        if finished.returncode != 0:
            tail = (finished.stderr or finished.stdout).strip().splitlines()[-1:] or [""]
            return None, f"installing Chromium failed: {' '.join(command)} exited {finished.returncode}: {tail[0]}"
    found = next((shutil.which(name) for name in _NAMES if shutil.which(name)), None)
    return (found, "") if found else (None, "apt-get installed chromium but no browser command was found")


class CdpError(RuntimeError):
    pass


class HeadlessChromium:
    """One browser with a fresh profile; `open(url)` returns a Page. Use as a context manager."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="normcheck-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes() -> None:  # in the child: the protocol expects commands on fd 3, replies on fd 4
            commands = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            replies = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - the browser's stderr, closed in close()
        self.process = subprocess.Popen(
            [executable, *LAUNCH_FLAGS, f"--user-data-dir={self._profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            pass_fds=(3, 4),
            preexec_fn=wire_pipes,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> HeadlessChromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(CdpError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._log.close()
        shutil.rmtree(self._profile, ignore_errors=True)

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CdpError("timed out waiting for the browser")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    self._log.seek(0)
                    raise CdpError(f"the browser closed the pipe: {self._log.read()[-2000:].decode(errors='replace')}")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        result: dict[str, Any] = json.loads(message)
        return result

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 30
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)

    def wait_for_event(self, method: str, session: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event["method"] == method and event.get("sessionId") == session:
                return event
        while True:
            reply = self._read_message(deadline)
            if "method" in reply:
                self.events.append(reply)
                if reply["method"] == method and reply.get("sessionId") == session:
                    return reply

    def open(self, url: str, width: int = 1280, height: int = 1600) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Runtime.enable", "Log.enable", "Page.enable"):
            self.call(method, session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for_event("Page.loadEventFired", session)
        return Page(self, session)


class Page:
    def __init__(self, browser: HeadlessChromium, session: str) -> None:
        self.browser = browser
        self.session = session

    def evaluate(self, expression: str) -> Any:
        reply = self.browser.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=self.session,
        )
        if "exceptionDetails" in reply:
            raise CdpError(f"{expression!r} raised: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    def errors(self) -> list[str]:
        """Uncaught exceptions, console.error/assert calls and error log entries (failed loads, CSP) so far."""
        self.evaluate("0")  # let pending events arrive
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            params = event["params"]
            if event["method"] == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
            elif event["method"] == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append("console." + params["type"] + ": " + " ".join(str(a.get("value")) for a in params["args"]))
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry']['text']}")
        return found

    def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode(
            self.browser.call(
                "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=self.session
            )["data"]
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data
