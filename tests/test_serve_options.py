"""``huigui serve`` hands what follows it to Streamlit, as its help and the README say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from huigui.cli import main

from .browser.conftest import free_port
from .test_offline_server import _wait_healthy

HUIGUI = str(Path(sys.executable).parent / "huigui")


def test_options_after_serve_reach_streamlit(monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve --server.port 8611`` and ``serve -- --server.port 8612`` pass the options on;
    ``serve --help`` is still the command line's help."""
    import huigui.serve

    seen: list[list[str]] = []
    monkeypatch.setattr(huigui.serve, "main", lambda args: seen.append(list(args)) or 0)
    assert main(["serve", "--server.port", "8611", "--server.headless", "true"]) == 0
    assert main(["serve", "--", "--server.port", "8612"]) == 0
    assert main(["serve"]) == 0
    assert seen == [
        ["--server.port", "8611", "--server.headless", "true"],
        ["--server.port", "8612"],
        [],
    ]
    with pytest.raises(SystemExit) as shown:
        main(["serve", "--help"])
    assert shown.value.code == 0


@pytest.mark.slow
def test_the_server_listens_on_the_port_given(tmp_path: Path) -> None:
    """The real ``huigui serve --server.port P`` answers on P."""
    port = free_port()
    env = {**os.environ, "HUIGUI_DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}"}
    env.pop("HUIGUI_BANK", None)
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [HUIGUI, "serve", "--server.port", str(port), "--server.headless", "true"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_healthy(f"http://127.0.0.1:{port}", proc, log)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
