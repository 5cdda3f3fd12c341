import {createHash, timingSafeEqual} from 'node:crypto'

/**
 * Bearer-token check. Both sides are hashed first so that the comparison is constant-time and
 * of equal length whatever the caller sends (timingSafeEqual needs equal lengths, and comparing
 * lengths first would leak the token's length).
 */
export function bearerAuthenticator(token: string): (authorization: string | undefined) => boolean {
  const expected = sha256(token)
  return (authorization) => {
    if (authorization === undefined) return false
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization)
    if (!match) return false
    return timingSafeEqual(sha256(match[1]), expected)
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}
