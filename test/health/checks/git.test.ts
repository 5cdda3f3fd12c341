import {expect} from 'chai'
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {gitCheck} from '../../../src/health/checks/git.js'
import {runCheck} from '../../helpers/run-check.js'
import {useTempDir} from '../../helpers/use-temp-dir.js'

describe('git check', function () {
  const dir = useTempDir('health-git-')

  /** A `git` on an otherwise empty PATH that runs `script`; returns that PATH. */
  function fakeGit(script: string): string {
    const path = join(dir(), 'git')
    writeFileSync(path, script)
    chmodSync(path, 0o755)
    return dir()
  }

  it('passes with the real git of this machine and reports its version', async function () {
    const result = await runCheck(gitCheck())
    expect(result.status).to.equal('pass')
    expect(result.observedValue).to.match(/^\d+\.\d+/)
    expect(result.message).to.equal(`git ${result.observedValue}`)
  })

  it('fails with a recommendation when git is not on PATH', async function () {
    const result = await runCheck(gitCheck({env: {PATH: dir()}}))
    expect(result.status).to.equal('fail')
    expect(result.message).to.equal('git not found on PATH')
    expect(result.recommendation).to.contain('Install git')
  })

  it('fails when the real git is older than the minimum', async function () {
    const result = await runCheck(gitCheck({minVersion: '999.0'}))
    expect(result.status).to.equal('fail')
    expect(result.message).to.match(/^git \S+ is older than 999\.0$/)
    expect(result.recommendation).to.contain('Upgrade git')
  })

  it('reads the version a git on PATH prints, and fails an old one', async function () {
    const result = await runCheck(gitCheck({env: {PATH: fakeGit('#!/bin/sh\necho "git version 2.17.1"\n')}}))
    expect(result).to.include({observedValue: '2.17.1', status: 'fail'})
  })

  it('warns when the output is not a git version', async function () {
    const result = await runCheck(gitCheck({env: {PATH: fakeGit('#!/bin/sh\necho "hello"\n')}}))
    expect(result.status).to.equal('warn')
  })

  it('fails when git exits non-zero', async function () {
    const result = await runCheck(gitCheck({env: {PATH: fakeGit('#!/bin/sh\nexit 3\n')}}))
    expect(result.status).to.equal('fail')
    expect(result.message).to.match(/^git --version failed/)
  })
})
