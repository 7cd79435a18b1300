/**
 * The normal distribution, for turning a predicted score and its SD into probabilities and bands.
 */

/** z for a central 80 % interval: Φ(1.2816) = 0.90. */
export const Z_80 = 1.2815515655446004;

/**
 * erf(x) by Abramowitz & Stegun, Handbook of Mathematical Functions, formula 7.1.26 (absolute error
 * under 1.5 × 10⁻⁷, far below the 0.01 the probabilities are shown at).
 */
function computeErf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

/**
 * P(X ≥ threshold) for X normal with the given mean and SD (points), in [0, 1].
 *
 * @example computeProbabilityAtLeast({ threshold: 218, mean: 230, sd: 10 }) ≈ 0.885 (z = −1.2)
 */
export function computeProbabilityAtLeast({
  threshold,
  mean,
  sd,
}: {
  threshold: number;
  mean: number;
  sd: number;
}): number {
  const z = (threshold - mean) / sd;
  const below = 0.5 * (1 + computeErf(z / Math.SQRT2));
  return Math.min(1, Math.max(0, 1 - below));
}
