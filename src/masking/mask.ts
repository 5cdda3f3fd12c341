import {
  AUTH_HEADER_PATTERN,
  BARE_SCHEME_PATTERN,
  FLAG_VALUE_PATTERN,
  HINT_PATTERN,
  MASK,
  NAMED_VALUE_PATTERN,
  TOKEN_PATTERN,
  URL_USERINFO_PATTERN,
  isSensitiveName,
} from './patterns.js'

export {MASK, isSensitiveName} from './patterns.js'

const AUTH_SCHEMES = new Set(['basic', 'bearer', 'token', 'digest', 'negotiate', 'ntlm'])

function tokenReplacement(_match: string, ...groups: unknown[]): string {
  // The prefixed formats capture their public prefix; at most one group is set.
  for (const group of groups) {
    if (typeof group === 'string') return group + MASK
    if (typeof group === 'number') break
  }

  return MASK
}

function quoted(value: string): string {
  if (value.startsWith('\\"')) return `\\"${MASK}\\"`
  if (value.startsWith('"')) return `"${MASK}"`
  if (value.startsWith("'")) return `'${MASK}'`
  return MASK
}

function isMasked(value: string): boolean {
  return value.includes(MASK)
}

function flagReplacement(match: string, dashes: string, name: string, separator: string, value: string): string {
  if (!isSensitiveName(name) || isMasked(value)) return match
  return `${dashes}${name}${separator}${quoted(value)}`
}

function namedValueReplacement(match: string, quote: string, name: string, separator: string, value: string): string {
  if (!isSensitiveName(name) || isMasked(value)) return match
  // `Authorization: Bearer ***` was handled by the header pattern; keep its scheme readable.
  if (AUTH_SCHEMES.has(value.replace(/^["']/, '').toLowerCase())) return match
  return `${quote}${name}${quote}${separator}${quoted(value)}`
}

function authHeaderReplacement(_match: string, head: string, scheme: string | undefined): string {
  return scheme ? `${head}${scheme} ${MASK}` : `${head}${MASK}`
}

/**
 * Masks every secret in a string: tokens by format, URL credentials, Authorization headers and
 * values of fields or flags named like secrets. Strings that cannot hold one return unchanged
 * after a single pre-check.
 */
export function maskString(input: string): string {
  if (input.length < 3 || !HINT_PATTERN.test(input)) return input
  return input
    .replace(TOKEN_PATTERN, tokenReplacement)
    .replace(URL_USERINFO_PATTERN, `$1${MASK}@`)
    .replace(AUTH_HEADER_PATTERN, authHeaderReplacement)
    .replace(BARE_SCHEME_PATTERN, `$1 ${MASK}`)
    .replace(FLAG_VALUE_PATTERN, flagReplacement)
    .replace(NAMED_VALUE_PATTERN, namedValueReplacement)
}

const MAX_DEPTH = 12

/**
 * A deep copy of `value` with every secret masked: strings through `maskString`, and the whole
 * value of any key named like a secret (`token`, `password`, `apiKey`, `authorization`...).
 * Errors become plain objects (name, message, stack, code, cause), masked like the rest. Cycles
 * and excessive depth are cut rather than followed.
 */
export function maskValue(value: unknown): unknown {
  return maskInner(value, 0, new WeakSet())
}

function maskInner(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskString(value)
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[Circular]'
  if (depth >= MAX_DEPTH) return '[Too deep]'
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => maskInner(item, depth + 1, seen))
    if (value instanceof Error) return maskInner(errorFields(value), depth, seen)
    if (value instanceof Date) return value
    // Binary data is not walked byte by byte (nor printed): it can be anything, keys included.
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return '[binary]'
    if (value instanceof URL) return maskString(value.href)
    if (value instanceof Map) return maskInner(Object.fromEntries(value), depth, seen)
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSensitiveName(key) && item !== undefined && item !== null && item !== '' ? MASK : maskInner(item, depth + 1, seen)
    }

    return out
  } finally {
    seen.delete(value)
  }
}

/** The parts of an error worth keeping: own enumerable fields plus the non-enumerable name, message and stack. */
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {...error, message: error.message, name: error.name}
  if (error.stack !== undefined) fields.stack = error.stack
  if (error.cause !== undefined) fields.cause = error.cause
  return fields
}
