"""The shopper's bundle: its size, and its start-up time against the same app run from source.

    python -m bench.bench_bundle [--repeat 10] [--bundle DIR] [--out bench/results/bundle.json]

Builds the bundle with `packaging/build.py` (unless `--bundle` names a built folder), then
starts the bundle and `python main.py` alternately, each offscreen with a fresh empty HOME (a
shopper's first start), timing process start to the window's first paint (the app's
start-up probe prints "painted" then quits). Writes the figures and their ratio as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_startup import time_until_painted
from bench.stats import summary

ROOT = Path(__file__).resolve().parent.parent


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def first_paint_ms(command: list[str]) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {name: os.environ[name] for name in ("PATH", "LANG") if name in os.environ}
        env.update(HOME=home, QT_QPA_PLATFORM="offscreen", PRIVACY_DASHBOARD_STARTUP_PROBE="1")
        return time_until_painted(command, env).wall_ms


def stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--bundle", type=Path, help="an already built bundle folder")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "bundle.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        result: dict[str, object] = {
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
            "repeat": args.repeat,
        }
        if args.bundle is None:
            dist = Path(work) / "dist"
            started = time.monotonic()
            subprocess.run(  # noqa: S603 (our own build script)
                [
                    sys.executable,
                    str(ROOT / "packaging" / "build.py"),
                    "--dist",
                    str(dist),
                    "--work",
                    str(Path(work) / "build"),
                ],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            result["build_and_pack_s"] = round(time.monotonic() - started, 1)
            bundle = dist / "privacy-dashboard"
            (tarball,) = dist.glob("*.tar.gz")
            result["tarball_mb"] = round(tarball.stat().st_size / 2**20, 1)
        else:
            bundle = args.bundle
        result["folder_mb"] = round(folder_size(bundle) / 2**20, 1)
        bundled = [str(bundle / "privacy-dashboard")]
        source = [sys.executable, str(ROOT / "main.py")]
        first_paint_ms(bundled)  # warm the file cache once for each
        first_paint_ms(source)
        times: dict[str, list[float]] = {"bundle": [], "source": []}
        for _ in range(args.repeat):  # interleaved, so load on the machine hits both alike
            times["bundle"].append(first_paint_ms(bundled))
            times["source"].append(first_paint_ms(source))
    result["first_paint_bundle"] = stats(times["bundle"])
    result["first_paint_source"] = stats(times["source"])
    result["ratio_bundle_to_source"] = round(
        statistics.median(times["bundle"]) / statistics.median(times["source"]), 2
    )
    print(
        f"bundle   {summary(times['bundle'])}   folder {result['folder_mb']} MB"
        + (f", tarball {result['tarball_mb']} MB" if "tarball_mb" in result else "")
    )
    print(f"source   {summary(times['source'])}")
    print(f"ratio bundle/source (median): {result['ratio_bundle_to_source']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
