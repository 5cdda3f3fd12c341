/**
 * Masks secrets in text that a health result may carry (error messages, server answers).
 * Known values (the configured tokens) are replaced first, then the shapes of common tokens,
 * credentials in URLs and Authorization header values.
 */
const MASK = '***'

const PATTERNS: RegExp[] = [
  // Credentials in a URL: keep the scheme and host, drop user:password.
  /(?<=[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(?::[^/\s@]*)?@/gi,
  // Authorization header values.
  /(?<=authorization["']?\s*[:=]\s*["']?)(?:basic|bearer|token)\s+[^\s"',;]+/gi,
  /\b(?:basic|bearer)\s+[A-Za-z0-9+/=._~-]{16,}/gi,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b/g,
  /\bgithub_pat_\w{82}\b/g,
  /\bglpat-[\w-]{20,}/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\bATBB[A-Za-z0-9]{24,}/g,
  /\bATATT3[\w=-]{20,}/g,
  /\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g,
  // Azure DevOps PATs: 52 lowercase base32 characters, or the 84-character form.
  /\b[a-z2-7]{52}\b/g,
  /\b[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}AZDO[A-Za-z0-9]{4}\b/g,
]

function escapeRegExp(text: string): string {
  return text.replaceAll(/[$()*+.?[\\\]^{|}]/g, '\\$&')
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text
  // Longest first, so that a secret containing another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) result = result.replaceAll(new RegExp(escapeRegExp(secret), 'g'), MASK)
  }

  for (const pattern of PATTERNS) result = result.replace(pattern, MASK)
  return result
}

/** Masks every string of a value made of plain objects and arrays (a check result). */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return redact(value, secrets) as T
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, secrets)) as T
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)])) as T
  }

  return value
}
