"""Times pycocotools' C code on the workload of @annoconv/geometry's benchmarks, for comparison.

Usage (from the repository root):
    GEOMETRY_BENCH_EXPORT=workload.json npx vitest bench --run packages/geometry/src/rle.bench.ts
    python packages/geometry/bench/pycocotools_compare.py workload.json

Reports wall time and process CPU time per operation (CPU time is the steadier figure on a busy machine).
"""
import json
import sys
import time

import numpy as np
from pycocotools import _mask
from pycocotools import mask as mask_utils


def measure(label, count, function, repeats=3):
    function()  # warm-up
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        function()
        best_wall = min(best_wall, time.perf_counter() - wall0)
        best_cpu = min(best_cpu, time.process_time() - cpu0)
    print(f"{label:45s} wall {best_wall / count * 1e6:9.3f} µs/op   cpu {best_cpu / count * 1e6:9.3f} µs/op")


def main(path):
    with open(path) as file:
        workload = json.load(file)
    height, width = workload["height"], workload["width"]
    rles = [{"size": [height, width], "counts": counts.encode()} for counts in workload["masks"]]
    row_major = [np.ascontiguousarray(mask_utils.decode(rle)) for rle in rles]
    column_major = [np.asfortranarray(mask) for mask in row_major]
    polygons = workload["polygons"]
    native = _mask._frString(rles)

    only = sys.argv[2:] or None

    def measure_if(label, *rest):
        if only is None or any(word in label for word in only):
            measure(label, *rest)

    measure_if("encode (row-major in, asfortranarray)", len(rles), lambda: [mask_utils.encode(np.asfortranarray(m)) for m in row_major])
    measure_if("encode (column-major in)", len(rles), lambda: [mask_utils.encode(m) for m in column_major])
    measure_if("decode (column-major out)", len(rles), lambda: [mask_utils.decode(r) for r in rles])
    measure_if("decode (row-major out, ascontiguousarray)", len(rles), lambda: [np.ascontiguousarray(mask_utils.decode(r)) for r in rles])
    measure_if("string → RLE (_frString)", len(rles), lambda: _mask._frString(rles))
    measure_if("RLE → string (_toString)", len(rles), lambda: _mask._toString(native))
    measure_if("polygon → RLE (frPyObjects, 20 vertices)", len(polygons), lambda: [mask_utils.frPyObjects([p], height, width) for p in polygons])
    measure_if("area", len(rles), lambda: [mask_utils.area(r) for r in rles])
    # pycocotools' area() of a list keeps its count in a uint8, so call it on lists of 200.
    measure_if("area (lists of 200)", len(rles), lambda: [mask_utils.area(rles[i:i + 200]) for i in range(0, 1000, 200)])
    measure_if("toBbox (one call for all)", len(rles), lambda: mask_utils.toBbox(rles))
    measure_if("iou 100×100 (per pair)", 10_000, lambda: mask_utils.iou(rles[:100], rles[100:200], [0] * 100))
    measure_if("merge union of 10 (per merge)", 100, lambda: [mask_utils.merge(rles[i:i + 10]) for i in range(0, 1000, 10)])


if __name__ == "__main__":
    main(sys.argv[1])
