// An RFC 6750 resource server on plain node:http, for the adapters whose
// library is a bare verifier (jose, jsonwebtoken, fast-jwt): it finds the
// bearer token, hands it to the adapter's verify(), and answers 2xx, 400 or
// 401 with WWW-Authenticate. Results for HTTP-* against these adapters
// measure this code, not the library.
import http from 'node:http';

import { libraryReason, resourceBody } from './answers.mjs';
import {
  LIMITS, closeHttpServer, limitServer, listenAndAnnounce, stopOnSignalOrDeadline,
} from './lifecycle.mjs';

// RFC 6750 §2.1: b64token after "Bearer" and one or more spaces.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

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

async function handle(request, response, body, verify, reasonOf) {
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

  let verified;
  try {
    verified = await verify(credentials.token);
  } catch (error) {
    // HTTP-3, HTTP-8: only the library's error code, never the token.
    send(response, 401, { error: 'invalid_token', reason: reasonOf(error) },
      'Bearer error="invalid_token"');
    return;
  }
  send(response, 200, resourceBody(verified.payload, verified.header));
}

// verify(token) resolves to { payload, header } or throws the library's
// error; reasonOf(error) names it for the answer's `reason`.
export function serveBearer({ name, options, verify, reasonOf = libraryReason }) {
  const server = http.createServer((request, response) => {
    const chunks = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk) => {
      if (refused) return;
      size += chunk.length;
      if (size > LIMITS.maxBodyBytes) {
        refused = true;
        send(response, 413, { error: 'too_large', reason: 'too_large' });
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      const body = Buffer.concat(chunks).toString('latin1');
      handle(request, response, body, verify, reasonOf).catch(() => {
        if (!response.headersSent) send(response, 500, { error: 'server_error' });
      });
    });
    request.on('error', () => response.destroy());
  });
  limitServer(server);
  stopOnSignalOrDeadline(() => closeHttpServer(server), options.duration);
  listenAndAnnounce(name, server, options);
}
