// The command line every Node.js adapter shares (the launch contract):
//
//   node server.mjs --issuer URL --audience AUD --port N [--leeway S]
//                   [--host 127.0.0.1] [--duration 3600]
//   node server.mjs --version
//
// --version prints one line naming the installed packages, read from their
// own package.json, so the matrix reports what really ran; it exits non-zero
// when they are not installed, which the matrix shows as "unavailable".
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const EXIT_USAGE = 2;
const EXIT_NOT_INSTALLED = 3;
// setTimeout holds at most 2^31-1 ms.
const MAX_DURATION_SECONDS = 2147483;

function fail(name, message, code) {
  process.stderr.write(`${name} adapter: ${message}\n`);
  process.exit(code);
}

// Version of each package as installed in the adapter's own node_modules;
// null for one that is missing.
function installedVersions(adapterDir, packages) {
  return packages.map((pkg) => {
    const manifest = path.join(adapterDir, 'node_modules', pkg, 'package.json');
    try {
      return { pkg, version: JSON.parse(fs.readFileSync(manifest, 'utf8')).version ?? null };
    } catch {
      return { pkg, version: null };
    }
  });
}

function isLoopback(host) {
  if (net.isIPv4(host)) return host.split('.')[0] === '127';
  return net.isIPv6(host) && host === '::1';
}

function parseNumber(name, text, flag, valid) {
  const value = Number(text);
  if (text === '' || !valid(value)) fail(name, `bad ${flag}: ${text}`, EXIT_USAGE);
  return value;
}

// name: the adapter's name for messages; adapterUrl: import.meta.url of its
// server.mjs; packages: the library first, then what it is used with.
// Returns { issuer, audience, port, leeway, host, duration } or exits.
export function adapterOptions({ name, adapterUrl, packages }) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        issuer: { type: 'string' },
        audience: { type: 'string' },
        port: { type: 'string' },
        leeway: { type: 'string', default: '60' },
        host: { type: 'string', default: '127.0.0.1' },
        duration: { type: 'string', default: '3600' },
        version: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(name, error.message, EXIT_USAGE);
  }

  const adapterDir = path.dirname(fileURLToPath(adapterUrl));
  const versions = installedVersions(adapterDir, packages);
  const missing = versions.filter(({ version }) => version === null).map(({ pkg }) => pkg);
  if (missing.length > 0) {
    fail(name, `not installed: ${missing.join(', ')} (run npm ci in ${adapterDir})`,
      EXIT_NOT_INSTALLED);
  }
  if (values.version) {
    const line = versions.map(({ pkg, version }) => `${pkg} ${version}`).join(', ');
    process.stdout.write(`${line} (node ${process.versions.node})\n`);
    process.exit(0);
  }

  if (!values.issuer) fail(name, '--issuer is required', EXIT_USAGE);
  if (!values.audience) fail(name, '--audience is required', EXIT_USAGE);
  if (values.port === undefined) fail(name, '--port is required', EXIT_USAGE);
  try {
    new URL(values.issuer);
  } catch {
    fail(name, `--issuer is not a URL: ${values.issuer}`, EXIT_USAGE);
  }
  if (!isLoopback(values.host)) {
    fail(name, `refusing non-loopback --host ${values.host}`, EXIT_USAGE);
  }
  return {
    issuer: values.issuer,
    audience: values.audience,
    host: values.host,
    port: parseNumber(name, values.port, '--port',
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535),
    leeway: parseNumber(name, values.leeway, '--leeway', (n) => Number.isFinite(n) && n >= 0),
    duration: parseNumber(name, values.duration, '--duration',
      (n) => Number.isFinite(n) && n > 0 && n <= MAX_DURATION_SECONDS),
  };
}
