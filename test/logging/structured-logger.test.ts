import {expect} from 'chai'
import {execa} from 'execa'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Writable} from 'node:stream'
import winston from 'winston'

import {withCorrelation} from '../../src/correlation/context.js'
import {loggingConfig} from '../../src/logging/logging-config.js'
import {createStructuredLogger} from '../../src/logging/structured-logger.js'
import {SyncFileTransport} from '../../src/logging/transports.js'
import {PLACES, SECRETS} from '../masking/corpus.js'
import {useCorrelationEnv} from '../helpers/correlation-env.js'
import {PLUGIN_ROOT} from '../helpers/host-cli.js'
import {makeTempDir} from '../helpers/temp-dir.js'

const EXIT_SCRIPT = join(PLUGIN_ROOT, 'test/fixtures/logger/log-then-exit.js')
const SECRET = SECRETS[0].value

/** A logger writing to memory through winston's own Stream transport. */
function memoryLogger(options: {level?: 'debug' | 'info' | 'warn'; format?: 'json' | 'pretty'} = {}) {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  const logger = createStructuredLogger('mgit.test', {...options, transports: [new winston.transports.Stream({stream})]})
  return {lines, logger}
}

describe('structured logger', function () {
  useCorrelationEnv('log-test-run')

  it('writes JSON lines with timestamp, level, logger, message and correlation context', async function () {
    const {lines, logger} = memoryLogger()
    await withCorrelation({fields: {org: 'acme'}, operation: 'clone_all', provider: 'github'}, async () => {
      logger.info('listing repositories', {page: 1})
    })
    logger.info('outside')
    const [inside, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(inside).to.include({correlationId: 'log-test-run', level: 'info', logger: 'mgit.test', message: 'listing repositories', operation: 'clone_all', org: 'acme', page: 1, provider: 'github'})
    expect(inside.spanId).to.match(/^[0-9a-f]{16}$/)
    expect(Number.isNaN(Date.parse(String(inside.timestamp)))).to.equal(false)
    expect(outside).to.include({correlationId: 'log-test-run', message: 'outside'})
    expect(outside.spanId).to.equal(undefined)
  })

  it('masks every corpus secret in every place on every line', function () {
    const {lines, logger} = memoryLogger()
    for (const secret of SECRETS) {
      for (const place of PLACES) {
        if (place.formatOnly && !secret.byFormat) continue
        const built = place.build(secret.value)
        if (typeof built === 'string') logger.info(built)
        else logger.warn('event', {detail: built})
      }
    }

    const text = lines.join('\n')
    expect(lines.length).to.be.greaterThan(100)
    for (const secret of SECRETS) expect(text).not.to.contain(secret.value.slice(secret.prefix.length, secret.prefix.length + 12))
  })

  it('operationStart / operationEnd log the outcome and a measured duration', async function () {
    const {lines, logger} = memoryLogger()
    const handle = logger.operationStart('clone', {repo: 'api'})
    await new Promise((resolve) => {
      setTimeout(resolve, 20)
    })
    logger.operationEnd(handle, {error: new Error(`denied for ${SECRET}`), success: false})
    const [start, end] = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(start).to.include({event: 'operation_start', level: 'info', operation: 'clone', repo: 'api'})
    expect(end).to.include({event: 'operation_end', level: 'error', operation: 'clone', repo: 'api', success: false})
    expect(end.durationMs).to.be.within(15, 2000)
    expect(JSON.stringify(end)).not.to.contain(SECRET)
  })

  it('marks security events', function () {
    const {lines, logger} = memoryLogger()
    logger.security('token_rejected', {authorization: `token ${SECRET}`, provider: 'github'})
    expect(JSON.parse(lines[0])).to.include({authorization: '***', event: 'token_rejected', level: 'warn', provider: 'github', security: true})
  })

  it('honours the level and the pretty format', function () {
    const {lines, logger} = memoryLogger({format: 'pretty', level: 'warn'})
    logger.info('hidden')
    logger.warn(`shown ${SECRET}`)
    expect(lines).to.have.length(1)
    expect(lines[0]).to.match(/^\d{4}-\d\d-\d\dT\S+ warn {2}\[mgit\.test\] shown ghp_\*\*\* /)
  })

  it('reads MGIT_LOG_LEVEL, MGIT_LOG_FORMAT and MGIT_LOG_FILE*, falling back on bad values', function () {
    expect(loggingConfig({})).to.deep.equal({format: 'json', level: 'info', maxFiles: 5, maxsize: 10 * 1024 * 1024})
    expect(
      loggingConfig({MGIT_LOG_FILE: '/var/log/mgit.log', MGIT_LOG_FILE_MAX_BYTES: '1000', MGIT_LOG_FILE_MAX_FILES: '2', MGIT_LOG_FORMAT: 'PRETTY', MGIT_LOG_LEVEL: 'Debug'}),
    ).to.deep.equal({file: '/var/log/mgit.log', format: 'pretty', level: 'debug', maxFiles: 2, maxsize: 1000})
    expect(loggingConfig({MGIT_LOG_FILE_MAX_BYTES: '-1', MGIT_LOG_FORMAT: 'xml', MGIT_LOG_LEVEL: 'loud'})).to.include({format: 'json', level: 'info', maxsize: 10 * 1024 * 1024})
  })

  it('rotates its file by size, keeping maxFiles files', function () {
    const temp = makeTempDir()
    try {
      const file = join(temp.path, 'logs', 'mgit.log')
      const logger = createStructuredLogger('mgit.rotate', {transports: [new SyncFileTransport({filename: file, maxFiles: 3, maxsize: 2000})]})
      for (let i = 0; i < 100; i++) logger.info(`line ${i} ${'x'.repeat(50)}`)
      expect(existsSync(file)).to.equal(true)
      expect(existsSync(`${file}.1`)).to.equal(true)
      expect(existsSync(`${file}.2`)).to.equal(true)
      expect(existsSync(`${file}.3`)).to.equal(false)
      for (const path of [file, `${file}.1`, `${file}.2`]) expect(readFileSync(path).length).to.be.at.most(2000)
      expect(readFileSync(file, 'utf8')).to.contain('line 99 ')
    } finally {
      temp.cleanup()
    }
  })

  it('loses no line when the process ends with process.exit(2) (stderr and file), and keeps stdout clean', async function () {
    const temp = makeTempDir()
    try {
      const file = join(temp.path, 'mgit.log')
      const result = await execa('node', [EXIT_SCRIPT, '500', SECRET], {
        env: {MGIT_CORRELATION_ID: 'exit-run', MGIT_LOG_FILE: file, MGIT_LOG_LEVEL: 'info'},
        reject: false,
      })
      expect(result.exitCode).to.equal(2)
      expect(result.stdout).to.equal('stdout stays clean')
      const stderrLines = result.stderr.split('\n').filter(Boolean)
      const fileLines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
      for (const lines of [stderrLines, fileLines]) {
        expect(lines).to.have.length(501)
        const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
        expect(parsed.slice(0, 500).map((p) => p.i)).to.deep.equal(Array.from({length: 500}, (_, i) => i))
        expect(parsed[500]).to.include({security: true})
        expect(new Set(parsed.map((p) => p.correlationId))).to.deep.equal(new Set(['exit-run']))
      }

      expect(result.stderr + readFileSync(file, 'utf8')).not.to.contain(SECRET.slice(4, 14))
    } finally {
      temp.cleanup()
    }
  })
})
