// AssemblyScript entry: every kernel of the one WebAssembly module (built by kernels/build.mjs).
export { forwardLayer, weightGradient, inputGradient } from './mlp';
export { eigenFixedBytes, factoredScalesAt, factoredVectorsAt, reduceUnblocked, symmetricEigen, symmetricEigenFactored, tridiagonalize } from './eigen';
export { reduceToTridiagonal, reductionScratchBytes } from './tridiagonal-reduction';
export { tridiagonalFixedBytes, tridiagonalEigen } from './tridiagonal-dc';
export { tanhInPlace } from './tanh';
export { multiplyThroughPanels, multiplyThroughRows, offsetRows, packPanels, scaleColumns, updateCovariance } from './cma';
export { sphereStep, sphereTouched } from './sphere';
export { applyBackTransform, backTransform, backTransformApplyScratchBytes, backTransformPreparedBytes, backTransformScratchBytes, prepareBackTransform } from './back-transform';
export { multiplyAddPeak, symmetricMultiply } from './ceiling';
