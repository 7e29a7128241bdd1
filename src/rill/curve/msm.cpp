#include "rill/curve/msm.hpp"

#include <vector>

#include "rill/curve/batch_affine.hpp"
#include "rill/curve/pippenger.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {
namespace {

using detail::SignedScalar;

// Below this many bases plain double-and-add beats the bucket method (measured).
constexpr std::size_t kNaiveThreshold = 4;
// Subset sums are split into chunks of this many bases, summed in parallel.
constexpr u64 kSumGrain = 1 << 13;
// Fewer points than this are summed with mixed Jacobian additions: the batch-affine tree pays one
// field inversion (about 30 mixed additions) per round.
constexpr std::size_t kSmallSum = 64;

template <class Point>
Point naive_msm(std::span<const typename Point::Affine> bases,
                std::span<const SignedScalar> scalars) {
  Point acc;
  for (std::size_t i = 0; i < bases.size(); ++i) {
    const Point term = Point::from_affine(bases[i]).mul_limbs(scalars[i].magnitude);
    acc += scalars[i].negative ? -term : term;
  }
  return acc;
}

template <class Point>
Point msm_signed(std::span<const typename Point::Affine> bases,
                 std::span<const SignedScalar> scalars) {
  RILL_CHECK_EQ(bases.size(), scalars.size(), "msm: one scalar per base");
  if (bases.size() < kNaiveThreshold) return naive_msm<Point>(bases, scalars);
  return detail::pippenger<Point>(bases, scalars);
}

template <class Scalar, class ToSigned>
std::vector<SignedScalar> to_signed(std::span<const Scalar> scalars, ToSigned&& convert) {
  std::vector<SignedScalar> out(scalars.size());
  parallel_for(0, scalars.size(), 4096, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) out[i] = convert(scalars[i]);
  });
  return out;
}

SignedScalar from_fr(const Fr& k) { return SignedScalar{k.to_limbs(), false}; }

// Σ of the bases that `select(i)` picks, in parallel chunks, each summed by the batch-affine tree.
template <class Select>
G1 sum_where(std::size_t n, Select&& select) {
  return parallel_reduce(
      0, n, kSumGrain, G1::identity(),
      [&](u64 lo, u64 hi) {
        std::vector<G1Affine> chosen;
        chosen.reserve(hi - lo);
        for (u64 i = lo; i < hi; ++i) select(i, chosen);
        if (chosen.size() < kSmallSum) {
          G1 acc;
          for (const G1Affine& p : chosen) acc = acc.add_mixed(p);
          return acc;
        }
        return G1::from_affine(detail::sum_points(chosen));
      },
      [](const G1& a, const G1& b) { return a + b; });
}

}  // namespace

G1 msm(std::span<const G1Affine> bases, std::span<const Fr> scalars) {
  const std::vector<SignedScalar> s = to_signed(scalars, from_fr);
  return msm_signed<G1>(bases, s);
}

G2 msm(std::span<const G2Affine> bases, std::span<const Fr> scalars) {
  const std::vector<SignedScalar> s = to_signed(scalars, from_fr);
  return msm_signed<G2>(bases, s);
}

G1 msm_u64(std::span<const G1Affine> bases, std::span<const u64> scalars) {
  const std::vector<SignedScalar> s = to_signed(scalars, [](u64 k) {
    return SignedScalar{{k, 0, 0, 0}, false};
  });
  return msm_signed<G1>(bases, s);
}

G1 msm_i64(std::span<const G1Affine> bases, std::span<const i64> scalars) {
  const std::vector<SignedScalar> s = to_signed(scalars, [](i64 k) {
    // |k| as u64 (well defined for INT64_MIN too).
    const u64 magnitude = k < 0 ? u64(0) - static_cast<u64>(k) : static_cast<u64>(k);
    return SignedScalar{{magnitude, 0, 0, 0}, k < 0};
  });
  return msm_signed<G1>(bases, s);
}

G1 sum_selected(std::span<const G1Affine> bases, std::span<const u8> bits) {
  RILL_CHECK_EQ(bases.size(), bits.size(), "sum_selected: one bit per base");
  return sum_where(bases.size(), [&](u64 i, std::vector<G1Affine>& chosen) {
    if (bits[i] != 0) chosen.push_back(bases[i]);
  });
}

G1 sum_indices(std::span<const G1Affine> bases, std::span<const u32> indices) {
  return sum_where(indices.size(), [&](u64 k, std::vector<G1Affine>& chosen) {
    RILL_CHECK(indices[k] < bases.size(), "sum_indices: index out of range");
    chosen.push_back(bases[indices[k]]);
  });
}

}  // namespace rill
