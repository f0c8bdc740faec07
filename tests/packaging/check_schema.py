#!/usr/bin/env python3
"""check_schema.py NYXMON SOURCE_DIR — the configuration schema `nyxmon
schema` prints (made from the loader's own fields) accepts the shipped
configurations, refuses what the loader refuses (an unknown field, a
number out of range, a word where a flag goes), and knows every kind of
check."""
import json
import pathlib
import subprocess
import sys

import jsonschema
import yaml

nyxmon, source = sys.argv[1], pathlib.Path(sys.argv[2])
schema = json.loads(subprocess.run([nyxmon, "schema"], check=True, capture_output=True,
                                   text=True).stdout)
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
problems = []

for path in [source / "examples/nyxmon.yaml", source / "packaging/nyxmon.yaml"]:
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
    if errors:
        problems.append(f"{path.name} does not pass: {errors}")

for bad, why in [
    ({"engine": {"listn": "127.0.0.1:1"}}, "an unknown field"),
    ({"engine": {"public_reads": "maybe"}}, "a word where a flag goes"),
    ({"engine": {"max_in_flight": 0}}, "a number out of range"),
    ({"services": [{"id": "s", "checks": [{"id": "c", "http": {"urll": "x"}}]}]},
     "an unknown field of an http check"),
]:
    if validator.is_valid(bad):
        problems.append(f"the schema accepts {why}: {bad}")

checks = schema["properties"]["services"]["items"]["properties"]["checks"]["items"]["properties"]
for kind in ["http", "tcp", "tls", "dns", "icmp", "heartbeat", "exec", "mail"]:
    if kind not in checks:
        problems.append(f"the schema has no {kind} checks")
for field in ["tls", "backup", "listen", "public_reads"]:
    if field not in schema["properties"]["engine"]["properties"]:
        problems.append(f"the schema has no engine.{field}")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"check_schema: {len(checks)} kinds of check; the shipped configurations pass")
