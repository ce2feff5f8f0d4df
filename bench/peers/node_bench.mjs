// Tokens/s of npm fast-jwt and jose on the benchmark's fixtures, one JSON
// line per (library, algorithm). Every token is verified with a key object
// made once (as a server holding its issuer's keys would), all claims on.
//
//   node node_bench.mjs FIXTURES_DIR [--warmup-s 1] [--measure-s 2]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVerifier } from 'fast-jwt';
import { importJWK, jwtVerify } from 'jose';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node node_bench.mjs FIXTURES_DIR [--warmup-s S] [--measure-s S]');
  process.exit(2);
}
const warmupMs = option('--warmup-s', 1) * 1000;
const measureMs = option('--measure-s', 2) * 1000;
const fixtures = JSON.parse(readFileSync(join(dir, 'fixtures.json'), 'utf8'));

// Process CPU time in milliseconds (all threads, user + system).
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// Runs `verify` for warm-up, then counts verifications in the measuring
// window (the clock is read every 16 verifications). The rate is per CPU
// second, like the C++ benchmark's, so a busy machine distorts it less.
async function rate(verify) {
  for (const stop = performance.now() + warmupMs; performance.now() < stop;) {
    for (let i = 0; i < 16; i++) await verify();
  }
  let count = 0;
  const start = performance.now();
  const startCpu = cpuMs();
  while (performance.now() - start < measureMs) {
    for (let i = 0; i < 16; i++) await verify();
    count += 16;
  }
  return (count * 1000) / (cpuMs() - startCpu);
}

async function fastJwt(t) {
  const verifier = createVerifier({
    key: t.public_pem,
    algorithms: [t.alg],
    allowedIss: fixtures.issuer,
    allowedAud: fixtures.audience,
    requiredClaims: ['iss', 'sub', 'aud', 'exp'],
  });
  return () => {
    verifier(t.token);
  };
}

async function jose(t) {
  const key = await importJWK(t.jwk, t.alg);
  const options = {
    issuer: fixtures.issuer,
    audience: fixtures.audience,
    algorithms: [t.alg],
    requiredClaims: ['sub', 'exp'],
  };
  return () => jwtVerify(t.token, key, options);
}

for (const [impl, make] of [['fast-jwt', fastJwt], ['jose', jose]]) {
  for (const t of fixtures.tokens) {
    const line = { impl, alg: t.alg };
    try {
      const verify = await make(t);
      await verify();  // must verify before it is timed
      line.tokens_per_s = await rate(verify);
    } catch (error) {
      line.error = String(error.message || error);
    }
    console.log(JSON.stringify(line));
  }
}
