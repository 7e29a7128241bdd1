#include "rill/poly/eq.hpp"

#include <vector>

#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {

// Sequential doubling build: after processing w[0..i], entry k holds scale·eq(w[0..i], k) with
// w[i] on the lowest bit; each step splits t[k] into t[2k] = t[k]·(1−w_i), t[2k+1] = t[k]·w_i
// (one multiplication per new entry).
void eq_table_serial(std::span<const Fr> w, const Fr& scale, Fr* out) {
  out[0] = scale;
  std::size_t size = 1;
  for (const Fr& wi : w) {
    for (std::size_t k = size; k-- > 0;) {
      const Fr hi = out[k] * wi;
      out[2 * k] = out[k] - hi;
      out[2 * k + 1] = hi;
    }
    size *= 2;
  }
}

constexpr std::size_t kSerialVars = 12;

}  // namespace

tracked_vector<Fr> eq_table(std::span<const Fr> w, const Fr& scale) {
  const std::size_t n = w.size();
  tracked_vector<Fr> table(std::size_t{1} << n);
  if (n <= kSerialVars) {
    eq_table_serial(w, scale, table.data());
    return table;
  }
  // eq(w, x) = eq(w_hi, x_hi)·eq(w_lo, x_lo) with x = x_hi·2^m + x_lo and w_lo = the last m
  // entries of w: two √-sized tables, then a parallel outer product.
  const std::size_t m = n / 2;
  std::vector<Fr> hi(std::size_t{1} << (n - m)), lo(std::size_t{1} << m);
  eq_table_serial(w.first(n - m), scale, hi.data());
  eq_table_serial(w.last(m), Fr::one(), lo.data());
  parallel_for(0, hi.size(), 1, [&](u64 b, u64 e) {
    for (u64 h = b; h < e; ++h) {
      Fr* row = table.data() + (h << m);
      for (std::size_t l = 0; l < lo.size(); ++l) row[l] = hi[h] * lo[l];
    }
  });
  return table;
}

Fr eq_eval(std::span<const Fr> a, std::span<const Fr> b) {
  RILL_CHECK_EQ(a.size(), b.size(), "eq of points of different lengths");
  Fr acc = Fr::one();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Fr ab = a[i] * b[i];
    // a·b + (1−a)(1−b) = 1 − a − b + 2ab
    acc *= Fr::one() - a[i] - b[i] + ab + ab;
  }
  return acc;
}

tracked_vector<Fr> eq_plus_one_table(std::span<const Fr> w) {
  tracked_vector<Fr> eq = eq_table(w);
  // [x = y + 1] summed against eq(w, y): shift the eq table up by one.
  for (std::size_t x = eq.size(); x-- > 1;) eq[x] = eq[x - 1];
  eq[0] = Fr::zero();
  return eq;
}

Fr eq_plus_one_eval(std::span<const Fr> w, std::span<const Fr> x) {
  RILL_CHECK_EQ(w.size(), x.size(), "eq+1 of points of different lengths");
  const std::size_t n = w.size();
  // low_ones[k] = Π_{j>k} w_j(1 − x_j)   (big-endian: j > k are the less significant bits)
  // high_eq[k]  = Π_{j<k} eq(w_j, x_j)
  std::vector<Fr> low_ones(n + 1, Fr::one());
  for (std::size_t k = n; k-- > 0;) low_ones[k] = low_ones[k + 1] * w[k] * (Fr::one() - x[k]);
  Fr high_eq = Fr::one();
  Fr sum = Fr::zero();
  for (std::size_t k = 0; k < n; ++k) {
    sum += high_eq * (Fr::one() - w[k]) * x[k] * low_ones[k + 1];
    const Fr wx = w[k] * x[k];
    high_eq *= Fr::one() - w[k] - x[k] + wx + wx;
  }
  return sum;
}

tracked_vector<Fr> lt_table(std::span<const Fr> w) {
  tracked_vector<Fr> eq = eq_table(w);
  // Exclusive suffix sums: T[x] = Σ_{y > x} eq(w, y).
  Fr running = Fr::zero();
  for (std::size_t x = eq.size(); x-- > 0;) {
    const Fr here = eq[x];
    eq[x] = running;
    running += here;
  }
  return eq;
}

Fr lt_eval(std::span<const Fr> x, std::span<const Fr> w) {
  RILL_CHECK_EQ(x.size(), w.size(), "LT of points of different lengths");
  Fr high_eq = Fr::one();
  Fr sum = Fr::zero();
  for (std::size_t k = 0; k < x.size(); ++k) {
    sum += high_eq * (Fr::one() - x[k]) * w[k];
    const Fr xw = x[k] * w[k];
    high_eq *= Fr::one() - x[k] - w[k] + xw + xw;
  }
  return sum;
}

}  // namespace rill
