"""Messages per second to an SMTP server on loopback: `publisher send`'s sender (ledger,
personalisation, connection reuse) next to a bare smtplib loop, paired in the same run.

    .venv/bin/python bench/send.py [--messages 1000] [--rounds 3] [--connections 1,4]
                                   [--postgresql URL | --no-postgresql]

The server (aiosmtpd, accepting and discarding) runs in its own process, as a real one
would, so client and server do not share a Python interpreter. Rows, for each number of
connections (each on its own thread):

  bare smtplib           the built .eml sent as it is to each address
  bare + personalise     the same loop, each copy personalised as the sender does it
  publisher send         the real `publisher send` path: the ledger's commits before and
                         after each DATA, personalisation, connection reuse (SQLite)
  publisher send + DKIM  the same, each copy DKIM-signed after personalisation
  PostgreSQL send        `publisher send` with the list in PostgreSQL: a private server
                         started for the run (fsync off, as in the tests: its commits are
                         cheaper than a real server's), or the empty database --postgresql

Every round runs each row once, in an order that turns round by round, so a busy moment on
the machine falls on different rows; a row's "of bare" is the median of its per-round
ratios to the bare loop with as many connections (min-max beside it). "client CPU" is this
process's CPU time per message (the server's is not in it), the figure least moved by
other load. DKIM's own cost is given apart: CPU per signature of one copy.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import smtplib
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from multiprocessing.synchronize import Event
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SECRET = "bench-secret-key-for-signing-links"


def serve(port_queue: multiprocessing.Queue, stop: Event) -> None:  # type: ignore[type-arg]
    import asyncio

    from aiosmtpd.controller import Controller

    class Discard:
        async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
            return "250 OK"

    class Ephemeral(Controller):
        def _trigger_server(self) -> None:
            assert isinstance(self.server, asyncio.Server)
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()  # type: ignore[no-untyped-call]

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
    # not templates/: in the repository it holds the themes themselves, which a copy would
    # make the workspace's overrides (a warning on every build)
    for folder in ("documents", "issues"):
        shutil.copytree(REPO / folder, root / folder)
    configure(root, port)
    report = build(root, formats=["email"])
    return root, report.issues[0]


def configure(root: Path, port: int, **delivery: str) -> None:
    """The bench workspace's [delivery]: the loopback server, plus `delivery` keys. They
    shape no output, so the built email stays current."""
    config = root / "publisher.toml"
    text = config.read_text(encoding="utf-8").split("\n[delivery]")[0]
    keys = {"smtp_host": "127.0.0.1", "smtp_security": "none", **delivery}
    lines = [f'{key} = "{value}"' for key, value in keys.items()]
    config.write_text(
        f"{text}\n[delivery]\nsmtp_port = {port}\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )


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


Timing = tuple[float, float]  # wall seconds, this process's CPU seconds


def timed(run: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def bare(port: int, eml: Path, count: int, personalise: bool, connections: int) -> Timing:
    """smtplib's sendmail in a loop, on `connections` threads each with its own connection,
    sharing one template as the sender's workers do."""
    from publisher.delivery.copies import Template

    raw = eml.read_bytes()
    template = Template.read(eml)
    token = "WzEsIjA0MS1uby1wb3ZlcnR5LXBheSJd.awJObA.wSKEgg98cxlCeALN53RdTTskg1gbWrV2IB49cHB51OQ"

    def loop(share: range) -> None:
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for n in share:
                address = f"reader{n:05}@example.org"
                message = (
                    template.personalise(address, f"<{n}.bench@example.org>", token)
                    if personalise
                    else raw
                )
                smtp.sendmail("bulletin@example.org", [address], message)

    def run() -> None:
        threads = [
            threading.Thread(target=loop, args=(range(k, count, connections),))
            for k in range(connections)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    return timed(run)


@contextmanager
def postgresql(url: str | None) -> Iterator[str]:
    """The given database, or a new one on a private server for this run."""
    if url:
        yield url
        return
    sys.path.insert(0, str(REPO / "tests"))
    from postgresql_support import running_postgresql  # type: ignore[import-not-found,unused-ignore]

    with running_postgresql() as server:
        yield server.new_database()


def publisher_send(root: Path, slug: str, count: int, connections: int) -> Timing:
    from publisher.build import build
    from publisher.delivery.send import SendRequest, send

    build(root, formats=["email"])  # current again if publisher's code changed meanwhile
    add_subscribers(root, count, f"k{connections}")
    report = None

    def run() -> None:
        nonlocal report
        report = send(root, SendRequest(slug, rate=0, connections=connections))

    timing = timed(run)
    assert report is not None and report.counts == {"sent": count}, report
    return timing


def dkim_key() -> str:
    """A fresh 2048-bit RSA key, as [delivery] dkim_key_env holds one (PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def signing_cost(eml: Path, key: str, copies: int = 200) -> tuple[float, float]:
    """CPU milliseconds to personalise one copy, and to DKIM-sign it."""
    from publisher.delivery.copies import Template
    from publisher.delivery.dkim_signer import DkimSigner

    template, signer = Template.read(eml), DkimSigner("bench", "example.org", key.encode())
    token = "WzEsIjA0MS1uby1wb3ZlcnR5LXBheSJd.awJObA.wSKEgg98cxlCeALN53RdTTskg1gbWrV2IB49cHB51OQ"
    start = time.process_time()
    made = [template.personalise(f"r{n}@example.org", f"<{n}@b>", token) for n in range(copies)]
    personalise = time.process_time() - start
    start = time.process_time()
    for message in made:
        signer.sign(message)
    return personalise / copies * 1000, (time.process_time() - start) / copies * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", default="1,4", help="comma-separated (default 1,4)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--postgresql", metavar="URL", help="an empty PostgreSQL database")
    where.add_argument("--no-postgresql", action="store_true", help="SQLite rows only")
    args = parser.parse_args()
    os.environ["PUBLISHER_SECRET_KEY"] = SECRET
    os.environ["PUBLISHER_DKIM_KEY"] = dkim_key()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    n, connections = args.messages, [int(k) for k in args.connections.split(",")]

    ports: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    stop = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(ports, stop), daemon=True)
    server.start()
    port = ports.get(timeout=30)
    root = Path()
    try:
        root, slug = workspace(port)
        eml = root / "dist" / slug / "email.eml"

        def sending(k: int, **delivery: str) -> Callable[[], Timing]:
            def run() -> Timing:
                configure(root, port, **delivery)
                return publisher_send(root, slug, n, k)

            return run

        rows: dict[str, Callable[[], Timing]] = {}
        for k in connections:
            rows[f"bare smtplib ({k})"] = partial(bare, port, eml, n, False, k)
            rows[f"bare + personalise ({k})"] = partial(bare, port, eml, n, True, k)
            rows[f"publisher send ({k})"] = sending(k)
            rows[f"publisher send + DKIM ({k})"] = sending(k, dkim_selector="bench")
        timings: dict[str, list[Timing]] = {name: [] for name in rows}
        names = list(rows)
        for round_ in range(args.rounds):
            turned = names[round_ % len(names) :] + names[: round_ % len(names)]
            for name in turned:
                timings[name].append(rows[name]())
        if not args.no_postgresql:
            with postgresql(args.postgresql) as url:
                for _ in range(args.rounds):
                    for k in connections:
                        name = f"PostgreSQL send ({k})"
                        timings.setdefault(name, []).append(sending(k, database=url)())
        personalise_ms, sign_ms = signing_cost(eml, os.environ["PUBLISHER_DKIM_KEY"])
        size = eml.stat().st_size
    finally:
        stop.set()
        server.join(timeout=10)
        if root != Path():
            shutil.rmtree(root, ignore_errors=True)

    print(
        f"{n} messages of {size / 1024:.0f} KB to aiosmtpd on 127.0.0.1,"
        f" {args.rounds} rounds; medians (min-max)"
    )
    print(f"{'':30}{'msg/s':>18}{'of bare':>18}{'client CPU ms/msg':>20}")
    ratios: dict[str, list[float]] = {}
    for name, runs in timings.items():
        bare_runs = timings[f"bare smtplib {name[name.rindex('(') :]}"]
        rates = [n / wall for wall, _ in runs]
        ratios[name] = [
            b_wall / wall for (wall, _), (b_wall, _) in zip(runs, bare_runs, strict=True)
        ]
        cpu = [c / n * 1000 for _, c in runs]
        print(
            f"{name:30}{spread(rates, '.0f'):>18}{spread(ratios[name], '.0%'):>18}"
            f"{spread(cpu, '.2f'):>20}"
        )
    print(f"personalising one copy: {personalise_ms:.3f} CPU ms; DKIM-signing it: {sign_ms:.2f}")
    goal = statistics.median(ratios[f"publisher send ({connections[0]})"])
    print(f"publisher send, {connections[0]} connection(s): {goal:.0%} of bare (goal: 80%)")
    sys.exit(0 if goal >= 0.8 else 1)


def spread(values: list[float], form: str) -> str:
    """The median with the smallest and largest beside it."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid:{form}} ({low:{form}}-{high:{form}})"


if __name__ == "__main__":
    main()
