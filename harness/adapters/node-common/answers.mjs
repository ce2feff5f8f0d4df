// The JSON answers every Node.js adapter gives, whatever serves HTTP.

// RFC 6750 §3.1 error code for a rejection's status.
export function bearerError(status) {
  if (status === 400) return 'invalid_request';
  if (status === 401) return 'invalid_token';
  return 'server_error';
}

// The protected resource's answer: the verified subject and what verified it
// (HTTP-6).
export function resourceBody(payload, header) {
  return {
    sub: payload.sub, iss: payload.iss, aud: payload.aud, kid: header?.kid, alg: header?.alg,
  };
}

// The library's own name for a rejection: the error's `code` (jose, fast-jwt,
// get-jwks, @fastify/jwt), else its class name. Messages are left out: some
// quote parts of the token (HTTP-8).
export function libraryReason(error) {
  if (typeof error?.code === 'string') return error.code;
  return typeof error?.name === 'string' ? error.name : 'internal_error';
}
