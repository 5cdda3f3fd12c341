/** Tokens shaped like real ones (so that shape-based masking is exercised too); none is real. */
export const TOKENS = {
  azure: 'k3m5n7p2q4r6s2t3u4v5w6x7y2z3a4b5c6d7e2f3g4h5i6j7k2m3',
  bitbucket: 'ATBB' + 'x9Y8w7V6u5T4s3R2q1P0o9N8m7L6k5J4',
  github: 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2',
}

export const ALL_TOKENS = Object.values(TOKENS)
