export {MASK, isSensitiveName, maskString, maskValue} from './mask.js'
