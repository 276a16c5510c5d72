"""Benchmark: publisher's builds next to the floor of the same work done directly, paired.

    .venv/bin/python bench/build.py            # everything (about 20 minutes on 2 cores)
    .venv/bin/python bench/build.py --quick    # the example, a 100-document archive, check

What it measures, each in a fresh process (start-up included):
- the example issue's cold build against the floor: one serial process doing pandoc for
  each document, one WeasyPrint PDF with a minimal stylesheet, one pandoc EPUB and a
  feedgen feed. Floor and build run in pairs, in turn (which goes first alternates), over
  --rounds rounds; each pair gives a wall ratio and a CPU ratio, reported as medians with
  min-max, so a busy moment on the machine moves one pair, not the comparison;
- no-op rebuilds of the example and of generated archives (100, and 1,000 documents in the
  full run), and a rebuild after one document changed;
- `publisher --help`'s start-up;
- a 1 MB document built to every format (full run): time and memory;
- `publisher check` on the built example: the first run (nothing remembered), a second run
  with nothing changed, and each validator alone, in its own process.

CPU is user + system time of the whole process tree (every child the build waited for).
Peak memory is sampled from /proc every 20 ms: the largest resident set of one process of
each kind (the build's own Python process, its forked render workers (WeasyPrint lays out
PDFs there), pandoc) and the largest sum over the tree at one moment.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PUBLISHER = str(REPO / ".venv" / "bin" / "publisher")
EPOCH = "1767225600"
ENV = {"SOURCE_DATE_EPOCH": EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}

BUILD = (
    "from pathlib import Path; import sys; from publisher.build import build;"
    " print(len(build(Path(sys.argv[1])).rendered))"
)

# The floor: pandoc for each document, one WeasyPrint PDF, one pandoc EPUB, one feedgen feed.
FLOOR = """
import json, sys, tempfile
from pathlib import Path
import pypandoc, weasyprint
from feedgen.feed import FeedGenerator
CSS = weasyprint.CSS(string="@page { size: A5; margin: 15mm } body { font: 10pt serif }")
feed = FeedGenerator(); feed.id("https://example.org/"); feed.title("Feed"); feed.link(href="https://example.org/"); feed.description("Feed")
for number, issue in enumerate(json.loads(sys.argv[1])):
    documents = [Path(p) for p in issue]
    bodies = [pypandoc.convert_file(str(d), "html5", format="markdown" if d.suffix in (".md", ".txt") else d.suffix.lstrip(".")) for d in documents]
    html = "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Issue</title></head><body>" + "".join(f"<article>{b}</article>" for b in bodies) + "</body></html>"
    weasyprint.HTML(string=html).write_pdf(stylesheets=[CSS])
    with tempfile.TemporaryDirectory() as tmp:
        pypandoc.convert_text(html, "epub3", format="html", outputfile=f"{tmp}/issue.epub", extra_args=["--metadata=title:Issue"])
    entry = feed.add_entry(); entry.id(f"https://example.org/{number}/"); entry.title("Issue"); entry.link(href=f"https://example.org/{number}/"); entry.content(html, type="html")
feed.atom_str(); feed.rss_str()
"""

# One check alone, nothing remembered: its time is the validator's.
ONE_CHECK = """
import sys
from pathlib import Path
from publisher.checks import Target, run_checks
from publisher.config import load_config
root = Path(sys.argv[1]); config = load_config(root)
slugs = tuple(sorted(p.name for p in config.dist_dir.iterdir() if p.is_dir() and p.name[:1].isdigit()))
run_checks(Target(config, config.dist_dir, slugs), [sys.argv[2]], only=[sys.argv[3]])
"""


@dataclass
class Run:
    wall: float
    cpu: float
    peaks: dict[str, float] = field(default_factory=dict)  # MB: per kind, and "tree"
    output: str = ""  # what it printed (a build: how many outputs it rendered)
    service_cpu: float = 0.0  # s: the validator service's, while it ran (a check)


def measured(argv: Sequence[str], cwd: Path = REPO) -> Run:
    """Run `argv` to the end: wall and CPU of its process tree, and its memory peaks."""
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=output, stderr=errors)
        sampler = Sampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        if process.returncode:
            errors.seek(0)
            sys.exit(f"{' '.join(argv[:4])} … failed:\n{errors.read().decode()[-2000:]}")
        output.seek(0)
        printed = output.read().decode().strip()
    return Run(wall, usage.ru_utime + usage.ru_stime, sampler.peaks(), printed)


class Sampler(threading.Thread):
    """Largest resident set per process kind, and of the whole tree, every 20 ms."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.seen: dict[int, tuple[str, float]] = {}  # pid: (kind, peak MB)
        self.tree = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.02):
            total = 0.0
            for pid in process_tree(self.root):
                kind, rss, hwm = self._status(pid)
                if kind:
                    total += rss
                    self.seen[pid] = (kind, max(hwm, self.seen.get(pid, ("", 0.0))[1]))
            self.tree = max(self.tree, total)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def peaks(self) -> dict[str, float]:
        peaks = {"tree": self.tree}
        for kind, peak in self.seen.values():
            peaks[kind] = max(peaks.get(kind, 0.0), peak)
        return peaks

    def _status(self, pid: int) -> tuple[str, float, float]:
        try:
            with open(f"/proc/{pid}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            return "", 0.0, 0.0
        name = fields.get("Name", "").strip()
        kind = (
            "python" if pid == self.root else "pandoc" if name == "pandoc" else f"workers ({name})"
        )
        rss, hwm = (int(fields.get(key, "0 kB").split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))
        return kind, rss, hwm


def process_tree(root: int) -> list[int]:
    """`root` and every process below it, as /proc lists each one's children."""
    pids, found = [root], []
    while pids:
        pid = pids.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pids += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return found


def spread(values: Sequence[float], form: str) -> str:
    """The median with the smallest and largest beside it."""
    return f"{statistics.median(values):{form}} ({min(values):{form}}-{max(values):{form}})"


def fresh_copy(source: Path, target: Path) -> Path:
    """The workspace without its outputs or remembered work: a cold build's starting point."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("dist", ".publisher"))
    return target


def example_workspace(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("publisher.toml", "documents", "issues"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    # The example issue alone: the benchmark's unit of "an issue, all formats", in its
    # original language only, as the floor makes it (its Spanish edition would be the same
    # work again, which the floor does not do).
    for manifest in (root / "issues").glob("*.yaml"):
        if not manifest.name.startswith("041"):
            manifest.unlink()
        else:
            import yaml  # PyYAML, installed with publisher

            plan = yaml.safe_load(manifest.read_text())
            plan.pop("editions", None)
            manifest.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False))
    return root


WORDS = [
    "workers",
    "union",
    "strike",
    "wages",
    "rent",
    "harbour",
    "dockers",
    "solidarity",
    "meeting",
    "council",
    "picket",
    "contract",
    "hospital",
    "cleaners",
    "outsourcing",
    "pay",
    "demand",
    "march",
    "rally",
    "leaflet",
    "statement",
    "report",
    "members",
    "branch",
    "committee",
    "vote",
    "shift",
    "hours",
    "safety",
    "housing",
    "tenants",
    "landlord",
    "repairs",
    "school",
    "transport",
]


def generated_archive(root: Path, documents: int, per_issue: int = 10) -> Path:
    """`documents` Markdown articles in issues of `per_issue`, deterministic text; every
    fifth links an article of an earlier issue (resolved against the whole archive)."""
    rng = random.Random(documents)
    (root / "documents").mkdir(parents=True)
    (root / "issues").mkdir()
    shutil.copy2(REPO / "publisher.toml", root / "publisher.toml")
    if (REPO / "documents" / "media").is_dir():  # the logo publisher.toml may name
        shutil.copytree(REPO / "documents" / "media", root / "documents" / "media")
    for n in range(documents):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 120))).capitalize() + "."
            for _ in range(rng.randint(4, 9))
        ]
        if n >= per_issue and n % 5 == 0:  # as editors write: a link to an earlier issue's article
            paragraphs[0] += f" As [we reported](doc-{rng.randrange(n - n % per_issue):04d}.md)."
        tags = sorted(rng.sample(WORDS[:12], 2))
        (root / "documents" / f"doc-{n:04d}.md").write_text(
            f"---\ntitle: Article {n} on {rng.choice(WORDS)}\nauthors: [Author {n % 37}]\n"
            f"date: 2026-01-{1 + n % 28:02d}\ntags: [{', '.join(tags)}]\n---\n\n"
            + "\n\n## A section\n\n".join(paragraphs)
            + "\n"
        )
    for issue in range(max(documents // per_issue, 1)):
        refs = ", ".join(
            f"doc-{issue * per_issue + k:04d}" for k in range(min(per_issue, documents))
        )
        (root / "issues" / f"{issue + 1:03d}-issue.yaml").write_text(
            f"number: {issue + 1}\ntitle: Issue {issue + 1}\n"
            f"date: 2026-{1 + issue // 28 % 12:02d}-{1 + issue % 28:02d}\n"
            f"sections:\n  - title: Articles\n    documents: [{refs}]\n"
        )
    return root


def one_megabyte_document(root: Path) -> Path:
    """One issue of one Markdown document of 1 MB: headings, paragraphs, lists, a table."""
    generated_archive(root, 1)
    rng = random.Random(1)
    document = root / "documents" / "doc-0000.md"
    text = [document.read_text()]
    size = len(text[0])
    while size < 1_000_000:
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(80, 160)))
        block = f"## {rng.choice(WORDS).title()}\n\n{words.capitalize()}.\n\n- {words[:60]}\n- {words[60:120]}\n\n"
        text.append(block)
        size += len(block)
    document.write_text("".join(text))
    return root


def one_megabyte_pdf_text(root: Path) -> Path:
    """One issue of one `.txt` of 1 MB as text copied out of a PDF comes: a column 45
    characters wide, a word broken with a hyphen at every fourth line's end (what
    `readers.broken_words` joins again)."""
    generated_archive(root, 1)
    rng = random.Random(2)
    (root / "documents" / "doc-0000.md").unlink()
    lines, line, size = ["Copied out of a PDF", ""], "", 0
    while size < 1_000_000:
        word = rng.choice(WORDS)
        if len(line) + 1 + len(word) <= 45:
            line = f"{line} {word}".strip()
            continue
        if len(lines) % 4 == 0 and len(word) > 5:  # broken as a justified column breaks it
            half = len(word) // 2
            lines.append(f"{line} {word[:half]}-")
            line = word[half:]
        else:
            lines.append(line)
            line = word
        size += len(lines[-1]) + 1
        if rng.random() < 0.05:
            lines[-1] += "."
            lines.append("")
    (root / "documents" / "doc-0000.txt").write_text("\n".join([*lines, line]) + "\n")
    return root


def issue_documents(root: Path, manifest_prefix: str) -> list[Path]:
    """The document files an issue's manifest lists, for the floor to convert."""
    import yaml

    manifest = yaml.safe_load(next((root / "issues").glob(f"{manifest_prefix}*.yaml")).read_text())
    stems = [ref for section in manifest["sections"] for ref in section["documents"]]
    return [next((root / "documents").glob(f"{stem}.*")) for stem in stems]


def build(root: Path) -> Run:
    return measured([PYTHON, "-c", BUILD, str(root)])


def paired(example: Path, scratch: Path, rounds: int) -> dict[str, list[Run]]:
    """Floor and cold build of the example, in pairs whose order alternates."""
    issues = json.dumps([[str(p) for p in issue_documents(example, "041")]])
    runs: dict[str, list[Run]] = {"floor": [], "build": []}
    for round_ in range(rounds):
        order = ["floor", "build"] if round_ % 2 == 0 else ["build", "floor"]
        for kind in order:
            if kind == "floor":
                runs["floor"].append(measured([PYTHON, "-c", FLOOR, issues]))
            else:
                runs["build"].append(build(fresh_copy(example, scratch)))
    return runs


def cli_build(root: Path) -> Run:
    """`publisher build`, as an editor runs it (a no-op is answered from its stamp)."""
    run = measured([PUBLISHER, "-C", str(root), "build"])
    rendered = re.search(r"(\d+) output\(s\) rendered", run.output)
    return dataclasses.replace(run, output=rendered.group(1) if rendered else run.output)


def rebuilds(root: Path, rounds: int) -> dict[str, list[Run]]:
    """A cold build, then no-op rebuilds (the library's, which decides job by job, and the
    command's), then rebuilds after one document changed."""
    cold = build(root)
    # Untimed: if publisher's code changed meanwhile (a shared checkout), this renders again;
    # a no-op line that still shows "rendered" above 0 had its code changed mid-round.
    build(root)
    noop = [build(root) for _ in range(rounds)]
    time.sleep(2.1)  # the command stamps a no-op only when its inputs are over 2 s old
    cli_build(root)  # untimed: this one records the stamp
    noop_command = [cli_build(root) for _ in range(rounds)]
    changed = []
    # an original in use (a translation the issue has no edition for would change nothing)
    document = next(p for p in sorted((root / "documents").glob("*.md")) if "." not in p.stem)
    for round_ in range(max(rounds // 2, 1)):
        document.write_text(document.read_text() + f"\nOne more sentence ({round_}).\n")
        changed.append(build(root))
    return {
        "cold": [cold],
        "no-op (library)": noop,
        "no-op (command)": noop_command,
        "one changed": changed,
    }


def checks(root: Path) -> dict[str, Run]:
    """`publisher check` with nothing remembered (the validator service not running yet,
    then running), again with nothing changed, and each validator alone. The service's own
    CPU (a process of its own, with EPUBCheck, the Nu checker and Ace) is told apart."""
    from publisher.formats import formats

    check = [PUBLISHER, "-C", str(root), "check", "--no-build"]
    stop_service = [PYTHON, "-c", "from publisher.checks import service; service.stop()"]
    checked = root / ".publisher" / "checked.json"  # the last check's report (uptodate.py)

    def forget_checks() -> None:
        shutil.rmtree(root / ".publisher" / "cache" / "checks", ignore_errors=True)
        checked.unlink(missing_ok=True)

    def with_service(argv: Sequence[str]) -> Run:
        before = service_cpu()
        run = measured(argv)
        return dataclasses.replace(run, service_cpu=service_cpu() - before)

    measured(stop_service)
    forget_checks()
    found = {"check, first run, service starting": with_service(check)}
    forget_checks()
    found["check, first run, service running"] = with_service(check)
    found["check, nothing changed"] = with_service(check)
    checked.unlink()  # as after any change: each output's findings are still remembered
    found["check, report forgotten"] = with_service(check)
    # A process that checks nothing: what every line below pays before its validator.
    found["start-up, no check"] = measured([PYTHON, "-c", ONE_CHECK, str(root), "web", "-"])
    for format_ in formats().values():
        for spec in format_.checks:
            found[f"{format_.name}: {spec.name}"] = with_service(
                [PYTHON, "-c", ONE_CHECK, str(root), format_.name, spec.name]
            )
    measured(stop_service)  # not left idling after the benchmark
    return found


def service_cpu() -> float:
    """CPU seconds so far of every validator service and the processes below it (the Nu
    checker's JVM, Ace's Node and browser), with the children each has waited for."""
    services = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if b"publisher.checks.daemon" in (entry / "cmdline").read_bytes():
                services.append(int(entry.name))
        except OSError:
            continue
    return sum(_cpu_seconds(pid) for service in services for pid in process_tree(service))


def _cpu_seconds(pid: int) -> float:
    """A process's user and system time, with its waited-for children's; 0 once it ended."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def help_startup() -> list[Run]:
    return [measured([PUBLISHER, "--help"]) for _ in range(7)]


def peak_line(runs: Sequence[Run]) -> str:
    kinds = sorted({kind for run in runs for kind in run.peaks})
    return ", ".join(f"{kind} {max(run.peaks.get(kind, 0) for run in runs):.0f}" for kind in kinds)


def report_rows(title: str, rows: dict[str, list[Run]], goals: dict[str, str]) -> None:
    print(f"\n{title}")
    print(f"  {'':26}{'wall s':>22}{'CPU s':>22}  peak MB")
    for name, runs in rows.items():
        wall = spread([r.wall for r in runs], ".3f")
        cpu = spread([r.cpu for r in runs], ".3f")
        goal = f"  (goal {goals[name]})" if name in goals else ""
        rendered = ",".join(r.output for r in runs if r.output.isdigit())
        rendered = f"  rendered {rendered}" if rendered else ""
        print(f"  {name:26}{wall:>22}{cpu:>22}  {peak_line(runs)}{rendered}{goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="example, 100 documents, check")
    parser.add_argument("--rounds", type=int, help="pairs of floor and build (default 5, quick 3)")
    options = parser.parse_args()
    rounds = options.rounds or (3 if options.quick else 5)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="publisher-bench-") as tmp:
        scratch = Path(tmp)
        example = example_workspace(scratch / "example")
        pairs = paired(example, scratch / "example-build", rounds)
        wall = [b.wall / f.wall for f, b in zip(pairs["floor"], pairs["build"], strict=True)]
        cpu = [b.cpu / f.cpu for f, b in zip(pairs["floor"], pairs["build"], strict=True)]
        report_rows(f"Example issue, cold, {rounds} pairs", pairs, {})
        print(f"  build / floor, wall: {spread(wall, '.2f')}  (goal ≤ 1.0)")
        print(f"  build / floor, CPU:  {spread(cpu, '.2f')}  (goal ≤ 1.5)")

        built = scratch / "example-build"  # the last cold build
        goals = {"no-op (command)": "≤ 0.2 s"}
        report_rows("Example issue, rebuilds", rebuilds(fresh_copy(example, built), rounds), goals)
        report_rows("`publisher --help`", {"--help": help_startup()}, {"--help": "≤ 0.1 s"})

        for size in [100] if options.quick else [100, 1000]:
            archive = generated_archive(scratch / f"archive-{size}", size)
            goals = {"no-op (command)": "≤ 0.5 s"} if size == 1000 else {}
            report_rows(f"Archive of {size} documents", rebuilds(archive, rounds), goals)

        if not options.quick:
            big = one_megabyte_document(scratch / "one-megabyte")
            size_mb = (big / "documents" / "doc-0000.md").stat().st_size / 1e6
            report_rows(
                f"One document of {size_mb:.1f} MB, every format",
                {"cold": [build(big)]},
                {"cold": "≤ 40 s, ≤ 1 GB per process"},
            )
            pasted = one_megabyte_pdf_text(scratch / "one-megabyte-pdf-text")
            report_rows(
                "One .txt of 1 MB copied out of a PDF's columns, every format",
                {"cold": [build(pasted)]},
                {"cold": "≤ 40 s, ≤ 1 GB per process"},
            )

        found = checks(built)
        print("\n`publisher check` on the built example (goals: first ≤ 5 s, unchanged ≤ 1 s)")
        print(f"  {'':48}{'wall s':>10}{'CPU s':>10}  {'CPU s in the validator service':>10}")
        for name, run in found.items():
            print(f"  {name:48}{run.wall:10.2f}{run.cpu:10.2f}  {run.service_cpu:10.2f}")
    print(f"\n(benchmark ran {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
