// AssemblyScript entry: every kernel of the one WebAssembly module (built by kernels/build.mjs).
export { forwardLayer, weightGradient, inputGradient } from './mlp';
export { eigenFixedBytes, symmetricEigen } from './eigen';
export { tanhInPlace } from './tanh';
export { multiplyThroughRows, updateCovariance } from './cma';
export { sphereStep } from './sphere';
export { multiplyAddPeak, symmetricMultiply } from './ceiling';
