// What the express-based adapters share around the library's middleware: the
// protected resource, and serving the app on loopback with the limits of
// lifecycle.mjs. The RFC 6750 binding itself is the library's (or
// passport's), so HTTP-* results measure framework + library.
import http from 'node:http';

import { resourceBody } from './answers.mjs';
import {
  closeHttpServer, limitServer, listenAndAnnounce, stopOnSignalOrDeadline,
} from './lifecycle.mjs';

// claimsOf(request) gives { payload, header } as the middleware left them.
export function protectedResource(claimsOf) {
  return (request, response) => {
    const { payload, header } = claimsOf(request);
    response.set('cache-control', 'no-store').json(resourceBody(payload, header));
  };
}

export function serveExpress(name, app, options) {
  const server = http.createServer(app);
  limitServer(server);
  stopOnSignalOrDeadline(() => closeHttpServer(server), options.duration);
  listenAndAnnounce(name, server, options);
}
