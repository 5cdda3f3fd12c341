/**
 * The package's programmatic API for mgit's own code: the integration wrappers and decorators,
 * the tracing API (traceOperation, startTrace/endTrace, @monitorPerformance), correlation
 * contexts, the structured logger and credential masking. The oclif hooks and
 * commands do not go through this entry (it imports winston).
 */
export * from './correlation/index.js'
export * from './integration/index.js'
export * from './logging/index.js'
export * from './masking/index.js'
export * from './performance/index.js'
export type {ErrorCategory, GitOperation, ProviderType} from './journal/event-types.js'
