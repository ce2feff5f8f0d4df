// jwtconf adapter: an express app protected by passport with passport-jwt's
// JwtStrategy, its keys from jwks-rsa's passportJwtSecret, as jwks-rsa's
// passport example shows. passportJwtSecret takes a jwksUri and does no
// discovery, so this adapter reads the issuer's metadata itself.
//
//   node server.mjs --issuer URL --audience AUD --port PORT [--leeway 60]
//                   [--host 127.0.0.1] [--duration 3600]
//   node server.mjs --version
import { adapterOptions } from '../node-common/adapter_cli.mjs';
import { bearerError } from '../node-common/answers.mjs';
import { lazyKeySource } from '../node-common/discovery.mjs';
import { protectedResource, serveExpress } from '../node-common/express_app.mjs';
import { jsonwebtokenReason } from '../node-common/jsonwebtoken_reason.mjs';

const NAME = 'passport-jwt';

const options = adapterOptions({
  name: NAME,
  adapterUrl: import.meta.url,
  packages: ['passport-jwt', 'jsonwebtoken', 'jwks-rsa', 'passport', 'express'],
});
// Imported only now, so a missing install gives the message above.
const { default: express } = await import('express');
const { default: passport } = await import('passport');
const { Strategy: JwtStrategy, ExtractJwt } = await import('passport-jwt');
const { passportJwtSecret } = await import('jwks-rsa');

const secretProvider = lazyKeySource(options.issuer,
  (jwksUri) => passportJwtSecret({ jwksUri: jwksUri.href }));

passport.use(new JwtStrategy({
  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  secretOrKeyProvider: (request, rawJwtToken, done) => {
    secretProvider().then((provide) => provide(request, rawJwtToken, done), done);
  },
  issuer: options.issuer,
  audience: options.audience,
  jsonWebTokenOptions: { clockTolerance: options.leeway },
}, (payload, done) => done(null, { payload })));

const app = express();
// passport's custom callback, so the 401 names why; passport itself answers
// a failed bearer authentication with 401 and, as here, no WWW-Authenticate
// (passport-jwt's failures are Errors, not challenge strings).
app.use((request, response, next) => {
  passport.authenticate('jwt', { session: false }, (error, user, info) => {
    if (error) {
      next(error);
      return;
    }
    if (!user) {
      response.status(401).set('cache-control', 'no-store')
        .json({ error: bearerError(401), reason: jsonwebtokenReason(info) });
      return;
    }
    request.user = user;
    next();
  })(request, response, next);
});
app.use(protectedResource((request) => request.user));
// What passport reports as an error rather than a failure (a strategy that
// threw): 500, as JSON.
app.use((error, request, response, next) => {
  response.status(500).json({ error: bearerError(500), reason: jsonwebtokenReason(error) });
});

serveExpress(NAME, app, options);
