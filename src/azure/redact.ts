// Azure's error texts are copied into error messages, incomplete reasons and logs. Some proxies echo
// the request back in their error bodies, Authorization header included: every such text is scrubbed
// of bearer tokens, Authorization headers and JWT-looking strings before plaudit repeats it.

const REDACTED = '[redacted]';

// Header lines and JSON/query fields named authorization: the value up to the end of the field.
const AUTHORIZATION_FIELD = /(\b(?:proxy-)?authorization\b["']?\s*[:=]\s*["']?)(?:bearer\s+)?[^"'\s,;&}\]]+/gi;
const BEARER = /\bbearer(\s+|%20|\+)[A-Za-z0-9._~+/=-]+/gi;
// Three base64url segments, the first a JSON object (`{"` encodes to `eyJ`): a JWT, signed or not.
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*/g;
const ACCESS_TOKEN_FIELD =
  /(\b(?:access_token|accessToken|id_token|refresh_token)\b["']?\s*[:=]\s*["']?)[^"'\s,;&}\]]+/gi;

/** The text with anything that could be a credential replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  return text
    .replace(AUTHORIZATION_FIELD, `$1${REDACTED}`)
    .replace(ACCESS_TOKEN_FIELD, `$1${REDACTED}`)
    .replace(BEARER, `Bearer ${REDACTED}`)
    .replace(JWT, REDACTED);
}
