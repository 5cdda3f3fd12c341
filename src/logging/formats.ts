import winston from 'winston'

import {currentContext, currentCorrelationId} from '../correlation/context.js'
import {MASK, isSensitiveName, maskValue} from '../masking/mask.js'

type Info = winston.Logform.TransformableInfo

/** Adds the correlation ID, span and operation context of the async chain that logged. */
export const contextFormat = winston.format((info: Info) => {
  const context = currentContext()
  info.correlationId = context?.cid ?? currentCorrelationId()
  if (context) {
    info.spanId = context.spanId
    if (context.parentSpanId) info.parentSpanId = context.parentSpanId
    if (context.operation && info.operation === undefined) info.operation = context.operation
    if (context.provider && info.provider === undefined) info.provider = context.provider
    for (const [key, value] of Object.entries(context.fields)) if (info[key] === undefined) info[key] = value
  }

  return info
})

// Written by winston or by us: never masked (and never secret).
const TRUSTED = new Set(['level', 'timestamp', 'logger', 'correlationId', 'spanId', 'parentSpanId', 'security'])

/**
 * Masks every field of every line: the message, nested fields, errors (message and stack),
 * and the whole value of any field named like a secret. The last step before serialisation.
 */
export const maskFormat = winston.format((info: Info) => {
  for (const key of Object.keys(info)) {
    if (TRUSTED.has(key)) continue
    const value = info[key]
    info[key] = isSensitiveName(key) && value !== undefined && value !== null && value !== '' ? MASK : maskValue(value)
  }

  return info
})

/** `2026-01-01T00:00:00.000Z info  [mgit.clone] message {fields}` for people at a terminal. */
export const prettyFormat = winston.format.printf((info: Info) => {
  const {level, message, timestamp, logger, ...rest} = info
  const fields = Object.keys(rest).length > 0 ? ' ' + JSON.stringify(rest) : ''
  return `${String(timestamp)} ${level.padEnd(5)} [${String(logger)}] ${String(message)}${fields}`
})
