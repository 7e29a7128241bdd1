// Pippenger's bucket method with signed digits, generic over G1 and G2 (internal; msm.cpp
// instantiates it).
//
// Write each scalar k = Σ_w d_w·2^(c·w) with digits d_w ∈ [−2^(c−1)+1, 2^(c−1)] (signed
// recoding: a raw c-bit window value above 2^(c−1) becomes value − 2^c and carries 1 upward).
// For each window w, bucket j collects Σ_{i: |d_{w,i}| = j+1} sign(d_{w,i})·B_i, and the window
// sum S_w = Σ_j (j+1)·bucket_j is formed by a running sum from the top bucket down. Finally
// Σ_i k_i·B_i = Σ_w 2^(c·w)·S_w by Horner's rule. Bucket contents are summed with batch-affine
// additions (points sorted by bucket, then SegmentSummer).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdlib>
#include <span>
#include <vector>

#include "rill/curve/batch_affine.hpp"
#include "rill/util/check.hpp"
#include "rill/util/int.hpp"
#include "rill/util/parallel.hpp"

namespace rill::detail {

// A scalar as magnitude limbs and a sign.
struct SignedScalar {
  std::array<u64, 4> magnitude;
  bool negative;
};

inline unsigned bit_length(const std::array<u64, 4>& v) {
  for (int i = 3; i >= 0; --i) {
    if (v[i] != 0) return 64u * static_cast<unsigned>(i) + std::bit_width(v[i]);
  }
  return 0;
}

// The c-bit field of v starting at bit `pos` (bits past 256 read as zero).
inline u64 extract_bits(const std::array<u64, 4>& v, unsigned pos, unsigned c) {
  const unsigned limb = pos / 64, shift = pos % 64;
  if (limb >= 4) return 0;
  u64 bits = v[limb] >> shift;
  if (shift + c > 64 && limb + 1 < 4) bits |= v[limb + 1] << (64 - shift);
  return bits & ((u64(1) << c) - 1);
}

// The window width minimising the estimated cost windows·(n + 4·2^(c−1)): one batch-affine
// addition per point per window, and two Jacobian additions per bucket (≈ 4 affine ones).
inline unsigned choose_window(std::size_t n, unsigned bits) {
  unsigned best = 1;
  double best_cost = 0;
  for (unsigned c = 1; c <= 16; ++c) {
    const double windows = (bits + c) / c;  // ⌈(bits + 1)/c⌉
    const double cost = windows * (static_cast<double>(n) + 4.0 * double(u64(1) << (c - 1)));
    if (c == 1 || cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  return best;
}

// `window_bits` = 0 picks the width with choose_window(); tests force other widths.
template <class Point>
Point pippenger(std::span<const typename Point::Affine> bases,
                std::span<const SignedScalar> scalars, unsigned window_bits = 0) {
  using Affine = typename Point::Affine;
  RILL_CHECK_EQ(bases.size(), scalars.size(), "msm: one scalar per base");
  const std::size_t n = bases.size();
  unsigned bits = 0;
  for (const SignedScalar& s : scalars) bits = std::max(bits, bit_length(s.magnitude));
  if (n == 0 || bits == 0) return Point::identity();

  RILL_CHECK(window_bits <= 16, "msm: window width above 16 bits");
  RILL_CHECK(n < (u64(1) << 32), "msm: bucket offsets are 32-bit");
  const unsigned c = window_bits != 0 ? window_bits : choose_window(n, bits);
  const unsigned windows = (bits + c) / c;
  const u64 half = u64(1) << (c - 1);

  // Signed digits, window-major: digits[w·n + i].
  std::vector<i32> digits(std::size_t(windows) * n);
  parallel_for(0, n, 1024, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) {
      u64 carry = 0;
      for (unsigned w = 0; w < windows; ++w) {
        const u64 raw = extract_bits(scalars[i].magnitude, w * c, c) + carry;
        carry = raw > half ? 1 : 0;
        i32 d = static_cast<i32>(raw) - static_cast<i32>(carry << c);
        if (scalars[i].negative) d = -d;
        digits[std::size_t(w) * n + i] = d;
      }
      RILL_DCHECK(carry == 0, "signed recoding overflowed the top window");
    }
  });

  std::vector<Point> window_sums(windows);
  parallel_for(0, windows, 1, [&](u64 wlo, u64 whi) {
    SegmentSummer<Affine> summer;
    std::vector<u32> offsets(half + 1);
    std::vector<Affine> sorted;
    for (u64 w = wlo; w < whi; ++w) {
      const std::span<const i32> d(digits.data() + w * n, n);
      // Counting sort of the points into buckets |d| − 1, negated where d < 0.
      std::fill(offsets.begin(), offsets.end(), 0);
      for (i32 v : d) {
        if (v != 0) ++offsets[std::abs(v)];  // offsets[j + 1] counts bucket j
      }
      for (std::size_t j = 1; j <= half; ++j) offsets[j] += offsets[j - 1];
      sorted.resize(offsets[half]);
      std::vector<u32> cursor(offsets.begin(), offsets.end() - 1);
      for (std::size_t i = 0; i < n; ++i) {
        if (d[i] == 0) continue;
        const Affine& b = bases[i];
        sorted[cursor[std::abs(d[i]) - 1]++] = d[i] > 0 ? b : -b;
      }
      const std::vector<Affine> buckets = summer.sum_segments(sorted, offsets);
      // S_w = Σ_j (j+1)·bucket_j = Σ_j running_j with running_j = Σ_{j' ≥ j} bucket_j'.
      Point running, total;
      for (std::size_t j = half; j-- > 0;) {
        running = running.add_mixed(buckets[j]);
        total += running;
      }
      window_sums[w] = total;
    }
  });

  Point result = window_sums[windows - 1];
  for (unsigned w = windows - 1; w-- > 0;) {
    for (unsigned k = 0; k < c; ++k) result = result.doubled();
    result += window_sums[w];
  }
  return result;
}

}  // namespace rill::detail
