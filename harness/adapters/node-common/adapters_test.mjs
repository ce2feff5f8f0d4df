// Tests of the shared adapter code through real adapters, with no issuer
// reachable: the command line contract and the RFC 6750 answers of
// bearer_server.mjs. Run: node --test harness/adapters/node-common/
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ADAPTERS_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const NODE_ADAPTERS = [
  'node-jose', 'jsonwebtoken', 'fast-jwt', 'express-oauth2-jwt-bearer', 'passport-jwt',
  'fastify-jwt',
];
// Port 9 (discard) on loopback: nothing answers, so discovery fails fast.
const DEAD_ISSUER = 'https://127.0.0.1:9/issuer';
const VERSION_LINE = /^[@\w/.-]+ \d+\.\d+\.\d+[\w.-]*(, [@\w/.-]+ \d+\.\d+\.\d+[\w.-]*)* \(node \d+\.\d+\.\d+\)\n$/;

function installed(adapter) {
  return fs.existsSync(path.join(ADAPTERS_DIR, adapter, 'node_modules'));
}

function runAdapter(adapter, args) {
  return spawnSync(process.execPath, [path.join(ADAPTERS_DIR, adapter, 'server.mjs'), ...args], {
    encoding: 'utf8', timeout: 20000,
  });
}

describe('adapter command line', () => {
  for (const adapter of NODE_ADAPTERS) {
    test(`${adapter} --version prints one line of versions`, { skip: !installed(adapter) }, () => {
      const run = runAdapter(adapter, ['--version']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, VERSION_LINE);
    });

    test(`${adapter} has a manifest naming its folder`, () => {
      const manifest = JSON.parse(
        fs.readFileSync(path.join(ADAPTERS_DIR, adapter, 'adapter.json'), 'utf8'));
      assert.deepEqual(Object.keys(manifest).sort(), [
        'discovery', 'language', 'launch', 'library', 'name', 'notes', 'token_endpoint',
        'version',
      ]);
      assert.equal(manifest.name, adapter);
      assert.ok(['library', 'adapter'].includes(manifest.discovery));
      assert.match(manifest.launch, /\{dir\}\/server\.mjs --issuer \{issuer\}/);
    });
  }

  test('--version without the packages installed exits 3 naming them', () => {
    // A copy of an adapter beside a link to node-common, with no node_modules.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtconf-adapter-'));
    try {
      fs.symlinkSync(path.join(ADAPTERS_DIR, 'node-common'), path.join(root, 'node-common'));
      fs.mkdirSync(path.join(root, 'fast-jwt'));
      fs.copyFileSync(path.join(ADAPTERS_DIR, 'fast-jwt', 'server.mjs'),
        path.join(root, 'fast-jwt', 'server.mjs'));
      const run = spawnSync(process.execPath, [path.join(root, 'fast-jwt', 'server.mjs'),
        '--version'], { encoding: 'utf8', timeout: 20000 });
      assert.equal(run.status, 3);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /not installed: fast-jwt, get-jwks/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('a non-loopback --host is refused', { skip: !installed('node-jose') }, () => {
    const run = runAdapter('node-jose', ['--issuer', DEAD_ISSUER, '--audience', 'a',
      '--port', '0', '--host', '0.0.0.0']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /refusing non-loopback --host 0\.0\.0\.0/);
  });

  test('a missing --audience is refused', { skip: !installed('node-jose') }, () => {
    const run = runAdapter('node-jose', ['--issuer', DEAD_ISSUER, '--port', '0']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--audience is required/);
  });
});

const WRITE_PIECE_BYTES = 16 * 1024;

// Sends raw bytes, so malformed requests can be written exactly, in pieces
// with a pause between them (as a client writing a large request does, so
// the server may answer before it has all), and reads the answer once all
// is written.
function exchange(port, request) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(10000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.pause();
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    const writeFrom = (offset) => {
      if (offset >= request.length) {
        socket.end(() => socket.resume());
        return;
      }
      socket.write(request.slice(offset, offset + WRITE_PIECE_BYTES),
        () => setTimeout(() => writeFrom(offset + WRITE_PIECE_BYTES), 2));
    };
    socket.on('connect', () => writeFrom(0));
  });
}

function parse(answer) {
  const [head, body] = answer.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  const challenge = /^www-authenticate: (.*)$/im.exec(head)?.[1] ?? null;
  return { status, challenge, body };
}

function get(headers) {
  return `GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}\r\n`;
}

describe('bearer_server answers (node-jose, issuer unreachable)', { skip: !installed('node-jose') }, () => {
  let server;
  let port;
  before(async () => {
    server = spawn(process.execPath, [path.join(ADAPTERS_DIR, 'node-jose', 'server.mjs'),
      '--issuer', DEAD_ISSUER, '--audience', 'a', '--port', '0', '--duration', '60']);
    port = await new Promise((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      server.on('exit', (code) => reject(new Error(`adapter exited ${code}`)));
    });
  });
  after(() => server.kill('SIGTERM'));

  test('no Authorization header gets 401 with a bare Bearer challenge', async () => {
    const answer = parse(await exchange(port, get('')));
    assert.equal(answer.status, 401);
    assert.equal(answer.challenge, 'Bearer');
  });

  test('another scheme counts as no credentials', async () => {
    const answer = parse(await exchange(port, get('Authorization: Basic d29ya2xvYWQ6c2VjcmV0\r\n')));
    assert.equal(answer.status, 401);
    assert.equal(answer.challenge, 'Bearer');
  });

  test('two Authorization headers get 400 invalid_request', async () => {
    const answer = parse(await exchange(port,
      get('Authorization: Bearer a.b.c\r\nAuthorization: Bearer a.b.c\r\n')));
    assert.equal(answer.status, 400);
    assert.equal(answer.challenge, 'Bearer error="invalid_request"');
  });

  test('a token that cannot be verified gets 401 invalid_token without echo', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const answer = parse(await exchange(port, get(`Authorization: Bearer ${token}\r\n`)));
    assert.equal(answer.status, 401);
    assert.equal(answer.challenge, 'Bearer error="invalid_token"');
    assert.deepEqual(JSON.parse(answer.body), { error: 'invalid_token', reason: 'discovery_failed' });
  });

  test('a body over 64 KiB gets 413', async () => {
    const body = 'a'.repeat(65 * 1024);
    const answer = parse(await exchange(port,
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`));
    assert.equal(answer.status, 413);
  });

  test('a 1 MiB header gets 431 that the client can read', async () => {
    const answer = parse(await exchange(port,
      get(`Authorization: Bearer ${'A'.repeat(1 << 20)}\r\n`)));
    assert.equal(answer.status, 431);
  });
});
