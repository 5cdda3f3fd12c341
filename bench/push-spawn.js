#!/usr/bin/env node
// Cost added to the `finally` hook by MGIT_MONITORING_PUSHGATEWAY: the synchronous part of
// startPush() (spawning the detached pusher). Each sample is a fresh process that has loaded
// @oclif/core first, so that the heap being forked is close to a real mgit process's.
// Usage: npm run build && node bench/push-spawn.js [--runs 30]
import {execFileSync} from 'node:child_process'
import {createServer} from 'node:http'
import {parseArgs} from 'node:util'

const {values: args} = parseArgs({options: {runs: {default: '30', type: 'string'}, sample: {type: 'string'}}})

if (args.sample) {
  await import('@oclif/core')
  const {startPush} = await import('../dist/push/start-push.js')
  const event = {cmd: 'list', durationMs: 5, errorCategory: 'none', exitCode: 0, kind: 'command', success: true, ts: Date.now()}
  const started = performance.now()
  startPush(event, '/tmp', {MGIT_MONITORING_PUSHGATEWAY: args.sample})
  process.stdout.write(String(performance.now() - started))
} else {
  // A Pushgateway stand-in that answers 200 at once, so that pushers exit quickly.
  const gateway = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end())
  })
  await new Promise((resolve) => gateway.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${gateway.address().port}`
  const samples = []
  for (let i = 0; i < Number(args.runs); i++) {
    samples.push(Number(execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--sample', url], {encoding: 'utf8'})))
  }

  gateway.close()
  samples.sort((a, b) => a - b)
  const at = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(2)
  console.log(JSON.stringify({maxMs: at(1), medianMs: at(0.5), p90Ms: at(0.9), runs: samples.length}))
}
