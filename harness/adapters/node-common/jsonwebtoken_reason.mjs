// The `reason` for a rejection by jsonwebtoken (used directly or under
// passport-jwt). Its errors carry no code: TokenExpiredError and
// NotBeforeError name themselves, while JsonWebTokenError and passport-jwt's
// plain Errors say what failed in a fixed opening phrase ("invalid
// signature", "jwt audience invalid. expected: ...", "No auth token"). Only
// that phrase is kept, so nothing taken from the token (a kid quoted by
// jwks-rsa, say) reaches the answer (HTTP-8).
import { libraryReason } from './answers.mjs';

export function jsonwebtokenReason(error) {
  const phrased = error?.name === 'JsonWebTokenError' || error?.name === 'Error';
  if (phrased && typeof error.code !== 'string' && typeof error.message === 'string') {
    return error.message.split(/[.:]/, 1)[0];
  }
  return libraryReason(error);
}
