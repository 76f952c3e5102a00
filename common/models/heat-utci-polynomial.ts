/**
 * The operational UTCI approximation: UTCI = Ta + P(Ta, va, ΔTmrt, Pa), where P is the
 * 6th-order polynomial of Bröde et al. (2012), "Deriving the operational procedure for the
 * Universal Thermal Climate Index (UTCI)", Int J Biometeorol 56:481–494, as published in the
 * reference program UTCI_a002.f90 (utci.org, version a 0.002, October 2009).
 *
 * The 210 coefficients are stored by the exponents they belong to instead of as one long sum,
 * so the table can be checked for completeness (a missing or extra term changes the shape, which
 * the tests assert) and evaluated with Horner's scheme in Ta.
 *
 * Pure, no I/O, no Node-only imports: shared by server and browser.
 */

/**
 * UTCI_POLYNOMIAL[p][d][v][t] is the coefficient of  Pa^p · ΔTmrt^d · va^v · Ta^t,
 * with p + d + v + t ≤ 6 (so the innermost row has 7 − p − d − v entries).
 * Units: Ta °C, ΔTmrt = Tmrt − Ta in K, va m/s at 10 m, Pa water vapour pressure in kPa.
 */
export const UTCI_POLYNOMIAL: readonly (readonly (readonly (readonly number[])[])[])[] = [
  // Pa^0
  [
    // ΔTmrt^0
    [
      [6.07562052e-1, -2.27712343e-2, 8.06470249e-4, -1.54271372e-4, -3.24651735e-6, 7.32602852e-8, 1.35959073e-9],
      [-2.2583652, 8.80326035e-2, 2.16844454e-3, -1.53347087e-5, -5.72983704e-7, -2.55090145e-9],
      [-7.51269505e-1, -4.08350271e-3, -5.21670675e-5, 1.94544667e-6, 1.14099531e-8],
      [1.58137256e-1, -6.57263143e-5, 2.22697524e-7, -4.16117031e-8],
      [-1.27762753e-2, 9.66891875e-6, 2.52785852e-9],
      [4.56306672e-4, -1.74202546e-7],
      [-5.91491269e-6],
    ],
    // ΔTmrt^1
    [
      [3.98374029e-1, 1.83945314e-4, -1.7375451e-4, -7.60781159e-7, 3.77830287e-8, 5.43079673e-10],
      [-2.00518269e-2, 8.92859837e-4, 3.45433048e-6, -3.77925774e-7, -1.69699377e-9],
      [1.69992415e-4, -4.99204314e-5, 2.47417178e-7, 1.07596466e-8],
      [8.49242932e-5, 1.35191328e-6, -6.21531254e-9],
      [-4.99410301e-6, -1.89489258e-8],
      [8.15300114e-8],
    ],
    // ΔTmrt^2
    [
      [7.5504309e-4, -5.65095215e-5, -4.52166564e-7, 2.46688878e-8, 2.42674348e-10],
      [1.5454725e-4, 5.2411097e-6, -8.75874982e-8, -1.50743064e-9],
      [-1.56236307e-5, -1.33895614e-7, 2.49709824e-9],
      [6.51711721e-7, 1.94960053e-9],
      [-1.00361113e-8],
    ],
    // ΔTmrt^3
    [
      [-1.21206673e-5, -2.1820366e-7, 7.51269482e-9, 9.79063848e-11],
      [1.25006734e-6, -1.81584736e-9, -3.52197671e-10],
      [-3.3651463e-8, 1.35908359e-10],
      [4.1703262e-10],
    ],
    // ΔTmrt^4
    [
      [-1.30369025e-9, 4.13908461e-10, 9.22652254e-12],
      [-5.08220384e-9, -2.24730961e-11],
      [1.17139133e-10],
    ],
    // ΔTmrt^5
    [[6.62154879e-10, 4.0386326e-13], [1.95087203e-12]],
    // ΔTmrt^6
    [[-4.73602469e-12]],
  ],
  // Pa^1
  [
    [
      [5.12733497, -3.12788561e-1, -1.96701861e-2, 9.9969087e-4, 9.51738512e-6, -4.66426341e-7],
      [5.48050612e-1, -3.30552823e-3, -1.6411944e-3, -5.16670694e-6, 9.52692432e-7],
      [-4.29223622e-2, 5.00845667e-3, 1.00601257e-6, -1.81748644e-6],
      [-1.25813502e-3, -1.79330391e-4, 2.34994441e-6],
      [1.29735808e-4, 1.2906487e-6],
      [-2.28558686e-6],
    ],
    [
      [-3.69476348e-2, 1.62325322e-3, -3.1427968e-5, 2.59835559e-6, -4.77136523e-8],
      [8.6420339e-3, -6.87405181e-4, -9.13863872e-6, 5.15916806e-7],
      [-3.59217476e-5, 3.28696511e-5, -7.10542454e-7],
      [-1.243823e-5, -7.385844e-9],
      [2.20609296e-7],
    ],
    [
      [-7.3246918e-4, -1.87381964e-5, 4.80925239e-6, -8.7549204e-8],
      [2.7786293e-5, -5.06004592e-6, 1.14325367e-7],
      [2.53016723e-6, -1.72857035e-8],
      [-3.95079398e-8],
    ],
    [
      [-3.59413173e-7, 7.04388046e-7, -1.89309167e-8],
      [-4.79768731e-7, 7.96079978e-9],
      [1.62897058e-9],
    ],
    [[3.94367674e-8, -1.18566247e-9], [3.34678041e-10]],
    [[-1.15606447e-10]],
  ],
  // Pa^2
  [
    [
      [-2.80626406, 5.48712484e-1, -3.9942841e-3, -9.54009191e-4, 1.93090978e-5],
      [-3.08806365e-1, 1.16952364e-2, 4.95271903e-4, -1.90710882e-5],
      [2.10787756e-3, -6.98445738e-4, 2.30109073e-5],
      [4.1785659e-4, -1.27043871e-5],
      [-3.04620472e-6],
    ],
    [
      [5.14507424e-2, -4.32510997e-3, 8.99281156e-5, -7.14663943e-7],
      [-2.66016305e-4, 2.63789586e-4, -7.01199003e-6],
      [-1.06823306e-4, 3.61341136e-6],
      [2.29748967e-7],
    ],
    [
      [3.04788893e-4, -6.42070836e-5, 1.16257971e-6],
      [7.68023384e-6, -5.47446896e-7],
      [-3.5993791e-8],
    ],
    [[-4.36497725e-6, 1.68737969e-7], [2.67489271e-8]],
    [[3.23926897e-9]],
  ],
  // Pa^3
  [
    [
      [-3.53874123e-2, -2.2120119e-1, 1.55126038e-2, -2.63917279e-4],
      [4.53433455e-2, -4.32943862e-3, 1.45389826e-4],
      [2.1750861e-4, -6.66724702e-5],
      [3.3321714e-5],
    ],
    [
      [-2.26921615e-3, 3.80261982e-4, -5.45314314e-9],
      [-7.96355448e-4, 2.53458034e-5],
      [-6.31223658e-6],
    ],
    [[3.02122035e-4, -4.77403547e-6], [1.73825715e-6]],
    [[-4.09087898e-7]],
  ],
  // Pa^4
  [
    [[6.14155345e-1, -6.16755931e-2, 1.33374846e-3], [3.55375387e-3, -5.13027851e-4], [1.02449757e-4]],
    [[-1.48526421e-3, -4.11469183e-5], [-6.80434415e-6]],
    [[-9.77675906e-6]],
  ],
  // Pa^5
  [[[8.82773108e-2, -3.01859306e-3], [1.04452989e-3]], [[2.47090539e-4]]],
  // Pa^6
  [[[1.48348065e-3]]],
];

/**
 * The polynomial offset P; UTCI = Ta + P. No range checks here: `utci()` in heat.ts owns them.
 *
 * @param ta air temperature, °C
 * @param va wind speed at 10 m, m/s
 * @param dTmrt Tmrt − Ta, K
 * @param pa water vapour pressure, kPa
 */
export function utciPolynomialOffset(ta: number, va: number, dTmrt: number, pa: number): number {
  let sum = 0;
  let paPow = 1;
  for (const byD of UTCI_POLYNOMIAL) {
    let dPow = 1;
    for (const byV of byD) {
      let vPow = 1;
      for (const coeffs of byV) {
        // Horner in Ta over this row
        let row = 0;
        for (let t = coeffs.length - 1; t >= 0; t--) row = row * ta + coeffs[t];
        sum += paPow * dPow * vPow * row;
        vPow *= va;
      }
      dPow *= dTmrt;
    }
    paPow *= pa;
  }
  return sum;
}

/**
 * Saturation vapour pressure over liquid water, hPa, by Hardy (1998), "ITS-90 formulations for
 * vapor pressure, frostpoint temperature, dewpoint temperature and enhancement factors in the
 * range −100 to +100 °C" — the formula the UTCI reference program uses, so the humidity input
 * reaches the polynomial exactly as it did when the coefficients were fitted. Over water also
 * below 0 °C, as in the reference program (RH from weather sensors is reported over water).
 *
 *   ln(es / Pa) = Σ_{i=0..6} g_i · T^(i−2) + g_7 · ln(T),   T in kelvin (natural logarithm)
 */
const HARDY_G = [
  -2.8365744e3, -6.028076559e3, 1.954263612e1, -2.737830188e-2, 1.6261698e-5, 7.0229056e-10, -1.8680009e-13,
] as const;
const HARDY_LN_COEFF = 2.7150305;

export function saturationVapourPressureHpa(airTempC: number): number {
  const tk = airTempC + 273.15;
  let lnEs = HARDY_LN_COEFF * Math.log(tk);
  for (let i = 0; i < HARDY_G.length; i++) lnEs += HARDY_G[i] * tk ** (i - 2);
  return Math.exp(lnEs) / 100; // Pa → hPa
}
