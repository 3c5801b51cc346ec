"""The README's screenshots of the console: starts the demo (`datagate serve --demo` in a
fresh data folder), signs in as each role with the demo's principal picker, and saves a PNG
of each main page here, 1280x800, in Chinese.

    .venv/bin/python docs/screenshots/make.py

Needs Playwright for Python (the `test` extra) and Debian's Chromium (`apt-get install -y
chromium fonts-noto-cjk`: without a CJK font the Chinese shows as boxes); Playwright never
downloads a browser. A PNG over 200 KB is reported, so the README stays light."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"
LIMIT = 200 * 1024
# file name, who signs in (None: anonymous), page
SHOTS = [
    ("portal.png", None, "/"),
    ("dataset.png", None, "/datasets/socialInsurance"),
    ("signin.png", None, "/signin"),
    ("inbox.png", "gongan-steward", "/steward/inbox"),
    ("authority.png", "shuju-admin", "/authority"),
    ("workbench.png", "researcher", "/workbench"),
    ("audit.png", "auditor", "/audit"),
    ("citizen.png", "citizen-demo", "/me/consents"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_demo(data_dir: str, port: int) -> subprocess.Popen:
    datagate = Path(sys.executable).with_name("datagate")
    env = {**os.environ, "DATAGATE_DATA_DIR": data_dir}
    server = subprocess.Popen([str(datagate), "serve", "--demo", "--port", str(port),
                               "--people", "500"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the demo did not start within three minutes")


def sign_in(page, principal: str) -> None:
    page.goto("/signin?next=/")
    page.select_option("#principal", principal)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_selector("#signed-in-as")


def main() -> int:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="datagate-shots-") as data_dir:
        server = start_demo(data_dir, port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=["--no-sandbox", "--disable-gpu",
                                                           "--lang=zh-CN"])
                for name, who, path in SHOTS:
                    context = browser.new_context(base_url=f"http://127.0.0.1:{port}",
                                                  viewport={"width": 1280, "height": 800},
                                                  locale="zh-CN")
                    page = context.new_page()
                    if who:
                        sign_in(page, who)
                    page.goto(path)
                    page.screenshot(path=str(HERE / name))
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(30)
    too_big = []
    for name, _, _ in SHOTS:
        size = (HERE / name).stat().st_size
        print(f"{name}: {size // 1024} KB")
        if size > LIMIT:
            too_big.append(name)
    if too_big:
        print(f"over 200 KB: {', '.join(too_big)}", file=sys.stderr)
    return 1 if too_big else 0


if __name__ == "__main__":
    sys.exit(main())
