/** The request header that carries the correlation ID to provider APIs. */
export const CORRELATION_HEADER = 'X-Correlation-ID'
