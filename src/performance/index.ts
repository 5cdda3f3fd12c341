export {type EndTraceOptions, type TraceOptions, endTrace, monitorPerformance, startTrace, traceOperation} from './tracing.js'
