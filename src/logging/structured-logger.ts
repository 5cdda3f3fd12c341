/**
 * `getStructuredLogger(name)`: JSON lines (or pretty ones) with timestamp, level, logger name,
 * message, correlation ID, span and operation context, every line masked, written to stderr and
 * optionally to a rotating file. winston is imported here only: never from the hooks.
 */
import winston from 'winston'

import {type LogFormat, type LogLevel, type LoggingConfig, loggingConfig} from './logging-config.js'
import {contextFormat, maskFormat, prettyFormat} from './formats.js'
import {StderrTransport, SyncFileTransport} from './transports.js'
import {round3} from '../util/round.js'

export type LogFields = Record<string, unknown>

export interface OperationHandle {
  readonly operation: string
  readonly startedAt: number
  readonly fields: LogFields
}

export interface OperationResult extends LogFields {
  success: boolean
  error?: unknown
}

export class StructuredLogger {
  constructor(
    private readonly logger: winston.Logger,
    readonly name: string,
  ) {}

  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields)
  }

  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields)
  }

  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields)
  }

  debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields)
  }

  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    this.logger.log({...fields, level, message})
  }

  /** Logs the start of an operation and returns the handle `operationEnd` needs for the duration. */
  operationStart(operation: string, fields: LogFields = {}): OperationHandle {
    this.log('info', `${operation} started`, {...fields, event: 'operation_start', operation})
    return {fields, operation, startedAt: performance.now()}
  }

  /** Logs the end of an operation: its outcome and duration; failures at `error` level. */
  operationEnd(handle: OperationHandle, result: OperationResult): void {
    const durationMs = round3(performance.now() - handle.startedAt)
    const {success, ...rest} = result
    this.log(success ? 'info' : 'error', `${handle.operation} ${success ? 'succeeded' : 'failed'}`, {
      ...handle.fields,
      ...rest,
      durationMs,
      event: 'operation_end',
      operation: handle.operation,
      success,
    })
  }

  /** The security event channel: authentication, credential and access events, marked `security: true`. */
  security(event: string, fields: LogFields = {}, level: LogLevel = 'warn'): void {
    this.log(level, `security: ${event}`, {...fields, event, security: true})
  }
}

export interface LoggerOptions {
  level?: LogLevel
  format?: LogFormat
  /** Replaces the configured transports (benchmarks, tests). */
  transports?: winston.transport[]
}

function buildLogger(config: LoggingConfig, options: LoggerOptions): winston.Logger {
  const transports = options.transports ?? [
    new StderrTransport(),
    ...(config.file ? [new SyncFileTransport({filename: config.file, maxFiles: config.maxFiles, maxsize: config.maxsize})] : []),
  ]
  const format = options.format ?? config.format
  return winston.createLogger({
    // Masking runs last, after everything that adds fields, so nothing added escapes it.
    format: winston.format.combine(
      winston.format.timestamp(),
      contextFormat(),
      maskFormat(),
      format === 'pretty' ? prettyFormat : winston.format.json(),
    ),
    level: options.level ?? config.level,
    transports,
  })
}

let root: winston.Logger | undefined

/** A named logger over one shared, environment-configured winston logger per process. */
export function getStructuredLogger(name: string): StructuredLogger {
  root ??= buildLogger(loggingConfig(), {})
  return new StructuredLogger(root.child({logger: name}), name)
}

/** A logger with its own winston instance (its own level, format or transports). */
export function createStructuredLogger(name: string, options: LoggerOptions = {}): StructuredLogger {
  return new StructuredLogger(buildLogger(loggingConfig(), options).child({logger: name}), name)
}
