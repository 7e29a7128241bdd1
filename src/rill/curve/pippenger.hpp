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
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <span>
#include <type_traits>
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

// Below this many points a window accumulates its buckets in Jacobian coordinates: each
// batch-affine round pays one field inversion (≈ 350 multiplications), which only pays off when a
// round has hundreds of additions.
inline constexpr std::size_t kBatchAffineMinPoints = 384;

// The window width minimising the estimated cost, in units of one bucket addition: per window,
// each point costs an addition except the first one landing in each bucket (a copy; with n points
// spread over B buckets about B·(1 − e^(−n/B)) buckets are hit), and the final reduction costs two
// Jacobian additions per bucket, k ≈ 4 batch-affine additions (or k ≈ 3 mixed Jacobian ones).
inline unsigned choose_window(std::size_t n, unsigned bits) {
  const double bucket_cost = n < kBatchAffineMinPoints ? 3.0 : 4.0;
  const double points = static_cast<double>(n);
  unsigned best = 1;
  double best_cost = 0;
  for (unsigned c = 1; c <= 16; ++c) {
    const double windows = (bits + c) / c;  // ⌈(bits + 1)/c⌉
    const double buckets = double(u64(1) << (c - 1));
    const double hit = buckets * (1.0 - std::exp(-points / buckets));
    const double cost = windows * (points - hit + bucket_cost * buckets);
    if (c == 1 || cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  return best;
}

// The sum S = Σ_j (j+1)·bucket_j of one window, where bucket_j = Σ_{i: |d_i| = j+1} sign(d_i)·B_i.
// Reuses its buffers across the windows a thread handles.
template <class Point>
class WindowSummer {
  using Affine = typename Point::Affine;

 public:
  explicit WindowSummer(u64 buckets) : buckets_(buckets) {}

  Point sum(std::span<const Affine> bases, std::span<const i32> digits) {
    if (bases.size() < kBatchAffineMinPoints) return reduce(jacobian_buckets(bases, digits));
    return reduce(affine_buckets(bases, digits));
  }

 private:
  std::vector<Point> jacobian_buckets(std::span<const Affine> bases, std::span<const i32> d) {
    std::vector<Point> buckets(buckets_);
    for (std::size_t i = 0; i < bases.size(); ++i) {
      if (d[i] == 0) continue;
      Point& b = buckets[std::abs(d[i]) - 1];
      b = b.add_mixed(d[i] > 0 ? bases[i] : -bases[i]);
    }
    return buckets;
  }

  // Counting sort of the points into buckets |d| − 1 (negated where d < 0), then the
  // batch-affine sums of all buckets at once.
  std::vector<Affine> affine_buckets(std::span<const Affine> bases, std::span<const i32> d) {
    offsets_.assign(buckets_ + 1, 0);
    for (i32 v : d) {
      if (v != 0) ++offsets_[std::abs(v)];  // offsets_[j + 1] counts bucket j
    }
    for (std::size_t j = 1; j <= buckets_; ++j) offsets_[j] += offsets_[j - 1];
    sorted_.resize(offsets_[buckets_]);
    cursor_.assign(offsets_.begin(), offsets_.end() - 1);
    for (std::size_t i = 0; i < bases.size(); ++i) {
      if (d[i] == 0) continue;
      sorted_[cursor_[std::abs(d[i]) - 1]++] = d[i] > 0 ? bases[i] : -bases[i];
    }
    return summer_.sum_segments(sorted_, offsets_);
  }

  // Σ_j (j+1)·bucket_j = Σ_j running_j with running_j = Σ_{j' ≥ j} bucket_j'.
  template <class Bucket>
  static Point reduce(const std::vector<Bucket>& buckets) {
    Point running, total;
    for (std::size_t j = buckets.size(); j-- > 0;) {
      if constexpr (std::is_same_v<Bucket, Point>) {
        running += buckets[j];
      } else {
        running = running.add_mixed(buckets[j]);
      }
      total += running;
    }
    return total;
  }

  u64 buckets_;
  SegmentSummer<Affine> summer_;
  std::vector<u32> offsets_, cursor_;
  std::vector<Affine> sorted_;
};

// `window_bits` = 0 picks the width with choose_window(); tests force other widths.
template <class Point>
Point pippenger(std::span<const typename Point::Affine> bases,
                std::span<const SignedScalar> scalars, unsigned window_bits = 0) {
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
    WindowSummer<Point> summer(half);
    for (u64 w = wlo; w < whi; ++w) {
      window_sums[w] = summer.sum(bases, std::span<const i32>(digits.data() + w * n, n));
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
