// Lines per second of the structured logger (context + masking on every line) against plain
// winston JSON (timestamp + json), both into the same transport: winston's Stream transport over
// a stream that discards its input, like /dev/null but without I/O noise.
// Run after `npm run build`: node bench/logger-throughput.js [lines]
import {Writable} from 'node:stream'
import winston from 'winston'

import {createStructuredLogger} from '../dist/logging/structured-logger.js'
import {withCorrelation} from '../dist/correlation/context.js'

const LINES = Number(process.argv[2] ?? 100_000)
const ROUNDS = 5
const TOKEN = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'

const sink = () => new Writable({write: (_chunk, _encoding, done) => done()})
const transport = () => new winston.transports.Stream({stream: sink()})

/** A realistic mix: most lines carry no secret, one in ten carries one in a URL, one in twenty in a field. */
function workload(log) {
  for (let i = 0; i < LINES; i++) {
    if (i % 10 === 0) log('warn', `retrying https://ci:${TOKEN}@github.com/acme/repo-${i}.git`, {attempt: 2, status: 502})
    else if (i % 20 === 1) log('info', 'authenticated', {provider: 'github', token: TOKEN})
    else log('info', 'cloned repository', {durationMs: 123.4, provider: 'github', repository: `repo-${i}`})
  }
}

function plainRun() {
  const logger = winston.createLogger({format: winston.format.combine(winston.format.timestamp(), winston.format.json()), transports: [transport()]})
  const started = performance.now()
  workload((level, message, fields) => logger.log({...fields, level, message}))
  return LINES / ((performance.now() - started) / 1000)
}

function maskedRun() {
  const logger = createStructuredLogger('mgit.bench', {transports: [transport()]})
  const started = performance.now()
  withCorrelation({operation: 'clone_all'}, () => workload((level, message, fields) => logger.log(level, message, fields)))
  return LINES / ((performance.now() - started) / 1000)
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
plainRun()
maskedRun()
const plain = []
const masked = []
for (let i = 0; i < ROUNDS; i++) {
  plain.push(plainRun())
  masked.push(maskedRun())
}

const fmt = (n) => Math.round(n).toLocaleString('en-US')
console.log(`lines per run: ${LINES}, rounds: ${ROUNDS}, node ${process.version}`)
console.log(`plain winston JSON:              ${fmt(median(plain))} lines/s (median)`)
console.log(`structured logger with masking:  ${fmt(median(masked))} lines/s (median)`)
console.log(`ratio: ${(median(masked) / median(plain)).toFixed(2)} (goal: at least 0.50)`)
