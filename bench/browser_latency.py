"""What one person waits for in a real browser, against an empty Streamlit page's rerun.

    .venv/bin/python bench/browser_latency.py [--rounds 3] [--floor-clicks 30]
        [--tcp-nodelay] [--profile [--pyinstrument-path DIR] [--profile-dir DIR]] [--json]

Headless Chromium (``/usr/bin/chromium``) against the real server (``python -m
huigui.serve``, SQLite), one user. Each round opens a fresh assessment's questionnaire in a
fresh browser context and clicks through it as a person does:

* answer click → saved: from the click on an answer until the rerun it caused finished and
  was drawn (the app is idle, nothing stale, the question says it was saved); the answer is
  then checked in the store;
* Next → next step drawn: until the next step's heading and progress are drawn;
* "See my results" (key ``finish``) → results drawn: until the results page's radar has
  drawn its profile line; then, back through the page menu and Next, once more with the
  chart code already in the page.

The floor is measured the same way in the same run (before and after the rounds, on a port
of its own): a click on a one-widget page served by ``streamlit run`` with the app's server
options, until its rerun is drawn. Times are taken in the page, from the click event's
``timeStamp`` to the first animation frame at which the condition holds, and split at the
last WebSocket message that arrived before it: the wire (the server's run, the network and
the frontend taking the messages in) and the browser (drawing). Both servers carry a small
hook (``SERVER_HOOK``) that times each script run, so the wire splits once more.

Goals: answer click ≤ 2× the floor; results drawn ≤ 1 s. ``--profile`` runs the server's
script runs under pyinstrument (from ``--pyinstrument-path`` when it is not installed) and
prints where the time goes; ``--profile-dir`` keeps the profiles.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the checkout's packages and tests/support
    sys.path.insert(0, str(ROOT))

from bench.realserver.latency_report import report_data, table  # noqa: E402
from bench.realserver.output import say  # noqa: E402
from bench.realserver.page import chromium, floor_clicks  # noqa: E402
from bench.realserver.questionnaire import rounds  # noqa: E402
from bench.realserver.server_hook import (  # noqa: E402
    SERVER_HOOK,
    collect,
    hooked,
    hooks_folder,
    keep,
    pyinstrument_import,
)
from bench.realserver.servers import NODELAY_HOOK, empty_app, huigui  # noqa: E402
from huigui.store import Store, connect  # noqa: E402
from scoring import bundled_bank_path, load_bank  # noqa: E402


def _measure(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    db_url = f"sqlite:///{folder / 'huigui.db'}"
    engine = connect(db_url)
    store, bank = Store(engine), load_bank(bundled_bank_path())
    nodelay = [NODELAY_HOOK] if args.tcp_nodelay else []
    floor_hooks = hooks_folder(folder / "floor_hooks", *nodelay, SERVER_HOOK)
    server_hooks = hooks_folder(
        folder / "server_hooks", *nodelay, pyinstrument_import(args.pyinstrument_path), SERVER_HOOK
    )
    with (
        chromium() as browser,
        hooked(floor_hooks, False),
        empty_app(folder, floor_hooks) as empty,
    ):
        say("floor (before) …")
        before = floor_clicks(browser, empty.url, args.floor_clicks)
        with (
            hooked(server_hooks, args.profile),
            huigui(db_url, folder / "s.log", server_hooks) as server,
        ):
            say(f"{args.rounds} round(s) through the questionnaire (+1 to warm up) …")
            done = rounds(browser, server, store, bank, args.rounds)
            app_side = collect(server, server_hooks)
            if args.profile_dir:
                keep(app_side, args.profile_dir)
        say("floor (after) …")
        after = floor_clicks(browser, empty.url, args.floor_clicks)
        floor_side = collect(empty, floor_hooks)
    engine.dispose()
    return report_data(args, before, after, done, app_side, floor_side)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: .venv/bin/python bench/browser_latency.py --rounds 3 --profile",
    )
    parser.add_argument("--rounds", type=int, default=3, help="questionnaires clicked through")
    parser.add_argument("--floor-clicks", type=int, default=30)
    parser.add_argument(
        "--tcp-nodelay",
        action="store_true",
        help="diagnostic: give both servers' connections TCP_NODELAY (see ws_load.NODELAY_HOOK)",
    )
    parser.add_argument("--profile", action="store_true", help="profile the server's runs")
    parser.add_argument(
        "--pyinstrument-path", help="a folder holding pyinstrument, if not installed"
    )
    parser.add_argument("--profile-dir", type=Path, help="also write the whole profiles here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="huigui-browser-") as tmp:
        data = _measure(args, Path(tmp))
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else table(data))
    return 0 if all(data["goals"].values()) and not data["unsaved_answers"] else 1


if __name__ == "__main__":
    sys.exit(main())
