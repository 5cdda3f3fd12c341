import {expect} from 'chai'

import {UNKNOWN_FLAG, flagNames} from '../../src/instrumentation/flag-names.js'

const FLAGS = {
  concurrency: {char: 'c', name: 'concurrency'},
  'fail-on-dirty': {allowNo: true, name: 'fail-on-dirty'},
  json: {name: 'json'},
  provider: {aliases: ['prov'], char: 'p', name: 'provider'},
  token: {char: 't', name: 'token'},
}

describe('flagNames', function () {
  it('records canonical names of long, short, aliased, negated and --flag=value forms', function () {
    const argv = ['acme', '--token', 'ghp_secret', '-c', '8', '--prov=github', '--no-fail-on-dirty', '--json']
    expect(flagNames(argv, FLAGS)).to.deep.equal(['concurrency', 'fail-on-dirty', 'json', 'provider', 'token'])
  })

  it('never records values, even ones that look like flags after `--`', function () {
    expect(flagNames(['--token=ghp_abc', '--', '--ghp_hidden'], FLAGS)).to.deep.equal(['token'])
  })

  it('records undeclared flags as (unknown), never by their text', function () {
    const names = flagNames(['--ghp_0123456789', '-x', '--token', 'v'], FLAGS)
    expect(names).to.deep.equal([UNKNOWN_FLAG, 'token'])
  })

  it('knows --help and -h on every command, and ignores negative numbers', function () {
    expect(flagNames(['--help', '-h', '-1'], {})).to.deep.equal(['help'])
  })

  it('deduplicates', function () {
    expect(flagNames(['-t', 'a', '--token', 'b'], FLAGS)).to.deep.equal(['token'])
  })
})
