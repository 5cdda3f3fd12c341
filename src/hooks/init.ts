import type {Hook} from '@oclif/core'

import {startAutoInstrumentation} from '../instrumentation/auto-instrumentation.js'
import {beginRun} from '../instrumentation/command-recorder.js'

const hook: Hook.Init = async function () {
  beginRun(this.config)
  startAutoInstrumentation(this.config)
}

export default hook
