/**
 * The three hooks in one module. The build bundles this file into `dist/hooks/bundle.js`, which
 * package.json names for every hook (with an `identifier`): oclif then loads one file instead of
 * about twenty, and the hooks share one copy of the run state. Module loading, not the hooks'
 * work, is what a hook costs each mgit command (see bench/README.md).
 */
export {default as finally} from './finally.js'
export {default as init} from './init.js'
export {default as prerun} from './prerun.js'
