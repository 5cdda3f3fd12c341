import {expect} from 'chai'

import {MASK, isSensitiveName, maskString, maskValue} from '../../src/masking/mask.js'
import {NON_SECRETS, NON_SECRET_VALUES, PLACES, SECRETS} from './corpus.js'

/** Every 6-character window of the secret's body (what follows its public prefix). */
function fragments(value: string, prefix: string): string[] {
  const body = value.slice(prefix.length)
  const out: string[] = []
  for (let i = 0; i + 6 <= body.length; i++) out.push(body.slice(i, i + 6))
  return out
}

function mask(input: unknown): string {
  return typeof input === 'string' ? maskString(input) : JSON.stringify(maskValue(input))
}

describe('credential masking corpus', function () {
  for (const secret of SECRETS) {
    describe(secret.kind, function () {
      for (const place of PLACES) {
        if (place.formatOnly && !secret.byFormat) continue
        it(`is masked in: ${place.name}`, function () {
          const input = place.build(secret.value)
          const out = mask(input)
          expect(out).not.to.contain(secret.value)
          for (const fragment of fragments(secret.value, secret.prefix)) expect(out, `fragment ${fragment}`).not.to.contain(fragment)
          expect(out).to.contain(MASK)
        })
      }

      it('keeps only the public type prefix', function () {
        const out = maskString(`value ${secret.value} end`)
        if (secret.byFormat) expect(out).to.equal(`value ${secret.prefix}${MASK} end`)
        else expect(out).to.equal(`value ${secret.value} end`)
      })
    })
  }

  describe('non-secrets', function () {
    for (const text of NON_SECRETS) {
      it(`leaves alone: ${JSON.stringify(text)}`, function () {
        expect(maskString(text)).to.equal(text)
      })
    }

    for (const value of NON_SECRET_VALUES) {
      it(`leaves alone the structure ${JSON.stringify(value)}`, function () {
        expect(maskValue(value)).to.deep.equal(value)
      })
    }
  })

  describe('names', function () {
    it('recognises secret-like field names in every case style', function () {
      for (const name of ['token', 'accessToken', 'access_token', 'ACCESS_TOKEN', 'x-api-key', 'apiKey', 'password', 'clientSecret', 'PAT', 'authorization', 'credentials', 'sig']) {
        expect(isSensitiveName(name), name).to.equal(true)
      }
    })

    it('does not take paths, types or ids of tokens for tokens', function () {
      for (const name of ['path', 'compat', 'monkey', 'keyId', 'tokenType', 'token_file', 'tokenizer', 'patch', 'keyboard', 'author']) {
        expect(isSensitiveName(name), name).to.equal(false)
      }
    })
  })

  describe('structures', function () {
    it('masks a sensitive key whole, whatever its value', function () {
      expect(maskValue({token: {nested: 'x'}, password: 12345})).to.deep.equal({password: MASK, token: MASK})
    })

    it('turns errors into masked plain objects and survives cycles', function () {
      const secret = SECRETS[0].value
      const cyclic: Record<string, unknown> = {message: `uses ${secret}`}
      cyclic.self = cyclic
      const out = maskValue({cyclic, error: new TypeError(`bad ${secret}`)}) as {error: {name: string; message: string}; cyclic: {self: unknown}}
      expect(out.error.name).to.equal('TypeError')
      expect(out.error.message).to.equal(`bad ghp_${MASK}`)
      expect(out.cyclic.self).to.equal('[Circular]')
    })

    it('does not walk binary data', function () {
      expect(maskValue({body: Buffer.from('token=abc')})).to.deep.equal({body: '[binary]'})
    })

    it('does not modify its input', function () {
      const input = {token: 'abc', url: 'https://u:p@h'}
      maskValue(input)
      expect(input).to.deep.equal({token: 'abc', url: 'https://u:p@h'})
    })
  })

  describe('cost', function () {
    it('stays linear on hostile input (no catastrophic backtracking)', function () {
      const inputs = ['a'.repeat(200_000), '--token '.repeat(20_000), 'https://'.repeat(20_000) + '@', 'token='.repeat(30_000), 'eyJ'.repeat(50_000)]
      for (const input of inputs) {
        const started = performance.now()
        maskString(input)
        expect(performance.now() - started, input.slice(0, 20)).to.be.below(1000)
      }
    })
  })
})
