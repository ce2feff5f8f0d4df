// jwtconf adapter: an RFC 6750 resource server that verifies bearer JWTs with
// panva/jose the way its documentation shows (createRemoteJWKSet + jwtVerify).
// jose does no discovery, so this adapter reads the issuer's metadata itself.
//
//   node server.mjs --issuer URL --audience AUD --port PORT [--leeway 60]
//                   [--host 127.0.0.1] [--duration 3600]
import http from 'node:http';
import net from 'node:net';
import { parseArgs } from 'node:util';

import { createRemoteJWKSet, jwtVerify } from 'jose';

// JWS-11: the asymmetric algorithms of the profile.
const ALGORITHMS = [
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512', 'EdDSA',
];
const MAX_BODY_BYTES = 64 * 1024;
const MAX_METADATA_BYTES = 512 * 1024;
const FETCH_TIMEOUT_MS = 5000;  // as jose's own JWKS fetch timeout
const REQUEST_TIMEOUT_MS = 10000;
// RFC 6750 §2.1: b64token after "Bearer" and one or more spaces.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

function usage(message) {
  process.stderr.write(`node-jose adapter: ${message}\n`);
  process.exit(2);
}

function parseOptions() {
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
      },
      strict: true,
    }));
  } catch (error) {
    usage(error.message);
  }
  if (!values.issuer) usage('--issuer is required');
  if (!values.audience) usage('--audience is required');
  if (values.port === undefined) usage('--port is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage('bad --port');
  const leeway = Number(values.leeway);
  if (!Number.isFinite(leeway) || leeway < 0) usage('bad --leeway');
  const duration = Number(values.duration);
  // setTimeout holds at most 2^31-1 ms.
  if (!Number.isFinite(duration) || duration <= 0 || duration > 2147483) {
    usage('bad --duration');
  }
  if (!isLoopback(values.host)) usage(`refusing non-loopback --host ${values.host}`);
  try {
    new URL(values.issuer);
  } catch {
    usage(`--issuer is not a URL: ${values.issuer}`);
  }
  return { ...values, port, leeway, duration };
}

function isLoopback(host) {
  if (net.isIPv4(host)) return host.split('.')[0] === '127';
  return net.isIPv6(host) && host === '::1';
}

const options = parseOptions();

// Discovery, done lazily on the first request and cached once it succeeds;
// a failure is not cached, so the next request tries again.
let remoteKeySet = null;
let pendingDiscovery = null;

class DiscoveryError extends Error {
  code = 'discovery_failed';
}

async function discover() {
  const base = options.issuer.replace(/\/$/, '');
  const url = new URL(`${base}/.well-known/openid-configuration`);
  let metadata;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new DiscoveryError(`metadata answered ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_METADATA_BYTES) throw new DiscoveryError('metadata too large');
    metadata = JSON.parse(text);
  } catch (error) {
    if (error instanceof DiscoveryError) throw error;
    throw new DiscoveryError(`metadata unusable: ${error.name}`);
  }
  // DISC-3: the metadata must name exactly the configured issuer.
  if (metadata === null || typeof metadata !== 'object' || metadata.issuer !== options.issuer) {
    throw new DiscoveryError('metadata issuer differs from the configured issuer');
  }
  if (typeof metadata.jwks_uri !== 'string') throw new DiscoveryError('no jwks_uri');
  let jwksUri;
  try {
    jwksUri = new URL(metadata.jwks_uri);
  } catch {
    throw new DiscoveryError('jwks_uri is not a URL');
  }
  return createRemoteJWKSet(jwksUri);
}

async function keySet() {
  if (remoteKeySet) return remoteKeySet;
  pendingDiscovery ??= discover()
    .then((set) => { remoteKeySet = set; return set; })
    .finally(() => { pendingDiscovery = null; });
  return pendingDiscovery;
}

// RFC 6750 §2: where the request carries a token.
function classify(request, body) {
  const authorization = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i].toLowerCase() === 'authorization') {
      authorization.push(request.rawHeaders[i + 1]);
    }
  }
  const query = new URL(request.url, 'http://localhost').searchParams.has('access_token');
  const form = (request.headers['content-type'] ?? '')
    .toLowerCase().startsWith('application/x-www-form-urlencoded') &&
    new URLSearchParams(body).has('access_token');

  const value = authorization[0];
  // HTTP-4: more than one Authorization header, an empty one, or a token in
  // both the query and the body.
  if (authorization.length > 1 || value === '' || (query && form)) {
    return { kind: 'invalid_request' };
  }
  // HTTP-2, HTTP-5: no bearer header (a query or body token alone is not
  // accepted); the scheme matches case-insensitively (HTTP-1).
  const scheme = value === undefined ? '' : value.split(/[ \t]/, 1)[0];
  if (scheme.toLowerCase() !== 'bearer') return { kind: 'missing' };
  // HTTP-4: a bearer header together with another method, or malformed.
  if (query || form) return { kind: 'invalid_request' };
  const match = BEARER.exec(value);
  if (!match) return { kind: 'invalid_request' };
  return { kind: 'token', token: match[1] };
}

function send(response, status, body, challenge) {
  const text = JSON.stringify(body);
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  };
  if (challenge) headers['www-authenticate'] = challenge;
  response.writeHead(status, headers);
  response.end(text);
}

async function handle(request, response, body) {
  const credentials = classify(request, body);
  if (credentials.kind === 'invalid_request') {
    send(response, 400, { error: 'invalid_request', reason: 'invalid_request' },
      'Bearer error="invalid_request"');
    return;
  }
  if (credentials.kind === 'missing') {
    send(response, 401, { error: 'missing_credentials', reason: 'missing_credentials' },
      'Bearer');
    return;
  }

  try {
    const jwks = await keySet();
    const { payload, protectedHeader } = await jwtVerify(credentials.token, jwks, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ALGORITHMS,
      clockTolerance: options.leeway,
    });
    send(response, 200, {
      sub: payload.sub, iss: payload.iss, aud: payload.aud,
      kid: protectedHeader.kid, alg: protectedHeader.alg,
    });
  } catch (error) {
    // HTTP-3, HTTP-8: only jose's error code, never the token or a message.
    send(response, 401, { error: 'invalid_token', reason: error?.code ?? 'internal_error' },
      'Bearer error="invalid_token"');
  }
}

const server = http.createServer((request, response) => {
  const chunks = [];
  let size = 0;
  let refused = false;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES && !refused) {
      refused = true;
      send(response, 413, { error: 'too_large', reason: 'too_large' });
      request.destroy();
      return;
    }
    if (!refused) chunks.push(chunk);
  });
  request.on('end', () => {
    if (refused) return;
    handle(request, response, Buffer.concat(chunks).toString('latin1')).catch(() => {
      if (!response.headersSent) send(response, 500, { error: 'server_error' });
    });
  });
  request.on('error', () => response.destroy());
});
server.requestTimeout = REQUEST_TIMEOUT_MS;
server.headersTimeout = FETCH_TIMEOUT_MS;
server.keepAliveTimeout = FETCH_TIMEOUT_MS;
server.maxRequestsPerSocket = 100;
server.maxHeadersCount = 100;

function shutdown() {
  server.close();
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 100).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
setTimeout(shutdown, options.duration * 1000).unref();

server.on('error', (error) => {
  process.stderr.write(`node-jose adapter: cannot listen: ${error.code ?? error.message}\n`);
  process.exit(1);
});
server.listen(options.port, options.host, () => {
  const { port } = server.address();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  process.stdout.write(`listening on http://${host}:${port}\n`);
});
