// jwtconf adapter: an RFC 6750 resource server that verifies bearer JWTs with
// fast-jwt's createVerifier, its key function backed by get-jwks, as
// get-jwks's README shows for fast-jwt. get-jwks finds jwks_uri itself
// (providerDiscovery); the domain it is asked about is the configured issuer.
//
//   node server.mjs --issuer URL --audience AUD --port PORT [--leeway 60]
//                   [--host 127.0.0.1] [--duration 3600]
//   node server.mjs --version
import { adapterOptions } from '../node-common/adapter_cli.mjs';
import { serveBearer } from '../node-common/bearer_server.mjs';

const options = adapterOptions({
  name: 'fast-jwt', adapterUrl: import.meta.url, packages: ['fast-jwt', 'get-jwks'],
});
// Imported only now, so a missing install gives the message above.
const { createVerifier } = await import('fast-jwt');
const { default: buildGetJwks } = await import('get-jwks');

const getJwks = buildGetJwks({
  issuersWhitelist: [options.issuer],
  providerDiscovery: true,
});

const verifyToken = createVerifier({
  key: async ({ header }) => getJwks.getPublicKey({
    kid: header.kid,
    alg: header.alg,
    domain: options.issuer,
  }),
  allowedIss: options.issuer,
  allowedAud: options.audience,
  clockTolerance: options.leeway * 1000,  // fast-jwt counts milliseconds
  complete: true,
});

serveBearer({ name: 'fast-jwt', options, verify: verifyToken });
