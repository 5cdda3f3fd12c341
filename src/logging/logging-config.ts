/** Logger settings from the environment: MGIT_LOG_LEVEL, MGIT_LOG_FORMAT, MGIT_LOG_FILE (+ rotation). */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export type LogFormat = 'json' | 'pretty'

export interface LoggingConfig {
  level: LogLevel
  format: LogFormat
  /** Also append to this file, rotated by size. */
  file?: string
  maxsize: number
  maxFiles: number
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024
export const DEFAULT_MAX_FILES = 5

function positiveInt(raw: string | undefined, fallback: number): number {
  const value = Number(raw)
  return raw !== undefined && raw !== '' && Number.isInteger(value) && value > 0 ? value : fallback
}

export function loggingConfig(env: NodeJS.ProcessEnv = process.env): LoggingConfig {
  const level = (env.MGIT_LOG_LEVEL ?? '').trim().toLowerCase()
  const format = (env.MGIT_LOG_FORMAT ?? '').trim().toLowerCase()
  return {
    format: format === 'pretty' ? 'pretty' : 'json',
    level: (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info',
    maxFiles: positiveInt(env.MGIT_LOG_FILE_MAX_FILES, DEFAULT_MAX_FILES),
    maxsize: positiveInt(env.MGIT_LOG_FILE_MAX_BYTES, DEFAULT_MAX_BYTES),
    ...(env.MGIT_LOG_FILE ? {file: env.MGIT_LOG_FILE} : {}),
  }
}
