#include "rill/poly/dense.hpp"

#include "rill/poly/eq.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {
constexpr u64 kGrain = 1 << 12;
}

DensePoly::DensePoly(tracked_vector<Fr> evals) : evals_(std::move(evals)) {
  RILL_CHECK(is_pow2(evals_.size()), "a dense multilinear needs 2^n evaluations");
  num_vars_ = log2_exact(evals_.size());
}

void bind_low_into(std::span<const Fr> in, const Fr& r, std::span<Fr> out) {
  RILL_CHECK_EQ(out.size() * 2, in.size(), "bind output must be half the input");
  parallel_for(0, out.size(), kGrain, [&](u64 b, u64 e) {
    for (u64 i = b; i < e; ++i) out[i] = in[2 * i] + r * (in[2 * i + 1] - in[2 * i]);
  });
}

void DensePoly::bind_low(const Fr& r) {
  RILL_CHECK(num_vars_ > 0, "no variable left to bind");
  tracked_vector<Fr> out(evals_.size() / 2);
  bind_low_into(evals_, r, out);
  evals_ = std::move(out);
  --num_vars_;
}

void DensePoly::bind_high(const Fr& r) {
  RILL_CHECK(num_vars_ > 0, "no variable left to bind");
  const std::size_t half = evals_.size() / 2;
  // In place: entry i reads only entries i and i + half, and writes entry i.
  parallel_for(0, half, kGrain, [&](u64 b, u64 e) {
    for (u64 i = b; i < e; ++i) evals_[i] += r * (evals_[i + half] - evals_[i]);
  });
  evals_.resize(half);
  evals_.shrink_to_fit();
  --num_vars_;
}

Fr DensePoly::evaluate(std::span<const Fr> point) const {
  RILL_CHECK_EQ(point.size(), static_cast<std::size_t>(num_vars_), "point has wrong length");
  const tracked_vector<Fr> eq = eq_table(point);
  return parallel_reduce(
      0, evals_.size(), kGrain, Fr::zero(),
      [&](u64 b, u64 e) {
        Fr acc = Fr::zero();
        for (u64 i = b; i < e; ++i) acc += eq[i] * evals_[i];
        return acc;
      },
      [](Fr a, const Fr& b) { return a + b; });
}

}  // namespace rill
