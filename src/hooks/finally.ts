import type {Hook} from '@oclif/core'

import {recordEnd} from '../instrumentation/command-recorder.js'

const hook: Hook.Finally = async function (options) {
  recordEnd(this.config, options)
}

export default hook
