/**
 * Random identifiers for correlation, span and scratch-directory IDs. Not node:crypto: loading it
 * costs about 4 ms on every mgit command (the hooks' largest single cost), and these IDs need to
 * be unique, not unpredictable. V8 seeds Math.random per process from the OS's entropy.
 */
export function randomHex(chars: number): string {
  let hex = ''
  while (hex.length < chars) hex += Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0')
  return hex.slice(0, chars)
}

/** A version 4 UUID (RFC 9562 layout: version nibble 4, variant bits 10). */
export function randomUuid(): string {
  const hex = randomHex(32)
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
