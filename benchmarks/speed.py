"""How much slower is a full ``augury ingest`` than the bare spaCy pipeline?

    python benchmarks/speed.py [--split test] [--n-process 2] [--repeat 1] [--json OUT]

The PolNeAR texts of a split are written as .txt files to a temporary folder.
Then, each as its own subprocess and measured the same way:

  (a) the bare spaCy pipeline: read the files, ``nlp.pipe(texts, n_process=N)``;
  (b) ``augury ingest FOLDER --db sqlite:///<tmp>/bench.db`` into a fresh database.

Both wall times include interpreter start-up and model loading. The target is
(b)/(a) <= 1.5. Memory is the peak RSS reported by ``getrusage(RUSAGE_CHILDREN)``
(the largest single process of the tree) plus a sampled peak of the whole tree's
summed PSS (shared pages split between the processes that share them).
README.md in this folder has the details.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import POLNEAR_SPLITS, polnear_texts, resolve_dataset

TARGET_RATIO = 1.5
# Flags that `augury ingest` may use for its number of parser processes, in order.
PROCESS_FLAGS = ("--n-process", "--processes", "--workers", "--jobs")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# --------------------------------------------------------------------------- measuring


def _tree_pss_bytes(root: int) -> int | None:
    """Summed memory (PSS) of ``root`` and all its descendants (Linux /proc)."""
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return None
    children: dict[int, list[int]] = {}
    for entry in entries:
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may hold spaces or parentheses: parse after the last ")".
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        total += _pss_bytes(pid)
    return total


def _pss_bytes(pid: int) -> int:
    """Proportional set size of one process (shared pages split between their users).

    Summing RSS over forked workers would count the shared model weights once per
    worker; PSS does not. Falls back to RSS where smaps_rollup is missing.
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE_SIZE
    except OSError:
        return 0


def measure(cmd: list[str]) -> dict:
    """Run ``cmd`` to its end: wall time, CPU, peak RSS (getrusage), peak tree PSS, output.

    Call this in a fresh process (see ``measured``): RUSAGE_CHILDREN keeps the
    high-water mark of every child ever waited for, so runs cannot share a process.
    """
    peak_tree = [0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss = _tree_pss_bytes(proc.pid)
            if pss is None:
                peak_tree[0] = -1
                return
            peak_tree[0] = max(peak_tree[0], pss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    max_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # Linux: KiB
    return {
        "cmd": cmd,
        "returncode": proc.returncode,
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "max_rss_bytes": max_rss,
        "peak_tree_pss_bytes": peak_tree[0] if peak_tree[0] > 0 else None,
        "stdout": stdout,
        "stderr": stderr[-4000:],
    }


def measured(cmd: list[str]) -> dict:
    """``measure(cmd)`` inside a fresh helper process, so that each run's memory is its own."""
    helper = [sys.executable, __file__, "_measure", "--", *cmd]
    out = subprocess.run(helper, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"measuring helper failed: {out.stderr.strip()}")
    return json.loads(out.stdout)


def bare_pipeline(folder: str, n_process: int, batch_size: int, model: str | None) -> None:
    """(a): read every .txt in ``folder`` and run it through nlp.pipe; print timings as JSON."""
    t0 = time.perf_counter()
    from augury import nlp as augury_nlp

    nlp = augury_nlp.load(model)
    t1 = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    t2 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    t3 = time.perf_counter()
    print(json.dumps({"articles": n, "load_s": t1 - t0, "read_s": t2 - t1, "pipe_s": t3 - t2}))


# --------------------------------------------------------------------------- the CLI under test


def ingest_command(
    folder: Path, db_url: str, n_process: int, model: str | None = None
) -> tuple[list[str] | None, str]:
    """The ``augury ingest`` command line to time, or None and the reason it is missing."""
    if importlib.util.find_spec("augury") is None:
        return None, "the augury package is not installed in this Python"
    if importlib.util.find_spec("augury.cli") is None:
        return None, "augury has no command line yet (augury/cli.py is missing)"
    if importlib.util.find_spec("augury.__main__") is not None:
        base = [sys.executable, "-m", "augury"]
    else:
        script = Path(sys.executable).with_name("augury")
        found = str(script) if script.exists() else shutil.which("augury")
        if not found:
            return None, "neither `python -m augury` nor an `augury` script is available"
        base = [found]
    probe = subprocess.run([*base, "ingest", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        why = (probe.stderr or probe.stdout).strip().splitlines()
        return None, f"`augury ingest --help` failed: {why[-1] if why else probe.returncode}"
    cmd = [*base, "ingest", str(folder), "--db", db_url]
    notes = []
    if "--quiet" in probe.stdout:
        cmd.append("--quiet")
    if model:
        cmd += ["--model", model]
    flag = next((f for f in PROCESS_FLAGS if f in probe.stdout), None)
    if flag:
        cmd += [flag, str(n_process)]
    else:
        notes.append("ingest has no process-count option; it runs with its own default")
    return cmd, "; ".join(notes)


def stored_rows(db_path: Path) -> dict[str, int]:
    """Row counts of the main tables of the SQLite file, as a check that ingest stored work."""
    if not db_path.exists():
        return {}
    with sqlite3.connect(db_path) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name IN ('articles', 'speakers', 'statements')"
            )
        ]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


# --------------------------------------------------------------------------- running


def run(args: argparse.Namespace) -> dict:
    root = resolve_dataset("polnear", args.data, marker=f"data/{args.split}/text")
    texts = polnear_texts(root, args.split)
    if args.limit:
        texts = texts[: args.limit]
    cpus = os.cpu_count() or 1
    workdir = Path(tempfile.mkdtemp(prefix="augury-speed-"))
    folder = workdir / "articles"
    folder.mkdir()
    for name, text in texts:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    chars = sum(len(t) for _, t in texts)
    print(
        f"PolNeAR {args.split}: {len(texts)} articles, {chars:,} characters, "
        f"n_process {args.n_process}, {cpus} CPUs, best of {args.repeat}; files in {folder}",
        file=sys.stderr,
    )
    model = [args.model] if args.model else []
    # Warm the file cache so that neither run pays for reading the model from disk.
    warm = "from augury import nlp; nlp.load(*__import__('sys').argv[1:])"
    subprocess.run([sys.executable, "-c", warm, *model], check=False, capture_output=True)

    bare_cmd = [
        sys.executable, __file__, "_bare", str(folder), "--n-process", str(args.n_process),
        "--batch-size", str(args.batch_size), *(["--model", args.model] if args.model else []),
    ]  # fmt: skip
    result: dict = {
        "split": args.split,
        "articles": len(texts),
        "characters": chars,
        "n_process": args.n_process,
        "cpus": cpus,
        "repeat": args.repeat,
        "target_ratio": TARGET_RATIO,
    }
    try:
        bare = best_of(args.repeat, lambda: measured(bare_cmd))
        if bare["returncode"] != 0:
            print(f"(a) the bare pipeline failed:\n{bare['stderr']}", file=sys.stderr)
            sys.exit(1)
        bare["inner"] = json.loads(bare["stdout"].strip().splitlines()[-1])
        result["bare"] = bare

        ingest = None
        for attempt in range(args.repeat):
            db_path = workdir / f"bench-{attempt}.db"
            cmd, note = ingest_command(folder, f"sqlite:///{db_path}", args.n_process, args.model)
            if cmd is None:
                note += "; run this again once `augury ingest` works"
                print(f"(b) skipped: {note}", file=sys.stderr)
                result["ingest_skipped"] = note
                break
            if note:
                print(f"(b) note: {note}", file=sys.stderr)
            run_b = measured(cmd)
            run_b["rows"] = stored_rows(db_path)
            if run_b["returncode"] not in (0, 2):  # 2: some inputs skipped, the rest stored
                print(f"(b) `{' '.join(cmd)}` failed:\n{run_b['stderr']}", file=sys.stderr)
                last = run_b["stderr"].strip().splitlines() or [f"exit {run_b['returncode']}"]
                result["ingest_failed"] = {"cmd": cmd, "error": last[-1]}
                break
            if ingest is None or run_b["wall_s"] < ingest["wall_s"]:
                ingest = run_b
        if ingest:
            result["ingest"] = ingest
            result["ratio"] = ingest["wall_s"] / bare["wall_s"]
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print_report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    return result


def best_of(n: int, run_once) -> dict:
    runs = [run_once() for _ in range(max(1, n))]
    return min(runs, key=lambda r: r["wall_s"])


def _mb(n: int | None) -> str:
    return f"{n / 2**20:,.0f} MB" if n else "n/a"


def print_report(result: dict) -> None:
    n = result["articles"]
    print(
        f"\nPolNeAR {result['split']}: {n} articles, {result['characters']:,} characters; "
        f"n_process {result['n_process']} on {result['cpus']} CPUs; best of {result['repeat']}"
    )
    print(
        f"{'':24} {'wall':>8} {'articles/s':>11} {'CPU':>8} "
        f"{'peak RSS, largest process':>26} {'peak PSS, tree':>15}"
    )
    rows = [("(a) spaCy nlp.pipe", result.get("bare")), ("(b) augury ingest", result.get("ingest"))]
    for label, r in rows:
        if not r:
            print(f"{label:24} {'failed' if 'ingest_failed' in result else 'skipped':>8}")
            continue
        print(
            f"{label:24} {r['wall_s']:7.1f}s {n / r['wall_s']:11.2f} {r['cpu_s']:7.1f}s "
            f"{_mb(r['max_rss_bytes']):>26} {_mb(r['peak_tree_pss_bytes']):>15}"
        )
    inner = result["bare"]["inner"]
    print(
        f"(a) inside the process: load {inner['load_s']:.1f}s, read {inner['read_s']:.2f}s, "
        f"nlp.pipe {inner['pipe_s']:.1f}s ({n / inner['pipe_s']:.2f} articles/s)"
    )
    if "ingest_failed" in result:
        print(f"(b) failed: {result['ingest_failed']['error']}")
    if "ingest_skipped" in result:
        print(f"(b) skipped: {result['ingest_skipped']}")
    if "ingest" in result:
        rows = result["ingest"].get("rows")
        if rows:
            print("(b) stored: " + ", ".join(f"{k} {v}" for k, v in rows.items()))
        ratio = result["ratio"]
        verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
        print(f"ratio (b)/(a) wall time: {ratio:.2f} (target <= {TARGET_RATIO}: {verdict})")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["_measure", "--"]:  # internal: the measuring helper process
        print(json.dumps(measure(argv[2:])))
        return 0
    if argv[:1] == ["_bare"]:  # internal: the bare pipeline, measurement (a)
        inner = argparse.ArgumentParser(prog="speed.py _bare")
        inner.add_argument("folder")
        inner.add_argument("--n-process", type=int, default=1)
        inner.add_argument("--batch-size", type=int, default=16)
        inner.add_argument("--model")
        a = inner.parse_args(argv[1:])
        bare_pipeline(a.folder, a.n_process, a.batch_size, a.model)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=POLNEAR_SPLITS, default="test")
    parser.add_argument("--n-process", type=int, default=2, help="processes for both runs")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size for (a)")
    parser.add_argument("--repeat", type=int, default=1, help="run each N times, keep the best")
    parser.add_argument("--limit", type=int, help="only the first N articles (by name)")
    parser.add_argument("--data", help="the polnear dataset folder (default: ../shared/datasets)")
    parser.add_argument("--model", help="spaCy pipeline for both runs (default: augury's)")
    parser.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    result = run(args)
    return 1 if "ingest_failed" in result else 0


if __name__ == "__main__":
    sys.exit(main())
