// Batch-affine summation: many independent affine additions share one field inversion.
//
// An affine addition P + Q needs one inversion, λ = (y_Q − y_P)/(x_Q − x_P) (or 3x²/(2y) when
// P = Q), then x = λ² − x_P − x_Q, y = λ(x_P − x) − y_P. Inverting all denominators of a batch at
// once with Montgomery's trick costs 3 multiplications each, so an addition costs about 6
// multiplications instead of the ~11 of a mixed Jacobian addition. Used by the MSM buckets and by
// the 0/1 (subset-sum) paths.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "rill/curve/batch_normalize.hpp"
#include "rill/util/int.hpp"

namespace rill::detail {

template <class Affine>
class SegmentSummer {
  using F = decltype(Affine{}.x);

 public:
  // `points` holds consecutive segments: segment s is points[offsets[s] .. offsets[s + 1]).
  // Returns the sum of each segment (the identity for an empty one). Each round adds adjacent
  // pairs within every segment, halving it, with one batched inversion per round; the rounds
  // stop when every segment has at most one point.
  std::vector<Affine> sum_segments(std::vector<Affine>& points, std::vector<u32>& offsets) {
    const std::size_t segments = offsets.size() - 1;
    while (true) {
      std::size_t pairs = 0;
      for (std::size_t s = 0; s < segments; ++s) pairs += (offsets[s + 1] - offsets[s]) / 2;
      if (pairs == 0) break;
      prepare_denominators(points, offsets, pairs);
      batch_invert<F>(denominators_, scratch_);
      next_.resize(points.size() - pairs);
      next_offsets_.resize(offsets.size());
      std::size_t out = 0, pair = 0;
      for (std::size_t s = 0; s < segments; ++s) {
        next_offsets_[s] = static_cast<u32>(out);
        u32 i = offsets[s];
        for (; i + 1 < offsets[s + 1]; i += 2, ++pair) {
          next_[out++] = finish_add(points[i], points[i + 1], kinds_[pair], denominators_[pair]);
        }
        if (i < offsets[s + 1]) next_[out++] = points[i];
      }
      next_offsets_[segments] = static_cast<u32>(out);
      points.swap(next_);
      offsets.swap(next_offsets_);
    }
    std::vector<Affine> sums(segments, Affine::identity());
    for (std::size_t s = 0; s < segments; ++s) {
      if (offsets[s + 1] > offsets[s]) sums[s] = points[offsets[s]];
    }
    return sums;
  }

 private:
  enum Kind : u8 { kLeftIsIdentity, kRightIsIdentity, kCancel, kDouble, kGeneric };

  // Classifies each pair and stores its denominator (zero when no inversion is needed; the batch
  // inversion leaves zeros alone).
  void prepare_denominators(const std::vector<Affine>& points, const std::vector<u32>& offsets,
                            std::size_t pairs) {
    denominators_.resize(pairs);
    kinds_.resize(pairs);
    std::size_t pair = 0;
    for (std::size_t s = 0; s + 1 < offsets.size(); ++s) {
      for (u32 i = offsets[s]; i + 1 < offsets[s + 1]; i += 2, ++pair) {
        const Affine& p = points[i];
        const Affine& q = points[i + 1];
        F denominator = F::zero();
        Kind kind;
        if (p.infinity) {
          kind = kLeftIsIdentity;
        } else if (q.infinity) {
          kind = kRightIsIdentity;
        } else if (denominator = q.x - p.x; !denominator.is_zero()) {
          kind = kGeneric;
        } else {
          // Same x: Q = P (tangent, denominator 2y) or Q = −P (sum is the identity). A point with
          // y = 0 would have order 2, which no point of the prime-order groups has; treat it as
          // cancelling too.
          kind = (p.y == q.y && !p.y.is_zero()) ? kDouble : kCancel;
          if (kind == kDouble) denominator = p.y + p.y;
        }
        denominators_[pair] = denominator;
        kinds_[pair] = kind;
      }
    }
  }

  static Affine finish_add(const Affine& p, const Affine& q, Kind kind, const F& inverse) {
    F lambda;
    switch (kind) {
      case kLeftIsIdentity:
        return q;
      case kRightIsIdentity:
        return p;
      case kCancel:
        return Affine::identity();
      case kDouble: {
        const F xx = p.x.square();
        lambda = (xx + xx + xx) * inverse;
        break;
      }
      case kGeneric:
        lambda = (q.y - p.y) * inverse;
        break;
    }
    const F x = lambda.square() - p.x - q.x;
    return Affine{x, lambda * (p.x - x) - p.y, false};
  }

  std::vector<F> denominators_, scratch_;
  std::vector<Kind> kinds_;
  std::vector<Affine> next_;
  std::vector<u32> next_offsets_;
};

// Σ points (consumes the vector), by the batch-affine tree above.
template <class Affine>
Affine sum_points(std::vector<Affine>& points) {
  std::vector<u32> offsets = {0, static_cast<u32>(points.size())};
  SegmentSummer<Affine> summer;
  return summer.sum_segments(points, offsets)[0];
}

}  // namespace rill::detail
