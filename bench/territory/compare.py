"""Runs Sutton, gerrychain and spopt on the territory benchmark instances and prints one table.

Every tool writes an assignment (unit id -> territory); the metrics of every assignment are then
computed here, by the same code, from the instance files alone. Each run is a separate process,
so its peak memory (maximum resident set size) is its own; tools that exceed their time limit are
stopped and reported as such.

Usage: compare.py --sutton PATH --instances DIR [--timeout S] [--timeout-large S] [--only NAME ...]
[--tools sutton gerrychain-0.05 gerrychain-0.02 spopt-maxp]
(run.sh sets up the environment and calls this). A run of one tool on one case is also available
on its own: compare.py worker TOOL ... (used internally).
"""

import argparse
import csv
import json
import math
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict, deque

# (name, instance, attribute, k, tolerance asked of Sutton)
CASES = [
    ("counties-50", "counties", "workload2", 50, 0.02),
    ("counties-200", "counties", "workload2", 200, 0.02),
    ("zips-300", "zips", "workload", 300, 0.02),
]


def read_instance(directory, instance):
    with open(os.path.join(directory, f"{instance}-units.csv"), newline="") as f:
        units = list(csv.DictReader(f))
    with open(os.path.join(directory, f"{instance}-edges.csv"), newline="") as f:
        edges = [(row["u"], row["v"]) for row in csv.DictReader(f)]
    return units, edges


def metrics(units, edges, attribute, assignment, tolerance):
    """Balance, contiguity, compactness and cut edges of an assignment {id: territory}.

    Also the worst deviation among territories that hold no unit heavier than the band's upper
    end (such a unit forces its territory over whatever a tool does)."""
    weight = {u["id"]: float(u[attribute]) for u in units}
    xy = {u["id"]: (float(u["x_km"]), float(u["y_km"])) for u in units}
    missing = [u for u in weight if u not in assignment]
    if missing:
        return {"error": f"{len(missing)} units unassigned"}
    totals, sw, sx, sy = defaultdict(float), defaultdict(float), defaultdict(float), defaultdict(float)
    members = defaultdict(list)
    for u, t in assignment.items():
        w = weight[u]
        totals[t] += w
        sw[t] += w
        sx[t] += w * xy[u][0]
        sy[t] += w * xy[u][1]
        members[t].append(u)
    k = len(totals)
    mean = sum(totals.values()) / k
    deviations = [abs(v / mean - 1) for v in totals.values()]
    cv = math.sqrt(sum((v - mean) ** 2 for v in totals.values()) / k) / mean
    centre = {t: (sx[t] / sw[t], sy[t] / sw[t]) if sw[t] > 0 else
              (sum(xy[u][0] for u in members[t]) / len(members[t]), sum(xy[u][1] for u in members[t]) / len(members[t]))
              for t in totals}
    distance = sum(weight[u] * math.dist(xy[u], centre[t]) for u, t in assignment.items()) / sum(weight.values())
    neighbours = defaultdict(list)
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    contiguous = 0
    for t, ms in members.items():
        seen = {ms[0]}
        queue = deque([ms[0]])
        while queue:
            x = queue.popleft()
            for y in neighbours[x]:
                if y not in seen and assignment.get(y) == t:
                    seen.add(y)
                    queue.append(y)
        contiguous += len(seen) == len(ms)
    cut = sum(1 for a, b in edges if assignment[a] != assignment[b])
    upper = (1 + tolerance) * mean
    free = [abs(totals[t] / mean - 1) for t, ms in members.items() if max(weight[u] for u in ms) <= upper]
    return {"k": k, "max_dev": max(deviations), "cv": cv, "contiguous": contiguous,
            "distance": distance, "cut": cut, "forced": k - len(free),
            "max_dev_free": max(free) if free else 0.0}


def run_measured(command, timeout, memory_cap_gib=None):
    """Runs a command; returns (exit code or None when stopped, wall s, CPU s, peak RSS MiB, stdout).

    With a memory cap the process's address space is limited, so that a tool that would exhaust
    the machine fails instead."""
    def limit():
        if memory_cap_gib:
            import resource
            cap = int(memory_cap_gib * 1024 ** 3)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    start = time.monotonic()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, start_new_session=True,
                                   preexec_fn=limit)
        stopped = []

        def stop():
            stopped.append(True)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, stop)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - start
        out.seek(0)
        text = out.read().decode(errors="replace")
    code = None if stopped else process.returncode
    return code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def worker(argv):
    """One peer tool on one case: writes id,territory to OUT and prints its solve time in s."""
    tool, directory, instance, attribute, k, parameter, out = argv
    k = int(k)
    units, edges = read_instance(directory, instance)
    if tool == "gerrychain":
        import networkx as nx
        from gerrychain import Graph
        from gerrychain.partition.initial_partition_generators import recursive_tree_part
        nx_graph = nx.Graph()
        for u in units:
            nx_graph.add_node(u["id"], w=float(u[attribute]))
        nx_graph.add_edges_from(edges)
        graph = Graph.from_networkx(nx_graph)
        total = sum(float(u[attribute]) for u in units)
        start = time.perf_counter()
        parts = recursive_tree_part(graph, range(k), total / k, "w", float(parameter), rng=0)
        seconds = time.perf_counter() - start
        assignment = {u: t for u, t in parts.items()}
    elif tool == "spopt-maxp":
        import warnings
        import geopandas as gpd
        import libpysal
        from spopt.region import MaxPHeuristic
        warnings.filterwarnings("ignore")
        ids = [u["id"] for u in units]
        frame = gpd.GeoDataFrame({
            "x": [float(u["x_km"]) for u in units],
            "y": [float(u["y_km"]) for u in units],
            "w": [float(u[attribute]) for u in units],
        }, geometry=gpd.points_from_xy([float(u["x_km"]) for u in units], [float(u["y_km"]) for u in units]))
        position = {u: i for i, u in enumerate(ids)}
        neighbours = defaultdict(set)
        for a, b in edges:
            neighbours[position[a]].add(position[b])
            neighbours[position[b]].add(position[a])
        weights = libpysal.weights.W({i: sorted(neighbours[i]) for i in range(len(ids))}, silence_warnings=True)
        total = frame["w"].sum()
        start = time.perf_counter()
        model = MaxPHeuristic(frame, weights, ["x", "y"], "w", total / k, 2, verbose=False)
        model.solve()
        seconds = time.perf_counter() - start
        assignment = {ids[i]: int(label) for i, label in enumerate(model.labels_)}
    else:
        raise SystemExit(f"unknown tool {tool}")
    with open(out, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "territory"])
        for u, t in assignment.items():
            writer.writerow([u, t])
    print(json.dumps({"seconds": seconds}))


def read_assignment(path):
    with open(path, newline="") as f:
        return {row["id"]: row["territory"] for row in csv.DictReader(f)}


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            memory = f"{int(f.readline().split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} logical CPUs, {cpu}, {memory}, {platform.system()} {platform.release()}"


def versions():
    found = []
    for name in ("gerrychain", "spopt", "networkx", "libpysal"):
        try:
            from importlib.metadata import version
            found.append(f"{name} {version(name)}")
        except Exception:  # noqa: BLE001 - a missing package is simply not listed
            pass
    return ", ".join(found)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker(sys.argv[2:])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sutton", required=True)
    parser.add_argument("--instances", required=True)
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is stopped")
    parser.add_argument("--timeout-large", type=float, default=300,
                        help="the same for instances of more than 10,000 units (the peers do not finish on ZIPs)")
    parser.add_argument("--memory-cap-gib", type=float, default=8,
                        help="address-space cap for the peer tools (spopt reached 13 GiB on the ZIPs)")
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--tools", nargs="*", default=["sutton", "gerrychain-0.05", "gerrychain-0.02", "spopt-maxp"])
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    print(f"python {platform.python_version()}; {versions()}", flush=True)
    rows = []
    header = ("| case | tool | territories | time (solve) | wall / CPU (process) | peak memory | max deviation "
              "| CV | contiguous | weighted distance to centre | cut edges | note |")
    with tempfile.TemporaryDirectory() as scratch:
        for name, instance, attribute, k, tolerance in CASES:
            if args.only and name not in args.only:
                continue
            units, edges = read_instance(args.instances, instance)
            timeout = args.timeout_large if len(units) > 10_000 else args.timeout
            for tool in args.tools:
                out = os.path.join(scratch, f"{name}-{tool}.csv")
                note = ""
                if tool == "sutton":
                    report = os.path.join(scratch, f"{name}-{tool}.json")
                    command = [args.sutton, "territories", "optimize",
                               "--units", os.path.join(args.instances, f"{instance}-units.csv"),
                               "--edges", os.path.join(args.instances, f"{instance}-edges.csv"),
                               "--territories", str(k), "--balance", f"{attribute}:{tolerance}",
                               "--out", out, "--metrics", report]
                    label = f"Sutton ±{tolerance * 100:g} %"
                elif tool.startswith("gerrychain-"):
                    epsilon = tool.split("-", 1)[1]
                    command = [sys.executable, __file__, "worker", "gerrychain", args.instances, instance,
                               attribute, str(k), epsilon, out]
                    label = f"gerrychain recursive_tree_part ε = {epsilon}"
                else:
                    command = [sys.executable, __file__, "worker", "spopt-maxp", args.instances, instance,
                               attribute, str(k), "0", out]
                    label = "spopt max-p (floor = total/k)"
                print(f"running {name}: {label} …", file=sys.stderr, flush=True)
                cap = None if tool == "sutton" else args.memory_cap_gib
                code, wall, cpu, rss, text = run_measured(command, timeout, cap)
                if code is None:
                    rows.append(f"| {name} | {label} | — | > {timeout:.0f} s (stopped) | — | {rss:.0f} MiB "
                                "| — | — | — | — | — | |")
                    print(rows[-1], flush=True)
                    continue
                if code != 0 or not os.path.exists(out):
                    why = f"memory cap {args.memory_cap_gib:g} GiB?" if cap else ""
                    rows.append(f"| {name} | {label} | — | failed (exit {code}) | {wall:.2f} s / {cpu:.2f} s "
                                f"| {rss:.0f} MiB | — | — | — | — | — | {why} |")
                    print(rows[-1], flush=True)
                    continue
                if tool == "sutton":
                    with open(report) as f:
                        reported = json.load(f)
                    solve = reported["seconds"]
                    proven = [v["message"] for v in reported["violations"] if v["proven"]]
                    if proven:
                        note = "proven: " + proven[0].split(";")[0].replace("|", "/")
                    if reported.get("lower_bound"):
                        bound = reported["lower_bound"]
                        note = (note + "; " if note else "") + \
                            f"bound {bound['mean_distance_km']:.1f} km ({bound['basis']})"
                else:
                    solve = json.loads(text.strip().splitlines()[-1])["seconds"]
                m = metrics(units, edges, attribute, read_assignment(out), tolerance)
                if "error" not in m and m["forced"]:
                    note = (note + "; " if note else "") + \
                        (f"{m['forced']} territories forced over by one unit; the others within "
                         f"{m['max_dev_free'] * 100:.2f} %")
                if "error" in m:
                    rows.append(f"| {name} | {label} | — | {solve:.2f} s | {wall:.2f} s / {cpu:.2f} s | {rss:.0f} MiB "
                                f"| — | — | — | — | — | {m['error']} |")
                else:
                    contiguous = "all" if m["contiguous"] == m["k"] else f"{m['contiguous']} of {m['k']}"
                    rows.append(
                        f"| {name} | {label} | {m['k']} | {solve:.2f} s | {wall:.2f} s / {cpu:.2f} s | {rss:.0f} MiB "
                        f"| {m['max_dev'] * 100:.2f} % | {m['cv']:.4f} | {contiguous} | {m['distance']:.1f} km "
                        f"| {m['cut']:,} | {note} |")
                print(rows[-1], flush=True)
    print()
    print(header)
    print("|" + "---|" * 12)
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
