// jwtconf adapter: an express app protected by Auth0's
// express-oauth2-jwt-bearer `auth()` middleware, configured as its README
// shows with issuerBaseURL and audience. The library discovers the issuer's
// metadata and keys itself and answers failures with RFC 6750 errors.
//
//   node server.mjs --issuer URL --audience AUD --port PORT [--leeway 60]
//                   [--host 127.0.0.1] [--duration 3600]
//   node server.mjs --version
import { adapterOptions } from '../node-common/adapter_cli.mjs';
import { bearerError } from '../node-common/answers.mjs';
import { protectedResource, serveExpress } from '../node-common/express_app.mjs';

const NAME = 'express-oauth2-jwt-bearer';
const MAX_REASON_LENGTH = 200;

const options = adapterOptions({
  name: NAME, adapterUrl: import.meta.url, packages: [NAME, 'jose', 'express'],
});
// Imported only now, so a missing install gives the message above.
const { default: express } = await import('express');
const { auth } = await import('express-oauth2-jwt-bearer');

const app = express();
app.use(auth({
  issuerBaseURL: options.issuer,
  audience: options.audience,
  clockTolerance: options.leeway,
}));
app.use(protectedResource((request) => request.auth));

// An error handler as express's guide shows, keeping the library's status
// and WWW-Authenticate; the body is JSON instead of express's HTML page. The
// library's codes are generic (invalid_token), so `reason` is its
// description, which it also puts in error_description, else the error's
// class name (InvalidRequestError comes without a description).
app.use((error, request, response, next) => {
  const status = Number.isInteger(error?.status) ? error.status : 500;
  if (error?.headers) response.set(error.headers);
  const reason = String(error?.message || error?.code || error?.name || 'internal_error');
  response.status(status).set('cache-control', 'no-store').json({
    error: typeof error?.code === 'string' && error.code !== '' ? error.code : bearerError(status),
    reason: reason.slice(0, MAX_REASON_LENGTH),
  });
});

serveExpress(NAME, app, options);
