export {
  type ContextValue,
  type CorrelationContext,
  type CorrelationFields,
  childContext,
  currentContext,
  currentCorrelationId,
  newSpanId,
  runInContext,
  withCorrelation,
} from './context.js'
export {CORRELATION_HEADER} from './propagation.js'
