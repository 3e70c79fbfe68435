// Floating point the way cardinal-rs computes and prints it, so that every figure matches
// to the last digit: Rust's `f64::mul_add` (one rounding, which JavaScript lacks), Rust's
// `f64::round` (halves away from zero, unlike Math.round) and serde_json's number text
// (the ryu crate: `1.0`, `0.001`, `1e-7`, where JavaScript prints `1`, `0.001`, `1e-7`).

const view = new DataView(new ArrayBuffer(8));

/** x = mantissa × 2^exponent, exactly; x finite and not zero. */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = biased === 0 ? -1074 : biased - 1075;
  return [hi >>> 31 ? -mantissa : mantissa, exponent];
}

function scale(x: number, exponent: number): number {
  let e = exponent;
  let v = x;
  while (e > 1000) [v, e] = [v * 2 ** 1000, e - 1000];
  while (e < -1000) [v, e] = [v * 2 ** -1000, e + 1000];
  return v * 2 ** e;
}

/** The nearest double (ties to even) to sum × 2^exponent. */
function nearest(sum: bigint, exponent: number): number {
  const negative = sum < 0n;
  let m = negative ? -sum : sum;
  let e = exponent;
  let shift = m.toString(2).length - 53;
  if (e + shift < -1074) shift = -1074 - e; // a subnormal result keeps fewer bits
  if (shift > 0) {
    const bits = BigInt(shift);
    let q = m >> bits;
    const rest = m - (q << bits);
    const half = 1n << (bits - 1n);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
    m = q;
    e += shift;
  }
  const v = scale(Number(m), e);
  return negative ? -v : v;
}

/** a × b + c with a single rounding, as Rust's `f64::mul_add` (the fences use it). */
export function mulAdd(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0) return a * b + c;
  if (c === 0) return a * b;
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  return sum === 0n ? 0 : nearest(sum, e);
}

/** Rust's `f64::round`: halves away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** The four decimals of the "Meta" figures (cardinal-rs's `round` serializer). */
export function roundMeta(x: number): number {
  return roundHalfAway(x * 10_000) / 10_000;
}

/** serde_json's text for an f64: the shortest digits, laid out as the ryu crate does; null if not finite. */
export function rustFloat(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponent = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const point = Number(exponent) + 1; // 10^(point-1) <= |x| < 10^point
  const zeros = point - length;
  let text: string;
  if (zeros >= 0 && point <= 16) text = `${digits}${'0'.repeat(zeros)}.0`;
  else if (point > 0 && point <= 16) text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  else if (point > -5 && point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (length === 1) text = `${digits}e${point - 1}`;
  else text = `${digits[0]}.${digits.slice(1)}e${point - 1}`;
  return x < 0 ? `-${text}` : text;
}
