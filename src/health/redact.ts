/**
 * Masks secrets in text that a health result may carry (error messages, server answers).
 * Known values (the configured tokens, whatever their shape) are replaced first, then the
 * project-wide masking (token formats, URL credentials, Authorization values) applies.
 */
import {MASK, maskString} from '../masking/mask.js'

function escapeRegExp(text: string): string {
  return text.replaceAll(/[$()*+.?[\\\]^{|}]/g, '\\$&')
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text
  // Longest first, so that a secret containing another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) result = result.replaceAll(new RegExp(escapeRegExp(secret), 'g'), MASK)
  }

  return maskString(result)
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
