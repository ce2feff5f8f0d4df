// jwtconf adapter: a fastify app protected by @fastify/jwt with a secret
// function backed by get-jwks, as @fastify/jwt's README shows ("Verifying
// with JWKS"): the token's iss names the domain get-jwks fetches keys for.
// get-jwks finds jwks_uri itself (providerDiscovery) and only for the
// configured issuer (issuersWhitelist); @fastify/jwt checks iss and aud.
//
//   node server.mjs --issuer URL --audience AUD --port PORT [--leeway 60]
//                   [--host 127.0.0.1] [--duration 3600]
//   node server.mjs --version
import { adapterOptions } from '../node-common/adapter_cli.mjs';
import { bearerError, libraryReason, resourceBody } from '../node-common/answers.mjs';
import { LIMITS, announce, stopOnSignalOrDeadline } from '../node-common/lifecycle.mjs';

const NAME = 'fastify-jwt';

const options = adapterOptions({
  name: NAME,
  adapterUrl: import.meta.url,
  packages: ['@fastify/jwt', 'fast-jwt', 'get-jwks', 'fastify'],
});
// Imported only now, so a missing install gives the message above.
const { default: Fastify } = await import('fastify');
const { default: fastifyJwt } = await import('@fastify/jwt');
const { default: buildGetJwks } = await import('get-jwks');

function httpStatusOf(error) {
  const status = error?.statusCode;
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : null;
}

const fastify = Fastify({
  bodyLimit: LIMITS.maxBodyBytes,
  connectionTimeout: LIMITS.requestTimeoutMs,
  requestTimeout: LIMITS.requestTimeoutMs,
  keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
  maxRequestsPerSocket: LIMITS.maxRequestsPerSocket,
});
const getJwks = buildGetJwks({
  issuersWhitelist: [options.issuer],
  providerDiscovery: true,
});

fastify.register(fastifyJwt, {
  decode: { complete: true },
  secret: (request, token) => {
    const { header: { kid, alg }, payload: { iss } } = token;
    return getJwks.getPublicKey({ kid, domain: iss, alg });
  },
  verify: {
    allowedIss: options.issuer,
    allowedAud: options.audience,
    clockTolerance: options.leeway * 1000,  // fast-jwt counts milliseconds
  },
});

// The README's hook, except that it answers rejections itself. @fastify/jwt
// gives its own errors a status (401, or 400 for a malformed header) but
// passes fast-jwt's other errors (alg none, alg/key mismatch, malformed
// token) and get-jwks's unchanged and status-less, which stock fastify
// answers 500. They are still this token failing verification, so they get
// 401 here and the suite sees the library's verdict.
// TODO(adapters): the stock 500 (an HTTP-3 deviation) shows only in the
// README, since the harness counts any 5xx as an error, not as a rejection.
fastify.addHook('onRequest', async (request, reply) => {
  try {
    await request.jwtVerify();
  } catch (error) {
    const status = httpStatusOf(error) ?? 401;
    reply.code(status).header('cache-control', 'no-store')
      .send({ error: bearerError(status), reason: libraryReason(error) });
  }
});

// fastify has no form parser of its own; without one a form POST would get
// 415 before anything about its token could be judged (HTTP-4).
fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' },
  (request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body))));

// request.user is the verified payload (decode.complete shapes only what
// the secret function sees).
fastify.all('/*', async (request, reply) => {
  reply.header('cache-control', 'no-store');
  return resourceBody(request.user);
});

// Errors outside verification (a body over the limit, say): fastify's
// status, with the same JSON body.
fastify.setErrorHandler((error, request, reply) => {
  const status = httpStatusOf(error) ?? 500;
  reply.code(status).header('cache-control', 'no-store')
    .send({ error: bearerError(status), reason: libraryReason(error) });
});

stopOnSignalOrDeadline(() => fastify.close(), options.duration);
try {
  await fastify.listen({ port: options.port, host: options.host });
} catch (error) {
  process.stderr.write(`${NAME} adapter: cannot listen: ${error.code ?? error.message}\n`);
  process.exit(1);
}
announce(fastify.server.address());
