/**
 * What a secret looks like. Precompiled once; `maskString` runs them in the order below.
 * Every replacement keeps at most the public type prefix of a token (`ghp_***`), never a
 * character of the secret itself.
 */

export const MASK = '***'

/**
 * Tokens recognisable by their format. One alternation so that a string is scanned once;
 * each prefixed format captures its public prefix in its own group (see `tokenReplacement`).
 * The look-arounds stop a match inside a longer word (no false positive in the middle of an
 * identifier), and the fixed lengths keep 40-character SHAs and UUIDs out.
 */
export const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(?<![A-Za-z0-9_])(?:`,
    [
      // GitHub classic tokens: ghp_ (personal), gho_ (OAuth), ghu_ (user-to-server), ghs_ (server), ghr_ (refresh).
      String.raw`(gh[pousr]_)[A-Za-z0-9]{36,251}`,
      // GitHub fine-grained PATs: github_pat_ + 82 word characters (allow other lengths GitHub may issue).
      String.raw`(github_pat_)[A-Za-z0-9_]{40,251}`,
      String.raw`(glpat-)[A-Za-z0-9_-]{20,}`,
      // Bitbucket app passwords and Atlassian API tokens.
      String.raw`(ATBB)[A-Za-z0-9_=-]{24,}`,
      String.raw`(ATATT3)[A-Za-z0-9_=-]{24,}`,
      String.raw`(npm_)[A-Za-z0-9]{36}`,
      // JWTs: base64url JSON header `{"` is always `eyJ`.
      String.raw`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`,
      // Azure DevOps PATs, new format: 84 characters with the JQQJ99 and AZDO signatures.
      String.raw`[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}AZDO[A-Za-z0-9]{4}`,
      // Azure DevOps PATs, old format: 52 lowercase base32 characters.
      String.raw`[a-z2-7]{52}`,
    ].join('|'),
    String.raw`)(?![A-Za-z0-9_])`,
  ].join(''),
  'g',
)

/** `scheme://userinfo@`: the whole userinfo goes (a lone user part is often the token itself). */
export const URL_USERINFO_PATTERN = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi

/**
 * `Authorization: <scheme> <credentials>` (also `Proxy-Authorization`, JSON `"authorization": "..."`).
 * The credentials run to the end of the line or quote: Digest and some schemes contain spaces.
 */
export const AUTH_HEADER_PATTERN =
  /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(basic|bearer|token|digest|negotiate|ntlm)\s+)?[^\r\n"']+/gi

/**
 * A bare `Bearer <token>` or `Basic <base64>` outside a header line. The look-ahead wants a
 * digit or base64 punctuation, so that "Basic authentication failed" is left alone.
 */
export const BARE_SCHEME_PATTERN = /\b(Bearer|Basic)\s+(?=[A-Za-z]*[0-9+/=._~-])[A-Za-z0-9._~+/-]{8,}=*/g

/**
 * `--name value` and `--name=value` on a command line. Group 1 dashes, 2 name, 3 separator, 4 value;
 * the name is judged by `isSensitiveName` in the replacement.
 */
export const FLAG_VALUE_PATTERN = /(?<![\w-])(--?)([A-Za-z][\w.-]*)(=|\s+)(?!-)("[^"]*"|'[^']*'|[^\s"']+)/g

/**
 * `name=value`, `name: value`, `"name": "value"`, `Header-Name: value`, also JSON escaped once
 * inside another string. Group 1 opening quote, 2 name, 3 separator, 4 value. The look-ahead on the
 * name skips names that cannot be sensitive, so that `https://host/p?token=x` is not swallowed
 * whole as the "value" of `https`.
 */
export const NAMED_VALUE_PATTERN =
  /(?<![\w-])(\\?["']?)((?=[\w.-]*(?:token|passw|secret|pat|key|credential|pwd|passphrase|auth|sig|cookie))[A-Za-z][\w.-]*)\1(\s*(?:=|:(?!\/\/))\s*)(\\"(?:[^"\\]|\\[^"])*\\"|"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"',;&}\])]+)/gi

/**
 * Cheap pre-check: a string without any of these substrings cannot contain anything the
 * patterns above would change, so most log lines skip the real work.
 */
export const HINT_PATTERN =
  /gh[pousr]_|github_pat_|glpat-|ATBB|ATATT3|npm_|eyJ|@|bearer|basic|token|passw|secret|pat|key|credential|pwd|passphrase|auth|sig|cookie|JQQJ99|[a-z2-7]{52}/i

/** Parts of a field, flag or parameter name that mark its value as a secret. */
const SENSITIVE_LAST_PARTS = new Set([
  'token', 'tokens', 'password', 'passwd', 'pwd', 'secret', 'secrets', 'pat', 'key', 'apikey', 'authorization',
  'credential', 'credentials', 'passphrase', 'sig', 'signature', 'cookie', 'auth',
])
/** These mark a name anywhere in it (`token_value`, `client_secret_v2`)... */
const SENSITIVE_ANY_PARTS = new Set(['token', 'password', 'passwd', 'secret', 'credential', 'credentials', 'authorization', 'passphrase', 'apikey'])
/** ...unless the name ends in one of these: a token's file, type or expiry is not the token. */
const BENIGN_LAST_PARTS = new Set([
  'file', 'path', 'dir', 'type', 'name', 'id', 'url', 'uri', 'count', 'length', 'len', 'expiry', 'expires',
  'expiration', 'ttl', 'scope', 'scopes', 'env', 'var', 'prefix', 'kind', 'source', 'required', 'present', 'set',
])

/** Splits `accessToken`, `access_token`, `access-token`, `ACCESS_TOKEN` into lower-case parts. */
function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part.length > 0)
}

/** Whether a field, flag, header or parameter of this name holds a secret. */
export function isSensitiveName(name: string): boolean {
  const parts = nameParts(name)
  if (parts.length === 0) return false
  const last = parts.at(-1)!
  if (SENSITIVE_LAST_PARTS.has(last)) return true
  if (BENIGN_LAST_PARTS.has(last)) return false
  return parts.some((part) => SENSITIVE_ANY_PARTS.has(part))
}
