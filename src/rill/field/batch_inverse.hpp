// Batch inversion by Montgomery's trick: n inverses for one field inversion and about 3n
// multiplications.
#pragma once

#include <array>
#include <span>
#include <vector>

namespace rill {

namespace field_detail {

// The trick over interleaved lanes: element i belongs to lane i mod Lanes. Per lane, with prefix
// products P_i = Π v_j (j < i in the lane, v_j ≠ 0) and I = (Π v_j)^{-1} over the whole lane,
// walking backwards v_i^{-1} = I·P_i and then I ← I·v_i. Lanes are independent chains of
// multiplications, so with several of them the CPU overlaps their latencies. The lane totals are
// inverted together by the same trick with one lane.
template <std::size_t Lanes, class F>
void batch_inverse_lanes(std::span<F> values) {
  std::vector<F> prefix(values.size());
  std::array<F, Lanes> running;
  running.fill(F::one());
  for (std::size_t i = 0; i < values.size(); ++i) {
    F& lane = running[i % Lanes];
    prefix[i] = lane;
    if (!values[i].is_zero()) lane *= values[i];
  }
  if constexpr (Lanes == 1) {
    running[0] = running[0].inverse();
  } else {
    batch_inverse_lanes<1>(std::span<F>(running));  // lane totals are products of nonzeros
  }
  for (std::size_t i = values.size(); i-- > 0;) {
    if (values[i].is_zero()) continue;
    F& lane_inverse = running[i % Lanes];
    const F value = values[i];
    values[i] = lane_inverse * prefix[i];
    lane_inverse *= value;
  }
}

}  // namespace field_detail

// Replaces every nonzero value by its inverse, in place; zeros stay zero (matching the scalar
// inverse() contract). Cost: one inversion and 3 multiplications per element.
template <class F>
void batch_inverse(std::span<F> values) {
  constexpr std::size_t kLanes = 4;  // enough independent chains to hide multiplication latency
  if (values.size() < 4 * kLanes) {
    field_detail::batch_inverse_lanes<1>(values);
  } else {
    field_detail::batch_inverse_lanes<kLanes>(values);
  }
}

}  // namespace rill
