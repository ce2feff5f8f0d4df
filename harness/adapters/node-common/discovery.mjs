// OpenID Connect discovery for the adapters whose library has none (jose,
// jwks-rsa): what their users write themselves, kept in one place so every
// such adapter discovers keys the same way. Results for DISC-* against these
// adapters measure this code, not the library.

const MAX_METADATA_BYTES = 512 * 1024;
const FETCH_TIMEOUT_MS = 5000;

export class DiscoveryError extends Error {
  code = 'discovery_failed';
}

// DISC-2: the metadata URL is the issuer without a trailing slash plus
// /.well-known/openid-configuration. Returns the jwks_uri as a URL.
async function discoverJwksUri(issuer) {
  const url = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  let metadata;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
    // DISC-7: a redirect to another origin is not taken.
    if (new URL(response.url).origin !== url.origin) {
      throw new DiscoveryError('metadata redirected to another origin');
    }
    if (!response.ok) throw new DiscoveryError(`metadata answered ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_METADATA_BYTES) throw new DiscoveryError('metadata too large');
    metadata = JSON.parse(text);
  } catch (error) {
    if (error instanceof DiscoveryError) throw error;
    throw new DiscoveryError(`metadata unusable: ${error.name}`);
  }

  // DISC-3: the metadata must name exactly the configured issuer.
  if (metadata === null || typeof metadata !== 'object' || metadata.issuer !== issuer) {
    throw new DiscoveryError('metadata issuer differs from the configured issuer');
  }

  if (typeof metadata.jwks_uri !== 'string') throw new DiscoveryError('no jwks_uri');
  let jwksUri;
  try {
    jwksUri = new URL(metadata.jwks_uri);
  } catch {
    throw new DiscoveryError('jwks_uri is not a URL');
  }
  // DISC-4: https only, unless the run itself is plain http.
  if (jwksUri.protocol !== 'https:' && url.protocol === 'https:') {
    throw new DiscoveryError('jwks_uri is not https');
  }
  return jwksUri;
}

// Returns an async getter of build(jwksUri), the library's key source.
// Discovery runs on first use and its result is kept once it succeeds; a
// failure is not kept, so the next request tries again.
export function lazyKeySource(issuer, build) {
  let source = null;
  let pending = null;
  return async () => {
    if (source) return source;
    pending ??= discoverJwksUri(issuer)
      .then((jwksUri) => { source = build(jwksUri); return source; })
      .finally(() => { pending = null; });
    return pending;
  };
}
