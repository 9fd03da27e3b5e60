"""A tiny headless-Chromium driver over the DevTools protocol, for the view tests and bench.

One :class:`Browser` (one Chromium process, fresh profile) per session; one :class:`Page` per
test. Every DevTools event is kept on the page so tests can assert what happened: network
requests, console messages, uncaught exceptions and JavaScript dialogs.
Needs ``websocket-client``; Chromium is Debian's ``/usr/bin/chromium``.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import websocket  # websocket-client

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--window-size=1280,800",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


class BrowserError(RuntimeError):
    """Chromium did not start, or a DevTools command failed or timed out."""


class Page:
    """One tab, driven over its own DevTools websocket."""

    def __init__(self, ws_url: str, target_id: str, browser: Browser):
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.target_id = target_id
        self.browser = browser
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")

    # -- protocol -----------------------------------------------------------------------
    def send(self, method: str, timeout: float = 30.0, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its reply, keeping every event that arrives meanwhile."""
        self._next_id += 1
        msg_id = self._next_id
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            if time.monotonic() > deadline:
                raise BrowserError(f"{method}: no reply within {timeout}s")
            message = json.loads(self.ws.recv())
            if message.get("id") == msg_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self._on_event(message)

    def _on_event(self, message: dict[str, Any]) -> None:
        self.events.append(message)
        if message["method"] == "Page.javascriptDialogOpening":
            # Answer the dialog so the page does not hang; the test sees the event.
            self.ws.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog",
                                     "params": {"accept": False}}))

    def pump(self, seconds: float) -> None:
        """Collect events for ``seconds`` (lets timers and redraws run)."""
        self.ws.settimeout(0.05)
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                try:
                    message = json.loads(self.ws.recv())
                except websocket.WebSocketTimeoutException:
                    continue
                if "method" in message:
                    self._on_event(message)
        finally:
            self.ws.settimeout(30)

    # -- conveniences -------------------------------------------------------------------
    def evaluate(self, expression: str) -> Any:
        """Value of a JavaScript expression (JSON-serialisable results only)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str, *, ready: str = "window.kgFirstDrawMs !== undefined",
             timeout: float = 30.0) -> float:
        """Navigate and wait until ``ready`` is true; returns the wall time in seconds."""
        start = time.monotonic()
        self.send("Page.navigate", url=url)
        while not self.evaluate(f"!!({ready})"):
            if time.monotonic() - start > timeout:
                raise BrowserError(f"{url}: not ready within {timeout}s")
            self.pump(0.05)
        return time.monotonic() - start

    def screenshot(self) -> bytes:
        """PNG of the viewport."""
        return base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])

    def mouse_move(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=1)

    # -- what happened ------------------------------------------------------------------
    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries (CSP violations too)."""
        out = []
        for e in self.events:
            p = e["params"]
            if e["method"] == "Runtime.exceptionThrown":
                out.append(json.dumps(p["exceptionDetails"])[:500])
            elif e["method"] == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(p["entry"]["text"])
        return out

    def dialogs(self) -> list[str]:
        return [e["params"].get("message", "") for e in self.events
                if e["method"] == "Page.javascriptDialogOpening"]

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.browser.close_target(self.target_id)


class Browser:
    """A headless Chromium with a fresh profile, listening for DevTools on loopback only."""

    def __init__(self, executable: str = CHROMIUM, *, start_timeout: float = 30.0):
        if not shutil.which(executable):
            raise BrowserError(f"chromium not found at {executable}")
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + start_timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise BrowserError("chromium did not open its DevTools port")
            time.sleep(0.05)
        self.port = int(port_file.read_text().split()[0])
        browser_path = port_file.read_text().split()[1]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{self.port}{browser_path}",
                                              timeout=30, suppress_origin=True)
        self._next_id = 0

    def _send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        self.ws.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})

    def new_page(self) -> Page:
        target_id = self._send("Target.createTarget", url="about:blank")["targetId"]
        return Page(f"ws://127.0.0.1:{self.port}/devtools/page/{target_id}", target_id, self)

    def close_target(self, target_id: str) -> None:
        with contextlib.suppress(BrowserError, OSError, websocket.WebSocketException):
            self._send("Target.closeTarget", targetId=target_id)

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


def drawn_pixels(png: bytes, box: tuple[int, int, int, int],
                 exclude: list[tuple[int, int, int, int]] = ()) -> int:
    """Pixels in ``box`` (left, top, right, bottom) that are not near-white background,
    ignoring the ``exclude`` boxes (overlays such as the legend)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    count = 0
    pixels = image.load()
    assert pixels is not None
    left, top, right, bottom = (max(0, box[0]), max(0, box[1]),
                                min(image.width, box[2]), min(image.height, box[3]))
    for y in range(top, bottom):
        for x in range(left, right):
            if any(a <= x < c and b <= y < d for a, b, c, d in exclude):
                continue
            r, g, b = pixels[x, y]
            if min(r, g, b) < 235:
                count += 1
    return count
