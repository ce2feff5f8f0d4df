#!/usr/bin/env python3
"""Validates the vector files against vectors/schema/vectors.schema.json.

Usage: validate_vectors_schema.py SCHEMA VECTORS_DIR REASON_SOURCE

Checks, in order:
  1. the schema is a valid draft 2020-12 schema, and its reason-code enum
     equals the codes of REASON_SOURCE (reference/src/reason.cc);
  2. YAML scalars are read the way harness/src/yaml_json.cc reads them;
  3. every vector file under VECTORS_DIR (except keys.yaml and
     requirements.yaml at its top) is valid;
  4. a few bad vectors are refused, with file, vector id and field named.

YAML: PyYAML resolves plain scalars by YAML 1.1 (yes/no/on/off are
booleans, 012 is octal, 1e5 is a string, 2026-01-01 a date, `<<` merges),
yaml-cpp with our yaml_json.cc by the YAML 1.2 core schema (only
true/false/null variants, decimal integers, floats with or without a dot,
non-finite numbers such as 1e400 and any plain scalar over 64 characters
kept as strings). This script does not
tolerate the difference: it replaces PyYAML's resolver with one that mirrors
yaml_json.cc, so both sides see the same JSON. Like yaml_json.cc it also
refuses duplicate and non-scalar mapping keys and takes keys as their text.

Exits 0 when all checks pass, 1 on a failure, 77 (skipped) when
python3-jsonschema or python3-yaml is missing.
"""

import math
import pathlib
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:
    print(f"skipped: {missing.name} is missing; "
          "install python3-jsonschema and python3-yaml")
    sys.exit(77)


class CppResolver(yaml.resolver.BaseResolver):
    """The plain-scalar rules of PlainScalar() in harness/src/yaml_json.cc."""


CppResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)\Z"),
    ["~", "n", "N", ""])
CppResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)\Z"),
    list("tTfF"))
# yaml_json.cc keeps plain scalars longer than 64 characters as text.
TYPED = r"^(?=.{0,64}\Z)"
CppResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(TYPED + r"[-+]?[0-9]+\Z", re.S),
    list("-+0123456789"))
CppResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(TYPED + r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)"
               r"(?:[eE][-+]?[0-9]+)?\Z", re.S),
    list("-+.0123456789"))


class CppLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                yaml.composer.Composer, yaml.constructor.SafeConstructor,
                CppResolver):

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        CppResolver.__init__(self)


def construct_float(loader, node):
    # strtod overflows to infinity, which yaml_json.cc keeps as a string.
    value = float(loader.construct_scalar(node))
    return value if math.isfinite(value) else node.value


def construct_int(loader, node):
    # Decimal even with leading zeros (from_chars); beyond int64 and uint64
    # the text is read as a float instead.
    value = int(node.value, 10)
    if -2**63 <= value < 2**64:
        return value
    return construct_float(loader, node)


def construct_mapping(loader, node):
    mapping = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be strings", key_node.start_mark)
        key = key_node.value
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate mapping key '{key}'",
                key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


CppLoader.add_constructor("tag:yaml.org,2002:float", construct_float)
CppLoader.add_constructor("tag:yaml.org,2002:int", construct_int)
CppLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)


def load_yaml(text):
    return yaml.load(text, Loader=CppLoader)


def field_path(path):
    """['token', 'claims', 0] -> token.claims[0], like the C++ loader."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def error_field(error):
    """The field an error is about; for unknown or missing members the
    member itself, not the mapping that holds it."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(
            error.instance, dict):
        known = set(error.schema.get("properties", {}))
        extra = [name for name in error.instance if name not in known]
        if extra:
            return path + [extra[0]], "unknown field"
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value
                   if name not in error.instance]
        if missing:
            return path + [missing[0]], "missing"
    if error.validator == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)
        return path, f"{error.instance!r} is not one of: {allowed}"
    return path, error.message


def describe(shown, document, error):
    path, problem = error_field(error)
    text = shown
    if len(path) >= 2 and path[0] == "vectors" and isinstance(path[1], int):
        vectors = document.get("vectors", [])
        item = vectors[path[1]] if path[1] < len(vectors) else None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            text += f": vector '{item['id']}'"
        else:
            text += f": vector #{path[1]}"
        path = path[2:]
    if path:
        text += f": field '{field_path(path)}'"
    return f"{text}: {problem}"


def validate_text(validator, shown, text):
    """Problems of one vector file, each naming file, vector and field."""
    try:
        document = load_yaml(text)
    except yaml.YAMLError as error:
        return [f"{shown}: {error}"]
    if not isinstance(document, dict):
        return [f"{shown}: must be a mapping"]
    errors = sorted(validator.iter_errors(document),
                    key=lambda e: list(map(str, e.absolute_path)))
    return [describe(shown, document, error) for error in errors]


def vector_files(root):
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        if path.parent == root and path.name in ("keys.yaml",
                                                  "requirements.yaml"):
            continue
        yield path


class Checks:

    def __init__(self):
        self.failures = 0

    def expect(self, condition, message):
        print(("ok: " if condition else "FAIL: ") + message)
        if not condition:
            self.failures += 1


def check_schema(checks, schema, reason_source):
    jsonschema.Draft202012Validator.check_schema(schema)
    codes = set(re.findall(r'case Reason::k\w+:\s*return \{"([a-z_]+)"',
                           reason_source.read_text()))
    codes.discard("ok")
    in_schema = set(schema["$defs"]["reasonCode"]["enum"])
    checks.expect(
        codes and codes == in_schema,
        "schema reason codes equal reason.cc "
        f"(missing: {sorted(codes - in_schema)}, "
        f"extra: {sorted(in_schema - codes)})")


def check_resolver(checks):
    document = load_yaml(
        "a: 1e400\nb: yes\nc: 012\nd: 1e5\ne: 2026-01-01\nf: 0x10\n"
        "g: 99999999999999999999999\nh: '1'\ni: ~\nj: True\nk: .5\n1: key\n"
        "l: " + "1" * 65 + "\n")
    expected = {"a": "1e400", "b": "yes", "c": 12, "d": 100000.0,
                "e": "2026-01-01", "f": "0x10", "g": 1e23, "h": "1",
                "i": None, "j": True, "k": 0.5, "1": "key", "l": "1" * 65}
    checks.expect(document == expected,
                  f"plain scalars read as yaml_json.cc reads them: {document}")
    try:
        load_yaml("a: 1\na: 2\n")
        checks.expect(False, "duplicate keys are refused")
    except yaml.YAMLError as error:
        checks.expect("duplicate mapping key 'a'" in str(error),
                      "duplicate keys are refused")


BAD_VECTORS = {
    "unknown field": (
        "token: {}\n    expect: accept\n    colour: blue\n",
        "bad/cases.yaml: vector 'bad-case': field 'colour': unknown field"),
    "missing expect": (
        "token: {}\n",
        "bad/cases.yaml: vector 'bad-case': field 'expect': missing"),
    "bad reason code": (
        "token: {}\n    expect: reject\n    reason: no_such_reason\n",
        "bad/cases.yaml: vector 'bad-case': field 'reason': "
        "'no_such_reason' is not one of"),
    "unknown token member": (
        "token: {claim: {}}\n    expect: accept\n",
        "bad/cases.yaml: vector 'bad-case': field 'token.claim': "
        "unknown field"),
    "reject without reason": (
        "token: {}\n    expect: reject\n",
        "bad/cases.yaml: vector 'bad-case': field 'reason': missing"),
    "bad reason in a step": (
        "steps:\n      - expect: reject\n        reason: [expired, nope]\n",
        "bad/cases.yaml: vector 'bad-case': field 'steps[0].reason[1]': "
        "'nope' is not one of"),
}


def check_bad_vectors(checks, validator):
    for name, (members, wanted) in BAD_VECTORS.items():
        text = ("vectors:\n  - id: bad-case\n    title: a bad vector\n"
                "    category: good\n    requirements: [HTTP-6]\n"
                "    rationale: the schema must refuse it\n    " + members)
        problems = validate_text(validator, "bad/cases.yaml", text)
        checks.expect(any(problem.startswith(wanted) for problem in problems),
                      f"{name} is refused: {problems}")


def main(argv):
    if len(argv) != 4:
        print(__doc__)
        return 2
    schema_path, root, reason_source = (pathlib.Path(arg) for arg in argv[1:])
    schema = yaml.safe_load(schema_path.read_text())
    validator = jsonschema.Draft202012Validator(schema)
    checks = Checks()

    check_schema(checks, schema, reason_source)
    check_resolver(checks)
    files = list(vector_files(root))
    checks.expect(bool(files), f"vector files found under {root}")
    for path in files:
        shown = path.relative_to(root).as_posix()
        problems = validate_text(validator, shown, path.read_text())
        for problem in problems:
            print("  " + problem)
        checks.expect(not problems, f"{shown} is valid")
    check_bad_vectors(checks, validator)

    print(f"{checks.failures} failure(s)")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
