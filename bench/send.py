"""Messages per second to an SMTP server on loopback: `publisher send`'s sender (ledger,
personalisation, connection reuse) next to a bare smtplib loop, in the same run.

    .venv/bin/python bench/send.py [--messages 1000] [--postgresql URL]

The server (aiosmtpd, accepting and discarding) runs in its own process, as a real one
would, so client and server do not share a Python interpreter. Rows:

  bare smtplib         one connection, the built .eml sent as it is to each address
  bare + personalise   the same loop, each copy personalised as the sender does it
  publisher send       the real `publisher send` path: the ledger's commits before and
                       after each DATA, personalisation, connection reuse
  … (2)                the same two with two connections on two threads
  … PostgreSQL         `publisher send` with the list in PostgreSQL ([delivery] database =
                       "postgresql://…"): a private server started for the run (Debian's
                       postgresql package), or the empty database given with --postgresql.
                       The private server runs with fsync off, as in the tests: its commits
                       are cheaper than a real server's; measure one with --postgresql

The ledger's cost is the difference between "bare + personalise" and "publisher send" with
as many connections, given as a share of the bare rate (and of the personalised loop).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import smtplib
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SECRET = "bench-secret-key-for-signing-links"


def serve(port_queue: multiprocessing.Queue, stop: multiprocessing.Event) -> None:  # type: ignore[type-arg]
    from aiosmtpd.controller import Controller

    class Discard:
        async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
            return "250 OK"

    class Ephemeral(Controller):
        def _trigger_server(self) -> None:
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controller = Ephemeral(Discard(), hostname="127.0.0.1", port=0)
    controller.start()
    port_queue.put(controller.port)
    stop.wait()
    controller.stop()


def workspace(port: int) -> tuple[Path, str]:
    """The repository's example newsletter, email only, sending to the loopback server."""
    from publisher.build import build

    root = Path(tempfile.mkdtemp(prefix="bench-send-"))
    shutil.copy2(REPO / "publisher.toml", root / "publisher.toml")
    for folder in ("documents", "issues", "templates"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    config = root / "publisher.toml"
    text = config.read_text(encoding="utf-8").split("\n[delivery]")[0]
    config.write_text(
        text
        + f'\n[delivery]\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\nsmtp_security = "none"\n',
        encoding="utf-8",
    )
    report = build(root, formats=["email"])
    return root, report.issues[0]


def add_subscribers(root: Path, count: int, tag: str) -> None:
    from publisher.config import load_config
    from publisher.delivery.store import open_database, transaction

    db = open_database(load_config(root).delivery.database_path(root))
    with transaction(db):
        db.execute("DELETE FROM deliveries")
        db.execute("DELETE FROM sends")
        db.execute("DELETE FROM subscribers")
        db.executemany(
            "INSERT INTO subscribers (address, status, created_at, updated_at)"
            " VALUES (?, 'active', '', '')",
            [(f"reader{n:05}.{tag}@example.org",) for n in range(count)],
        )
    db.close()


def bare(port: int, eml: Path, count: int, personalise: bool, connections: int = 1) -> float:
    """smtplib's sendmail in a loop, on `connections` threads each with its own connection."""
    from publisher.delivery.copies import Template

    raw = eml.read_bytes()
    token = "WzEsIjA0MS1uby1wb3ZlcnR5LXBheSJd.awJObA.wSKEgg98cxlCeALN53RdTTskg1gbWrV2IB49cHB51OQ"

    def loop(share: range) -> None:
        template = Template.read(eml)
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for n in share:
                address = f"reader{n:05}@example.org"
                message = (
                    template.personalise(address, f"<{n}.bench@example.org>", token)
                    if personalise
                    else raw
                )
                smtp.sendmail("bulletin@example.org", [address], message)

    threads = [
        threading.Thread(target=loop, args=(range(k, count, connections),))
        for k in range(connections)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def use_database(root: Path, database: str) -> None:
    """[delivery] database = DATABASE in the bench workspace's publisher.toml."""
    config = root / "publisher.toml"
    lines = [
        line
        for line in config.read_text(encoding="utf-8").splitlines()
        if not line.startswith("database = ")
    ]
    index = lines.index("[delivery]") + 1
    lines.insert(index, f'database = "{database}"')
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def postgresql(url: str | None) -> Iterator[str]:
    """The given database, or a new one on a private server for this run."""
    if url:
        yield url
        return
    sys.path.insert(0, str(REPO / "tests"))
    from postgresql_support import running_postgresql

    with running_postgresql() as server:
        yield server.new_database()


def publisher_send(root: Path, slug: str, count: int, connections: int) -> float:
    from publisher.delivery.send import SendRequest, send

    add_subscribers(root, count, f"k{connections}")
    start = time.perf_counter()
    report = send(root, SendRequest(slug, rate=0, connections=connections))
    elapsed = time.perf_counter() - start
    assert report.counts == {"sent": count}, report.counts
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument(
        "--postgresql", metavar="URL", help="an empty PostgreSQL database to use (default: own)"
    )
    args = parser.parse_args()
    os.environ["PUBLISHER_SECRET_KEY"] = SECRET
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")

    ports: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    stop = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(ports, stop), daemon=True)
    server.start()
    port = ports.get(timeout=30)
    try:
        root, slug = workspace(port)
        eml = root / "dist" / slug / "email.eml"
        n = args.messages
        rows = [
            ("bare smtplib", bare(port, eml, n, personalise=False)),
            ("bare + personalise", bare(port, eml, n, personalise=True)),
            ("publisher send", publisher_send(root, slug, n, 1)),
            ("bare + personalise (2)", bare(port, eml, n, personalise=True, connections=2)),
            ("publisher send (2)", publisher_send(root, slug, n, 2)),
        ]
        with postgresql(args.postgresql) as url:
            use_database(root, url)
            rows += [
                ("PostgreSQL send", publisher_send(root, slug, n, 1)),
                ("PostgreSQL send (2)", publisher_send(root, slug, n, 2)),
            ]
    finally:
        stop.set()
        server.join(timeout=10)
    rates = {name: n / seconds for name, seconds in rows}
    base = rates["bare smtplib"]
    print(f"{n} messages of {eml.stat().st_size / 1024:.0f} KB to aiosmtpd on 127.0.0.1")
    print(f"{'':24}{'seconds':>9}{'msg/s':>9}{'of bare':>9}")
    for name, seconds in rows:
        print(f"{name:24}{seconds:9.2f}{rates[name]:9.0f}{rates[name] / base:9.0%}")
    costs = []
    for suffix, label in (("", "1 connection"), (" (2)", "2 connections")):
        lost = rates[f"bare + personalise{suffix}"] - rates[f"publisher send{suffix}"]
        per_message = rows_seconds(rows, f"publisher send{suffix}") - rows_seconds(
            rows, f"bare + personalise{suffix}"
        )
        costs.append(lost / base)
        print(
            f"ledger cost, {label}: {lost:.0f} msg/s = {lost / base:.0%} of the bare rate"
            f" ({per_message / n * 1000:.2f} ms a message;"
            f" {lost / rates[f'bare + personalise{suffix}']:.0%} of the personalised loop)"
        )
    shutil.rmtree(root, ignore_errors=True)
    sys.exit(0 if max(costs) < 0.25 else 1)


def rows_seconds(rows: list[tuple[str, float]], name: str) -> float:
    return dict(rows)[name]


if __name__ == "__main__":
    main()
