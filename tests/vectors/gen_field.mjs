// Regenerates field_vectors.json for the field layer's tests (src/rill/field). The oracle is
// @noble/curves bn254 (Fr, Fp and the tower Fp2 = Fp[u]/(u²+1), Fp6 = Fp2[v]/(v³−(9+u)),
// Fp12 = Fp6[w]/(w²−v), the same as Rill's).
//
//   cd tests/vectors && npm install && node gen_field.mjs
//
// Deterministic: "random" operands are SHA-256(label/counter) read big-endian, reduced mod the
// modulus. Elements are written as 0x-prefixed 64-digit big-endian hex of the canonical value;
// tower elements as flat arrays of Fp coefficients in the order c0.c0.c0, c0.c0.c1, c0.c1.c0, …
// Small integers are decimal strings (they may exceed JSON's number range).
import { bn254 } from '@noble/curves/bn254.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { writeFileSync } from 'node:fs';

const { Fr, Fp, Fp2, Fp6, Fp12 } = bn254.fields;
const hex = (x) => '0x' + x.toString(16).padStart(64, '0');

let counter = 0;
function randomBig(modulus, label) {
  const digest = sha256(new TextEncoder().encode(`rill-field-vectors/${label}/${counter++}`));
  return BigInt('0x' + Buffer.from(digest).toString('hex')) % modulus;
}
const random256 = (label) => {
  const digest = sha256(new TextEncoder().encode(`rill-field-vectors/${label}/${counter++}`));
  return BigInt('0x' + Buffer.from(digest).toString('hex'));
};

// Operands that stress carries and reductions, then pseudo-random ones.
function edgeOperands(m) {
  return [0n, 1n, 2n, m - 1n, m - 2n, (m - 1n) / 2n, (m + 1n) / 2n, 1n << 64n, (1n << 128n) - 1n,
    1n << 253n, ((1n << 254n) - 1n) % m, m - (1n << 64n)];
}
function operands(m, label, count) {
  const edges = edgeOperands(m);
  const out = [...edges];
  while (out.length < edges.length + count) out.push(randomBig(m, label));
  return out;
}

const legendre = (F, x) => {
  const e = F.pow(x, (F.ORDER - 1n) / 2n);
  return F.is0(e) ? 0 : F.eql(e, F.ONE) ? 1 : -1;
};
const tryOrNull = (f) => { try { return f(); } catch { return null; } };
// Rill's contract: the inverse of zero is zero (noble throws).
const inv = (F, x) => (F.is0(x) ? F.ZERO : F.inv(x));

function primeFieldCases(F, label, count) {
  const m = F.ORDER;
  const xs = operands(m, `${label}/a`, count);
  const ys = [...operands(m, `${label}/b`, count)].reverse();
  return xs.map((a, i) => {
    const b = ys[i];
    const e = random256(`${label}/e`);
    const c = {
      a: hex(a), b: hex(b),
      add: hex(F.add(a, b)), sub: hex(F.sub(a, b)), neg: hex(F.neg(a)),
      mul: hex(F.mul(a, b)), square: hex(F.sqr(a)), inverse: hex(inv(F, a)),
      pow_exponent: hex(e), pow: hex(F.pow(a, e)), legendre: legendre(F, a),
    };
    if (F === Fp) {
      const root = tryOrNull(() => F.sqrt(a));
      c.sqrt = root === null ? null : hex(root);
    }
    return c;
  });
}

// Integer conversions and the small-integer / 128-bit multiplication fast paths.
const U64 = [0n, 1n, 2n, 3n, 9n, (1n << 32n) + 7n, (1n << 63n), (1n << 64n) - 1n, 0xfedcba9876543210n];
const I64 = [0n, -1n, 1n, -(1n << 63n), (1n << 63n) - 1n, -12345678901234n];
const U128 = [0n, 1n, (1n << 64n), (1n << 128n) - 1n, (1n << 127n), 0x0123456789abcdeffedcba9876543210n];
const I128 = [-1n, -(1n << 127n), (1n << 127n) - 1n, -(1n << 64n), -0x0123456789abcdeffedcba98765n];
function smallIntCases(F, label) {
  const m = F.ORDER;
  const as = [1n, m - 1n, ((1n << 254n) - 1n) % m, randomBig(m, label), randomBig(m, label)];
  const out = [];
  for (const [kind, ks] of [['u64', U64], ['i64', I64], ['u128', U128], ['i128', I128]]) {
    for (const k of ks) {
      for (const a of as) {
        out.push({ kind, k: k.toString(), a: hex(a), product: hex(F.create(a * F.create(k))) });
      }
    }
  }
  return out;
}

// Σ a_i·b_i and Σ a_i·k_i for the accumulator.
function sumOfProducts(F, label, n) {
  const m = F.ORDER;
  const terms = [];
  let sum = 0n;
  for (let i = 0; i < n; i++) {
    const a = i % 7 === 0 ? m - 1n : randomBig(m, label);
    const b = i % 7 === 0 ? m - 1n : randomBig(m, label);
    const k = BigInt.asIntN(64, random256(label));
    terms.push({ a: hex(a), b: hex(b), k: k.toString() });
    sum = F.add(sum, F.add(F.mul(a, b), F.mul(a, F.create(k))));
  }
  return { terms, sum: hex(sum) };
}

const flat2 = (x) => [hex(x.c0), hex(x.c1)];
const flat6 = (x) => [...flat2(x.c0), ...flat2(x.c1), ...flat2(x.c2)];
const flat12 = (x) => [...flat6(x.c0), ...flat6(x.c1)];
const randomFp2 = (label) => Fp2.fromBigTuple([randomBig(Fp.ORDER, label), randomBig(Fp.ORDER, label)]);
const randomFp6 = (label) => Fp6.fromBigSix(Array.from({ length: 6 }, () => randomBig(Fp.ORDER, label)));
const randomFp12 = (label) => Fp12.fromBigTwelve(Array.from({ length: 12 }, () => randomBig(Fp.ORDER, label)));

function fq2Cases(count) {
  const p = Fp.ORDER;
  const specials = [Fp2.ZERO, Fp2.ONE, Fp2.fromBigTuple([0n, 1n]), Fp2.fromBigTuple([p - 1n, p - 1n]),
    Fp2.fromBigTuple([5n, 0n]), Fp2.fromBigTuple([0n, 5n])];
  const xs = [...specials];
  while (xs.length < specials.length + count) xs.push(randomFp2('fq2'));
  return xs.map((a, i) => {
    const b = i % 3 === 0 ? randomFp2('fq2/b') : Fp2.sqr(randomFp2('fq2/b'));
    const root = tryOrNull(() => Fp2.sqrt(a));
    const squareRoot = tryOrNull(() => Fp2.sqrt(b));
    return {
      a: flat2(a), b: flat2(b), mul: flat2(Fp2.mul(a, b)), square: flat2(Fp2.sqr(a)),
      inverse: flat2(Fp2.is0(a) ? Fp2.ZERO : Fp2.inv(a)),
      mul_by_nonresidue: flat2(Fp2.mulByNonresidue(a)), frobenius: flat2(Fp2.frobeniusMap(a, 1)),
      sqrt_a: root === null ? null : flat2(root), sqrt_b: squareRoot === null ? null : flat2(squareRoot),
    };
  });
}

function fq6Cases(count) {
  return Array.from({ length: count }, () => {
    const a = randomFp6('fq6'), b = randomFp6('fq6/b');
    return {
      a: flat6(a), b: flat6(b), mul: flat6(Fp6.mul(a, b)), square: flat6(Fp6.sqr(a)),
      inverse: flat6(Fp6.inv(a)), mul_by_nonresidue: flat6(Fp6.mulByNonresidue(a)),
      frobenius: [1, 2, 3, 4, 5].map((k) => flat6(Fp6.frobeniusMap(a, k))),
    };
  });
}

function fq12Cases(count) {
  return Array.from({ length: count }, () => {
    const a = randomFp12('fq12'), b = randomFp12('fq12/b');
    // The easy part of the final exponentiation, a^((p^6 − 1)(p^2 + 1)), is cyclotomic.
    const t = Fp12.mul(Fp12.conjugate(a), Fp12.inv(a));
    const g = Fp12.mul(Fp12.frobeniusMap(t, 2), t);
    const e = random256('fq12/e');
    return {
      a: flat12(a), b: flat12(b), mul: flat12(Fp12.mul(a, b)), square: flat12(Fp12.sqr(a)),
      inverse: flat12(Fp12.inv(a)), conjugate: flat12(Fp12.conjugate(a)),
      frobenius: Array.from({ length: 11 }, (_, i) => flat12(Fp12.frobeniusMap(a, i + 1))),
      cyclotomic: flat12(g), cyclotomic_square: flat12(Fp12._cyclotomicSquare(g)),
      pow_exponent: hex(e), cyclotomic_pow: flat12(Fp12.pow(g, e)),
    };
  });
}

const vectors = {
  generator: 'tests/vectors/gen_field.mjs with @noble/curves bn254',
  fr: { modulus: hex(Fr.ORDER), cases: primeFieldCases(Fr, 'fr', 24), small: smallIntCases(Fr, 'fr/small'),
    sum_of_products: sumOfProducts(Fr, 'fr/acc', 64) },
  fq: { modulus: hex(Fp.ORDER), cases: primeFieldCases(Fp, 'fq', 24), small: smallIntCases(Fp, 'fq/small'),
    sum_of_products: sumOfProducts(Fp, 'fq/acc', 16) },
  fq2: fq2Cases(20),
  fq6: fq6Cases(6),
  fq12: fq12Cases(4),
};
writeFileSync(new URL('./field_vectors.json', import.meta.url), JSON.stringify(vectors, null, 1) + '\n');
console.log('wrote field_vectors.json');
