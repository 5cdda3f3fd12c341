export {LOG_LEVELS, type LogFormat, type LogLevel, type LoggingConfig, loggingConfig} from './logging-config.js'
export {
  type LogFields,
  type LoggerOptions,
  type OperationHandle,
  type OperationResult,
  StructuredLogger,
  createStructuredLogger,
  getStructuredLogger,
} from './structured-logger.js'
export {StderrTransport, SyncFileTransport, type SyncFileOptions} from './transports.js'
