import {appendFileSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'

import {
  type CommandEndEvent,
  type CommandStartEvent,
  SCHEMA_VERSION,
} from '../../src/journal/event-types.js'
import {segmentFile} from '../../src/journal/segment-names.js'

/** Writes raw JSONL to a named segment, as the writer would (tests control segment names and torn lines). */
export function appendLines(dir: string, segment: string, lines: string[]): void {
  mkdirSync(dir, {recursive: true})
  appendFileSync(join(dir, segment), lines.join(''))
}

export function segment(seq: number, day = '20260101'): string {
  return segmentFile(day, seq)
}

let counter = 0

export function startEvent(cmd: string, extra: Partial<CommandStartEvent> = {}): CommandStartEvent {
  return {
    cid: `cid-${++counter}`,
    cliVersion: '1.4.0',
    cmd,
    flags: [],
    pid: process.pid,
    plugin: 'mgit',
    pluginVersion: '1.4.0',
    ts: Date.now(),
    type: 'command_start',
    v: SCHEMA_VERSION,
    ...extra,
  }
}

export function endEvent(cmd: string, extra: Partial<CommandEndEvent> = {}): CommandEndEvent {
  const success = extra.success ?? (extra.exitCode === undefined || extra.exitCode === 0)
  return {
    cid: `cid-${++counter}`,
    cliVersion: '1.4.0',
    cmd,
    durationMs: 120,
    errorCategory: success ? 'none' : 'exit_code',
    exitCode: success ? 0 : 1,
    flags: [],
    kind: 'command',
    pid: process.pid,
    plugin: 'mgit',
    pluginVersion: '1.4.0',
    processMs: 300,
    success,
    ts: Date.now(),
    type: 'command_end',
    v: SCHEMA_VERSION,
    ...extra,
  }
}

export function line(event: object): string {
  return JSON.stringify(event) + '\n'
}
