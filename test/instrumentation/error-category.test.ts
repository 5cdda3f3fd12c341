import {expect} from 'chai'

import {categorizeError, errorClassName} from '../../src/instrumentation/error-category.js'

function withFields(error: Error, fields: Record<string, unknown>): Error {
  return Object.assign(error, fields)
}

describe('categorizeError', function () {
  const cases: Array<[string, unknown, number, string]> = [
    ['no error, exit 0', undefined, 0, 'none'],
    ['no error, non-zero exit (a --json failure)', undefined, 1, 'unknown'],
    ['this.exit(3)', withFields(new Error('EEXIT: 3'), {code: 'EEXIT', oclif: {exit: 3}}), 3, 'exit_code'],
    ['this.exit(0)', withFields(new Error('EEXIT: 0'), {code: 'EEXIT', oclif: {exit: 0}}), 0, 'none'],
    ['a parse error', withFields(new Error('Missing 1 required arg'), {oclif: {exit: 2}, parse: {}}), 2, 'usage'],
    ['a flag value error', withFields(new Error('Parsing --limit \n\tExpected an integer'), {oclif: {exit: 2}}), 2, 'usage'],
    ['command not found', withFields(new Error('command nope not found'), {oclif: {exit: 2}}), 2, 'command_not_found'],
    ['HTTP 401', withFields(new Error('Request failed'), {status: 401}), 1, 'auth'],
    ['bad credentials message', new Error('Bad credentials'), 1, 'auth'],
    ['HTTP 429', withFields(new Error('Too many'), {statusCode: 429}), 1, 'rate_limit'],
    ['rate limit message', new Error('API rate limit exceeded for 10.0.0.1'), 1, 'rate_limit'],
    ['connection refused', withFields(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'}), 1, 'network'],
    ['fetch failed with a cause', new TypeError('fetch failed', {cause: withFields(new Error('x'), {code: 'ENOTFOUND'})}), 1, 'network'],
    ['timeout', withFields(new Error('x'), {code: 'ETIMEDOUT'}), 1, 'timeout'],
    ['abort', Object.assign(new Error('The operation was aborted'), {name: 'AbortError'}), 1, 'timeout'],
    ['git failure', withFields(new Error('Command failed with exit code 128: git clone x'), {command: 'git clone x'}), 1, 'git'],
    ['git fatal message', new Error("fatal: repository 'x' not found"), 1, 'git'],
    ['permission denied', withFields(new Error('EACCES: permission denied'), {code: 'EACCES'}), 1, 'filesystem'],
    ['interrupted', withFields(new Error('killed'), {signal: 'SIGINT'}), 130, 'interrupted'],
    ['this.error()', withFields(new Error('the organisation could not be processed'), {oclif: {exit: 2}}), 2, 'command_error'],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 1, 'internal'],
    ['a thrown string', 'oops', 1, 'internal'],
  ]
  for (const [title, error, exitCode, expected] of cases) {
    it(`${title} → ${expected}`, function () {
      expect(categorizeError(error, exitCode)).to.equal(expected)
    })
  }
})

describe('errorClassName', function () {
  it('keeps identifier-like class names only', function () {
    expect(errorClassName(new TypeError('x'))).to.equal('TypeError')
    expect(errorClassName({constructor: {name: 'has spaces ghp_x'}})).to.equal(undefined)
    expect(errorClassName('text')).to.equal(undefined)
  })
})
