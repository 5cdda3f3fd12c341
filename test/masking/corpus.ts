/**
 * Realistic fake secrets of every format DESIGN.md lists, the places they turn up in, and
 * strings that look close to secrets but are not. The bodies are random-looking so that the
 * test can check that no fragment of a secret survives, not only the whole.
 */

export interface FakeSecret {
  kind: string
  value: string
  /** The public type prefix a mask may keep (`ghp_`); the rest must vanish. */
  prefix: string
  /** Recognisable by format alone, so it must be masked even in free text. */
  byFormat: boolean
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Deterministic pseudo-random text (a fixed LCG), so failures reproduce. */
function fake(length: number, alphabet = ALNUM, seed = length * 7919): string {
  let state = seed
  let out = ''
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648
    out += alphabet[state % alphabet.length]
  }

  return out
}

const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567'
const azureNew = fake(52, ALNUM, 11) + 'JQQJ99' + fake(18, ALNUM, 12) + 'AZDO' + fake(4, ALNUM, 13)
const jwtPart = (seed: number, length: number): string => fake(length, ALNUM + '-_', seed)

export const SECRETS: FakeSecret[] = [
  {byFormat: true, kind: 'github classic (ghp_)', prefix: 'ghp_', value: 'ghp_' + fake(36, ALNUM, 1)},
  {byFormat: true, kind: 'github oauth (gho_)', prefix: 'gho_', value: 'gho_' + fake(36, ALNUM, 2)},
  {byFormat: true, kind: 'github user-to-server (ghu_)', prefix: 'ghu_', value: 'ghu_' + fake(36, ALNUM, 3)},
  {byFormat: true, kind: 'github server (ghs_)', prefix: 'ghs_', value: 'ghs_' + fake(36, ALNUM, 4)},
  {byFormat: true, kind: 'github refresh (ghr_)', prefix: 'ghr_', value: 'ghr_' + fake(36, ALNUM, 5)},
  {byFormat: true, kind: 'github fine-grained', prefix: 'github_pat_', value: 'github_pat_11' + fake(20, ALNUM, 6) + '_' + fake(59, ALNUM, 7)},
  {byFormat: true, kind: 'gitlab', prefix: 'glpat-', value: 'glpat-' + fake(20, ALNUM + '-_', 8)},
  {byFormat: true, kind: 'azure devops (52 base32)', prefix: '', value: fake(52, BASE32_LOWER, 9)},
  {byFormat: true, kind: 'azure devops (84, JQQJ99/AZDO)', prefix: '', value: azureNew},
  {byFormat: true, kind: 'bitbucket app password', prefix: 'ATBB', value: 'ATBB' + fake(32, ALNUM, 14)},
  {byFormat: true, kind: 'atlassian api token', prefix: 'ATATT3', value: 'ATATT3xFfGF0' + fake(170, ALNUM + '-_', 15) + '=' + fake(8, 'ABCDEF0123456789', 16)},
  {byFormat: true, kind: 'npm', prefix: 'npm_', value: 'npm_' + fake(36, ALNUM, 17)},
  {byFormat: true, kind: 'jwt', prefix: '', value: `eyJhbGciOiJSUzI1NiJ9.eyJ${jwtPart(18, 40)}.${jwtPart(19, 43)}`},
  // Values with no format of their own: only where they stand tells that they are secret.
  {byFormat: false, kind: 'plain password', prefix: '', value: 'Corr3ct-Horse_Battery7'},
  {byFormat: false, kind: 'opaque token', prefix: '', value: 'q8ZtLw2NvXe5Rk0s'},
]

export interface Place {
  name: string
  /** Only secrets recognisable by format can be found here (free text gives no other clue). */
  formatOnly: boolean
  /** Puts the secret in place; returns what goes to the masker (a string or a structure). */
  build(secret: string): unknown
}

const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64')

export const PLACES: Place[] = [
  {build: (s) => `Cloning acme/api failed: remote rejected ${s} (expired?)`, formatOnly: true, name: 'log message'},
  {build: (s) => ({org: 'acme', result: {attempts: [{note: `retrying with ${s}`}]}}), formatOnly: true, name: 'nested field value'},
  {build: (s) => ({provider: {github: {token: s, url: 'https://api.github.com'}}}), formatOnly: false, name: 'field named token'},
  {build: (s) => ({auth: {password: s}, headers: {Authorization: `Bearer ${s}`}}), formatOnly: false, name: 'fields named password / Authorization'},
  {build: (s) => ({apiKey: s, client_secret: s, GITHUB_PAT: s}), formatOnly: false, name: 'fields named apiKey / client_secret / PAT'},
  {build: (s) => `git clone https://oauth2:${s}@gitlab.example.com/acme/api.git`, formatOnly: false, name: 'URL userinfo (user:secret)'},
  {build: (s) => `fetching https://${s}@dev.azure.com/acme/_git/api`, formatOnly: false, name: 'URL userinfo (secret only)'},
  {build: (s) => `GET https://api.example.com/repos?access_token=${s}&page=2`, formatOnly: false, name: 'URL query parameter'},
  {build: (s) => ({url: `https://bitbucket.org/acme/api.git?sig=${s}`}), formatOnly: false, name: 'URL query sig in a field'},
  {build: (s) => `Authorization: Bearer ${s}`, formatOnly: false, name: 'Authorization: Bearer header'},
  {build: (s) => `authorization: token ${s}\r\nhost: api.github.com`, formatOnly: false, name: 'Authorization: token header'},
  {build: (s) => `Authorization: Basic ${basic('', s)}`, formatOnly: false, name: 'Authorization: Basic header'},
  {build: (s) => `Proxy-Authorization: ${s}`, formatOnly: false, name: 'Proxy-Authorization header'},
  {build: (s) => `mgit clone-all acme ./repos --token ${s} --concurrency 4`, formatOnly: false, name: 'flag --token X'},
  {build: (s) => `mgit list --provider work --token=${s}`, formatOnly: false, name: 'flag --token=X'},
  {build: (s) => `mgit login --password "${s}"`, formatOnly: false, name: 'flag --password "X"'},
  {build: (s) => `env MGIT_GITHUB_TOKEN=${s} mgit list`, formatOnly: false, name: 'NAME_TOKEN=X'},
  {build: (s) => `{"user":"ci","password": "${s}","org":"acme"}`, formatOnly: false, name: 'JSON "password": "X"'},
  {build: (s) => `providers:\n  work:\n    url: https://dev.azure.com/acme\n    token: ${s}\n`, formatOnly: false, name: 'YAML token: X'},
  {build: (s) => `X-Api-Key: ${s}`, formatOnly: false, name: 'X-Api-Key header'},
  {build: (s) => new Error(`request to https://ci:${s}@api.github.com failed with token=${s}`), formatOnly: false, name: 'error message'},
  {
    build(s) {
      const error = new Error('clone failed')
      error.stack = `Error: clone failed for ${s}\n    at clone (file:///app/clone.js:10:5)\n    at async run (file:///app/run.js:3:1)`
      return {error}
    },
    formatOnly: true,
    name: 'error stack',
  },
  {build: (s) => ({error: {cause: new Error(`fetch failed: ${s}`)}}), formatOnly: true, name: 'error cause'},
]

/** Strings that must come through untouched. */
export const NON_SECRETS: string[] = [
  'commit 0123456789abcdef0123456789abcdef01234567',
  'HEAD is now at 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'correlation 123e4567-e89b-12d3-a456-426614174000',
  'Please provide a token to continue.',
  'The token expired yesterday; run mgit login again',
  'Basic authentication failed for user ci',
  'Bearer authentication is required',
  'Cloned 3, skipped 0, failed 0 of 3 repositories in 2.1s.',
  'git@github.com:acme/api.git',
  'https://github.com/acme/api.git',
  'https://dev.azure.com/acme/project/_git/api',
  'monkey business with a keyboard',
  'patch applied to /home/ci/path/to/repo',
  'mgit list --path /tmp/repos --compat --limit 10',
  'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '2026-11-29T03:36:34.779Z',
  'mgit_api_requests_total{provider="github",status_class="2xx"} 42',
  'x-ratelimit-remaining: 0',
  'tokenizer finished',
  'version 1.4.0 (node v20.20.2)',
  'abcdefghijklmnopqrstuvwxyz234567abcd',
  'token_type=bearer expires_in=3600',
  'user@example.com wrote',
]

/** Structures with non-secret fields that must survive as they are. */
export const NON_SECRET_VALUES: unknown[] = [
  {keyId: 'k-1', path: '/tmp/x', tokenType: 'bearer', tokenExpiry: '2026-12-01', commit: '0123456789abcdef0123456789abcdef01234567'},
  {count: 3, ok: true, list: ['a', 'b'], nothing: null, when: '2026-11-29'},
  {provider: 'github', endpoint: '/orgs/{org}/repos', status: 200},
]
