// Batch inversion by Montgomery's trick: n inverses for one field inversion and 3(n−1)
// multiplications.
#pragma once

#include <span>
#include <vector>

namespace rill {

// Replaces every nonzero value by its inverse, in place; zeros stay zero (matching the scalar
// inverse() contract). With prefix products P_i = Π_{j<i, v_j≠0} v_j and I = (Π_{v_j≠0} v_j)^{-1},
// walking backwards: v_i^{-1} = I_i·P_i where I_i = inverse of the product of the nonzero values up
// to and including i, and I_{i−1} = I_i·v_i.
template <class F>
void batch_inverse(std::span<F> values) {
  std::vector<F> prefix(values.size());
  F running = F::one();
  for (std::size_t i = 0; i < values.size(); ++i) {
    prefix[i] = running;
    if (!values[i].is_zero()) running *= values[i];
  }
  F inverse_of_running = running.inverse();
  for (std::size_t i = values.size(); i-- > 0;) {
    if (values[i].is_zero()) continue;
    const F value = values[i];
    values[i] = inverse_of_running * prefix[i];
    inverse_of_running *= value;
  }
}

}  // namespace rill
