#!/usr/bin/env python3
"""check_dashboard.py — the Grafana dashboard beside it is valid JSON and
asks only for metrics nyxmon exports (the names in metrics_text.cpp).

    python3 contrib/grafana/check_dashboard.py   (from the repository root)
"""
import json
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
dashboard = json.loads((root / "contrib/grafana/nyxmon-dashboard.json").read_text())
exported = set(re.findall(r"nyxmon_[a-z0-9_]+", (root / "infrastructure/api/metrics_text.cpp").read_text()))
problems = []
for panel in dashboard["panels"]:
    for target in panel["targets"]:
        for name in re.findall(r"nyxmon_[a-z0-9_]+", target["expr"]):
            base = re.sub(r"_(bucket|sum|count)$", "", name)
            if name not in exported and base not in exported and not any(name.startswith(e) for e in exported if e.endswith("_")):
                problems.append(f"panel '{panel['title']}': {name} is not a metric nyxmon exports")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"check_dashboard: {len(dashboard['panels'])} panels, every metric exported")
