#!/usr/bin/env node
// Development entry: same compiled code as bin/run.js (run `npm run build` first),
// with oclif's development mode (manifest ignored, debug-friendly errors).
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
