"""Start the web app: check the settings, keep Streamlit off the network, run ``app.py``.

``python3 tasks.py run`` and ``huigui serve`` both come here. Before Streamlit starts:

* every setting is checked (:mod:`huigui.settings`), the bank loaded and the database
  opened and migrated, so that a mistake is one ``error:`` line, not a traceback;
* Streamlit's own address look-ups are replaced. Out of the box it asks
  ``checkip.amazonaws.com`` for the machine's public address at every start and again
  whenever a page from another origin opens a WebSocket, and it finds the LAN address by
  "connecting" a UDP socket to 8.8.8.8. Huigui makes no request to any other host, so the
  LAN address comes from the network interfaces (:mod:`huigui.net`) and there is no
  public address to look up;
* the server options Huigui needs are passed as flags (``SERVER_OPTIONS``), so that an
  installed copy without the checkout's ``.streamlit/config.toml`` runs the same way.

Streamlit then prints one URL: the LAN address phones in the room use (it works on this
computer too), named as `browser.serverAddress` so that no public address is looked up.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from streamlit import net_util
from streamlit.web import cli

from scoring import HuiguiError, load_bank

from .net import keep_streamlit_offline
from .settings import checkout_root, load_settings
from .store import Store, connect

__all__ = ["SERVER_OPTIONS", "app_script", "main", "offline_streamlit"]

#: Streamlit options Huigui runs with (the same as the checkout's .streamlit/config.toml).
#: A named server address is printed as it is; unnamed, a headless Streamlit looks up the
#: machine's public address. ``main`` names the LAN address when there is one.
SERVER_OPTIONS: dict[str, str] = {
    "browser.gatherUsageStats": "false",
    "browser.serverAddress": "localhost",
    "server.headless": "true",
    "server.runOnSave": "false",
    "server.fileWatcherType": "none",
    "server.maxUploadSize": "20",
    "runner.postScriptGC": "false",
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "none",
    "theme.primaryColor": "#b5473a",
}


def app_script() -> Path:
    """``app.py``: the checkout's, or the copy packaged beside the app's pages."""
    root = checkout_root()
    if root is not None:
        return root / "app.py"
    return Path(__file__).resolve().parent / "app" / "app.py"


def offline_streamlit() -> str | None:
    """Make Streamlit find this machine's addresses without the network; returns the LAN
    address it will print (None when the machine has only a loopback address)."""
    return keep_streamlit_offline(net_util)


def check() -> None:
    """Load the settings, the bank and the database once, as the app will.

    Raises:
        HuiguiError: the first thing that cannot be used, with what to do.
    """
    settings = load_settings()
    load_bank(settings.bank_path)
    engine = connect(settings.database_url)
    if settings.retention_days is not None:  # HUIGUI_RETENTION_DAYS: delete what is older
        purged = Store(engine).purge(settings.retention_days)
        print(
            f"retention: deleted {purged.assessments} assessment(s), {purged.workshops} "
            f"workshop(s) unchanged for over {settings.retention_days} days",
            file=sys.stderr,
        )
    engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; extra arguments go to ``streamlit run`` (e.g. ``--server.port 8502``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        check()
    except HuiguiError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    lan = offline_streamlit()
    options = dict(SERVER_OPTIONS)
    if lan is not None:
        options["browser.serverAddress"] = lan
        print(
            "Open the URL below, on this computer or on phones and laptops on the same Wi-Fi.",
            file=sys.stderr,
        )
    else:
        print(
            "warning: this computer has no network address other than localhost, so phones "
            "cannot reach it. Join the venue's Wi-Fi (or set HUIGUI_PUBLIC_URL behind a "
            "proxy) and start again.",
            file=sys.stderr,
        )
    flags = [f"--{name}={value}" for name, value in options.items()]
    cli.main(["run", str(app_script()), *flags, *args], prog_name="huigui serve")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
