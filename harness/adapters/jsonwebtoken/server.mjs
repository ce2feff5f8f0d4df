// jwtconf adapter: an RFC 6750 resource server that verifies bearer JWTs with
// jsonwebtoken's jwt.verify and a getKey callback backed by jwks-rsa, as the
// jsonwebtoken README shows. jwks-rsa takes a jwksUri and does no discovery,
// so this adapter reads the issuer's metadata itself.
//
//   node server.mjs --issuer URL --audience AUD --port PORT [--leeway 60]
//                   [--host 127.0.0.1] [--duration 3600]
//   node server.mjs --version
import { adapterOptions } from '../node-common/adapter_cli.mjs';
import { serveBearer } from '../node-common/bearer_server.mjs';
import { lazyKeySource } from '../node-common/discovery.mjs';
import { jsonwebtokenReason } from '../node-common/jsonwebtoken_reason.mjs';

const options = adapterOptions({
  name: 'jsonwebtoken', adapterUrl: import.meta.url, packages: ['jsonwebtoken', 'jwks-rsa'],
});
// Imported only now, so a missing install gives the message above.
const { default: jwt } = await import('jsonwebtoken');
const { default: jwksClient } = await import('jwks-rsa');

const keyClient = lazyKeySource(options.issuer, (jwksUri) => jwksClient({ jwksUri: jwksUri.href }));

// The README's getKey, except that a key lookup error is passed on (the
// README's sample would throw on `key.publicKey` and crash the process).
function getKey(header, callback) {
  keyClient().then((client) => {
    client.getSigningKey(header.kid, (error, key) => {
      if (error) {
        callback(error);
        return;
      }
      callback(null, key.getPublicKey());
    });
  }, callback);
}

function verify(token) {
  return new Promise((resolve, reject) => {
    jwt.verify(token, getKey, {
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: options.leeway,
      complete: true,
    }, (error, decoded) => (error ? reject(error) : resolve(decoded)));
  });
}

serveBearer({ name: 'jsonwebtoken', options, verify, reasonOf: jsonwebtokenReason });
