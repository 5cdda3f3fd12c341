import type {Hook} from '@oclif/core'

import {collectFinishedGitOperations} from '../instrumentation/auto-instrumentation.js'
import {recordEnd} from '../instrumentation/command-recorder.js'

const hook: Hook.Finally = async function (options) {
  collectFinishedGitOperations()
  recordEnd(this.config, options)
}

export default hook
