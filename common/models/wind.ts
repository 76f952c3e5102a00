/**
 * Wind speed at the city's smart benches (≈1.1 m above ground, km/h) converted to the 10 m
 * wind speed that the UTCI polynomial expects.
 *
 * Logarithmic profile (neutral stratification):  v(z2) = v(z1) · ln(z2/z0) / ln(z1/z0).
 *
 * Roughness length: z0 = 0.01 m, deliberately *not* a "realistic" urban value (0.5–2 m).
 * The UTCI procedure itself turns its 10 m input back into the wind at body height with this
 * same profile and z0 = 0.01 m (Bröde et al. 2012, Int J Biometeorol 56:481–494; the factor
 * ln(1000)/ln(110) ≈ 1.47 is the "10 m wind ≈ 1.5 × body-height wind" of the UTCI-Fiala runs,
 * and the utci.org calculator converts 2 m/s at 1.1 m to 2.94 m/s at 10 m). Using the same
 * z0 for the inverse step means the person in the model feels exactly the wind the bench
 * measured — which is what we want, because the bench already stands where people sit.
 * A larger, "urban" z0 would inflate the 10 m value (×1.9 for 0.1 m, ×3.8 for 0.5 m) that UTCI
 * then shrinks by only ×1/1.47, i.e. the model person would feel 1.3–2.6 times the measured
 * wind and heat stress would be underestimated exactly where the city is most sheltered.
 * (Physically, 1.1 m in a street is inside the roughness sublayer where no log profile holds;
 * the conversion is a unit convention for the index, not a claim about the 10 m wind.)
 *
 * Pure, no I/O.
 */

/** Height of the anemometer on the smart benches, m. */
export const BENCH_SENSOR_HEIGHT_M = 1.1;
/** Roughness length of the UTCI's own 10 m ↔ body-height wind reduction, m. */
export const UTCI_ROUGHNESS_LENGTH_M = 0.01;
/** Reference height of the UTCI wind input, m. */
export const UTCI_WIND_HEIGHT_M = 10;

/** km/h → m/s. */
export function kmhToMs(kmh: number): number {
  return kmh / 3.6;
}

/**
 * Factor that turns the wind at `fromHeightM` into the wind at `toHeightM` under a neutral
 * logarithmic profile with roughness length `roughnessLengthM`. Both heights must exceed z0
 * (the profile is zero at z0 and undefined below it).
 */
export function logWindProfileFactor(fromHeightM: number, toHeightM: number, roughnessLengthM: number): number {
  if (!(roughnessLengthM > 0) || !Number.isFinite(roughnessLengthM)) {
    throw new RangeError(`roughness length must be a positive number, got ${roughnessLengthM}`);
  }
  if (!(fromHeightM > roughnessLengthM) || !(toHeightM > roughnessLengthM) || !Number.isFinite(fromHeightM) || !Number.isFinite(toHeightM)) {
    throw new RangeError(`heights must exceed the roughness length ${roughnessLengthM} m, got ${fromHeightM} m and ${toHeightM} m`);
  }
  return Math.log(toHeightM / roughnessLengthM) / Math.log(fromHeightM / roughnessLengthM);
}

export interface WindConversionOptions {
  /** anemometer height, m (default 1.1, the smart benches) */
  sensorHeightM?: number;
  /** roughness length, m (default 0.01, the UTCI convention — see the module comment) */
  roughnessLengthM?: number;
}

/** Wind measured at bench height in km/h → wind at 10 m in m/s. Throws on negative or non-finite speed. */
export function windAt10mMs(windKmh: number, options: WindConversionOptions = {}): number {
  if (!Number.isFinite(windKmh) || windKmh < 0) throw new RangeError(`wind speed must be a finite number ≥ 0, got ${windKmh}`);
  const factor = logWindProfileFactor(
    options.sensorHeightM ?? BENCH_SENSOR_HEIGHT_M,
    UTCI_WIND_HEIGHT_M,
    options.roughnessLengthM ?? UTCI_ROUGHNESS_LENGTH_M,
  );
  return kmhToMs(windKmh) * factor;
}
