/**
 * Transports that write each line before `log()` returns. winston's File transport writes
 * through an fs stream, so the lines of a process that oclif ends with `process.exit` (every
 * error path) are lost; a synchronous write cannot be.
 */
import {closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'
import winston from 'winston'

/** winston's key for the formatted line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message')

// winston's typings call the base class `transport`; at run time it is exported as `Transport`.
type TransportClass = new (options?: winston.transport.TransportStreamOptions) => winston.transport
const Transport = (winston as unknown as {Transport: TransportClass}).Transport

type LogInfo = {[MESSAGE]?: unknown; [key: string]: unknown}

function lineOf(info: LogInfo): string {
  return String(info[MESSAGE]) + '\n'
}

/** Writes to stderr (stdout stays clean for `--json`). Node writes to files, pipes and TTYs synchronously on Linux. */
export class StderrTransport extends Transport {
  override log(info: LogInfo, next: () => void): void {
    process.stderr.write(lineOf(info))
    next()
  }
}

export interface SyncFileOptions {
  filename: string
  /** Rotate once the file would grow past this many bytes. */
  maxsize: number
  /** Keep this many files in all: `app.log`, `app.log.1` (newest) ... */
  maxFiles: number
  level?: string
}

/** Appends each line with one synchronous write; rotates by size like winston's File (maxsize/maxFiles). */
export class SyncFileTransport extends Transport {
  private fd: number | undefined
  private size = 0

  constructor(private readonly options: SyncFileOptions) {
    super(options.level === undefined ? {} : {level: options.level})
  }

  override log(info: LogInfo, next: () => void): void {
    const line = Buffer.from(lineOf(info))
    try {
      if (this.fd === undefined) this.open()
      if (this.size > 0 && this.size + line.length > this.options.maxsize) this.rotate()
      writeSync(this.fd!, line)
      this.size += line.length
    } catch {
      // A log file that cannot be written must not take the command down; stderr still has the line.
    }

    next()
  }

  override close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private open(): void {
    mkdirSync(dirname(this.options.filename), {recursive: true})
    this.fd = openSync(this.options.filename, 'a', 0o600)
    this.size = statSync(this.options.filename).size
  }

  private rotate(): void {
    this.close()
    const name = this.options.filename
    const keep = Math.max(1, this.options.maxFiles)
    rmSync(`${name}.${keep - 1}`, {force: true})
    for (let i = keep - 2; i >= 1; i--) renameIfExists(`${name}.${i}`, `${name}.${i + 1}`)
    if (keep > 1) renameIfExists(name, `${name}.1`)
    else rmSync(name, {force: true})
    this.open()
  }
}

function renameIfExists(from: string, to: string): void {
  try {
    renameSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
