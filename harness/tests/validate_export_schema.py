#!/usr/bin/env python3
"""Validates a `jwtconf vectors export` file against its schema.

Usage: validate_export_schema.py SCHEMA EXPORT_FILE

Also checks what the schema cannot: tcIds are 1..numberOfTests, each once,
and every flag is explained in notes. Exits 0 when valid, 1 when not, 77
(skipped) when python3-jsonschema is missing.
"""

import json
import sys

try:
    import jsonschema
except ImportError:
    print("skipped: install python3-jsonschema")
    sys.exit(77)


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    with open(argv[1]) as schema_file:
        schema = json.load(schema_file)
    with open(argv[2]) as export_file:
        exported = json.load(export_file)
    jsonschema.Draft202012Validator.check_schema(schema)
    problems = [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in jsonschema.Draft202012Validator(schema).iter_errors(exported)
    ]
    if not problems:
        tests = [test for group in exported["testGroups"]
                 for test in group["tests"]]
        tc_ids = sorted(test["tcId"] for test in tests)
        if tc_ids != list(range(1, exported["numberOfTests"] + 1)):
            problems.append("tcIds are not 1..numberOfTests, each once")
        for test in tests:
            for flag in test["flags"]:
                if flag not in exported["notes"]:
                    problems.append(f"tcId {test['tcId']}: flag {flag} "
                                    "is not in notes")
    for problem in problems:
        print(problem)
    print(f"{argv[2]}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
