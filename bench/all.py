"""Run every benchmark and regenerate the README's Performance tables from their results.

    python -m bench.all                 # run every registered bench, then rewrite the README
    python -m bench.all --no-run        # only rewrite the README from bench/results/*.json
    python -m bench.all --only http     # run (and render) just these
    python -m bench.all --quick         # each bench's short settings (for trying it out)

Each bench script saves its figures as `bench/results/NAME.json` (`bench.results.save`) and
has a `render(result) -> str` giving the Markdown for its README section, which sits between
`<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. No figure is typed in by hand.

To add a bench, append one `Bench(...)` line to `BENCHES`.
"""

from __future__ import annotations

import argparse
import importlib
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.results import load

README = Path(__file__).resolve().parent.parent / "README.md"


@dataclass(frozen=True)
class Bench:
    name: str  # the results file and the README markers
    module: str  # run as `python -m MODULE [args]`; must save results and define render()
    args: list[str] = field(default_factory=list)
    quick: list[str] = field(default_factory=list)  # short settings for --quick


BENCHES: list[Bench] = [
    Bench("http", "bench.bench_http", quick=["--tracks", "5000", "--rounds", "3"]),
    Bench("tracks", "bench.bench_tracks", quick=["--tracks", "20000", "--repeat", "20"]),
    Bench(
        "archive",
        "bench.bench_archive",
        quick=["--tracks", "100000", "--orders", "10000", "--rounds", "2"],
    ),
    Bench("startup", "bench.bench_startup", quick=["--repeat", "3"]),
    Bench("scroll", "bench.bench_scroll", quick=["--tracks", "20000", "--seconds", "4"]),
    # --readme: bench_load also writes the sizing basis in docs/SCALING.md
    Bench(
        "load",
        "bench.bench_load",
        args=["--readme"],
        quick=["--tracks", "20000", "--shoppers", "1200", "--seconds", "2", "--clients", "8"],
    ),
    Bench("servers", "bench.bench_servers", quick=["--rounds", "1", "--seconds", "2"]),
]


def replace_section(text: str, name: str, body: str) -> tuple[str, bool]:
    """`text` with the section between NAME's markers replaced; False when it has none."""
    pattern = re.compile(
        rf"(<!-- bench:{re.escape(name)} -->\n).*?(\n<!-- /bench:{re.escape(name)} -->)",
        re.DOTALL,
    )
    if not pattern.search(text):
        return text, False
    return pattern.sub(lambda m: m.group(1) + body.rstrip("\n") + m.group(2), text), True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-run", action="store_true", help="use the saved results only")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="just these benches")
    parser.add_argument("--quick", action="store_true", help="each bench's short settings")
    args = parser.parse_args(argv)
    chosen = [b for b in BENCHES if not args.only or b.name in args.only]
    unknown = set(args.only or ()) - {b.name for b in BENCHES}
    if unknown:
        parser.error(f"unknown bench: {', '.join(sorted(unknown))}")
    failed = []
    if not args.no_run:
        for bench in chosen:
            command = [sys.executable, "-m", bench.module, *(bench.quick if args.quick else [])]
            command += bench.args
            print(f"== {bench.name}: {' '.join(command[1:])}", flush=True)
            if subprocess.run(command, check=False).returncode != 0:  # noqa: S603 (our modules)
                failed.append(bench.name)
    text = README.read_text(encoding="utf-8")
    for bench in chosen:
        result = load(bench.name)
        if result is None:
            print(f"{bench.name}: no results yet (bench/results/{bench.name}.json); kept as is")
            continue
        render = getattr(importlib.import_module(bench.module), "render", None)
        if render is None:
            print(f"{bench.name}: {bench.module} has no render(); kept as is")
            continue
        text, found = replace_section(text, bench.name, render(result))
        if not found:
            print(f"{bench.name}: README has no <!-- bench:{bench.name} --> section")
            failed.append(bench.name)
    README.write_text(text, encoding="utf-8")
    print(f"README updated ({', '.join(b.name for b in chosen)})")
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
