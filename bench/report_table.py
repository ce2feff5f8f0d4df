"""Prints the benchmark table from Google Benchmark JSON and peer JSON lines.

    python3 report_table.py BENCH_JSON PEERS_JSONL

Rows are algorithms; columns tokens/s per implementation with the share of
raw OpenSSL in parentheses, then the reference's speed relative to each peer.
"raw OpenSSL" is the faster of the two raw EVP uses the benchmark measures.
"""
import json
import sys

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
              "ES256", "ES384", "ES512", "EdDSA"]
PEERS = ["libjwt", "fast-jwt", "jose", "PyJWT"]
TARGET = 0.95  # the reference's goal, as a share of raw OpenSSL


def read_bench(path):
    """{(impl, alg): tokens/s} from the median aggregates."""
    rates = {}
    with open(path) as f:
        document = json.load(f)
    for run in document["benchmarks"]:
        if run.get("aggregate_name", "median") != "median":
            continue
        if "items_per_second" not in run:
            continue
        _, impl, alg = run["run_name"].split("/")
        rates[(impl, alg)] = run["items_per_second"]
    return rates


def read_peers(path, rates, errors):
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            entry = json.loads(line)
            key = (entry["impl"], entry["alg"])
            if "tokens_per_s" in entry:
                rates[key] = entry["tokens_per_s"]
            else:
                errors[key] = entry.get("error", "failed")


def cell(rate, raw):
    if rate is None:
        return "n/a"
    return f"{rate:,.0f} ({rate / raw:.0%})" if raw else f"{rate:,.0f}"


def main():
    rates = read_bench(sys.argv[1])
    errors = {}
    read_peers(sys.argv[2], rates, errors)

    header = ["alg", "raw OpenSSL", "reference", "raw init/op"] + PEERS
    rows = []
    ratio_rows = []
    below_target = []
    for alg in ALGORITHMS:
        raw = max(rates.get(("raw_openssl", alg), 0),
                  rates.get(("raw_openssl_init", alg), 0))
        if not raw:
            continue
        reference = rates.get(("reference", alg))
        if reference is not None and reference / raw < TARGET:
            below_target.append(f"{alg} {reference / raw:.0%}")
        rows.append([alg, f"{raw:,.0f}", cell(reference, raw),
                     cell(rates.get(("raw_openssl_init", alg)), raw)] +
                    [cell(rates.get((peer, alg)), raw) for peer in PEERS])
        ratio_rows.append([alg] + [
            f"{reference / rates[(peer, alg)]:.1f}x"
            if reference and rates.get((peer, alg)) else "n/a"
            for peer in PEERS])

    print("tokens/s, single core (share of raw OpenSSL)")
    print_table(header, rows)
    print()
    print("reference speed / peer speed")
    print_table(["alg"] + PEERS, ratio_rows)
    print()
    if below_target:
        print(f"below the {TARGET:.0%} target: " + ", ".join(below_target))
    else:
        print(f"reference >= {TARGET:.0%} of raw OpenSSL for every algorithm")
    for (impl, alg), error in sorted(errors.items()):
        print(f"n/a {impl} {alg}: {error}")


def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows)
              for i in range(len(header))]
    line = lambda r: "| " + " | ".join(
        str(v).rjust(w) if i else str(v).ljust(w)
        for i, (v, w) in enumerate(zip(r, widths))) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


if __name__ == "__main__":
    main()
