export { summarize, trimmedMean, trimmedMoments, meanConfidenceInterval, DEFAULT_TRIM, type Summary, type SummaryOptions } from './summary.js'
export {
  welchTTest,
  indistinguishable,
  intervalsOverlap,
  mannWhitneyU,
  bootstrapDifferenceInterval,
  type SampleMoments,
  type WelchResult,
  type MannWhitneyResult,
  type BootstrapOptions,
} from './compare.js'
export { studentTCdf, studentTQuantile } from './student-t.js'
export { seededRandom } from './random.js'
export {
  binomialCdf,
  upperBoundRank,
  lowerBoundRank,
  samplesForUpperBound,
  quantileUpperBound,
  quantileLowerBound,
  type QuantileBound,
} from './quantile-bounds.js'
