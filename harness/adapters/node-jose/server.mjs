// jwtconf adapter: an RFC 6750 resource server that verifies bearer JWTs with
// panva/jose the way its documentation shows (createRemoteJWKSet + jwtVerify).
// jose does no discovery, so this adapter reads the issuer's metadata itself.
//
//   node server.mjs --issuer URL --audience AUD --port PORT [--leeway 60]
//                   [--host 127.0.0.1] [--duration 3600]
//   node server.mjs --version
import { adapterOptions } from '../node-common/adapter_cli.mjs';
import { serveBearer } from '../node-common/bearer_server.mjs';
import { lazyKeySource } from '../node-common/discovery.mjs';

const options = adapterOptions({
  name: 'node-jose', adapterUrl: import.meta.url, packages: ['jose'],
});
// Imported only now, so a missing install gives the message above.
const { createRemoteJWKSet, jwtVerify } = await import('jose');

// JWS-11: the asymmetric algorithms of the profile.
const ALGORITHMS = [
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512', 'EdDSA',
];

const keySet = lazyKeySource(options.issuer, (jwksUri) => createRemoteJWKSet(jwksUri));

async function verify(token) {
  const { payload, protectedHeader } = await jwtVerify(token, await keySet(), {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: ALGORITHMS,
    clockTolerance: options.leeway,
  });
  return { payload, header: protectedHeader };
}

serveBearer({ name: 'node-jose', options, verify });
