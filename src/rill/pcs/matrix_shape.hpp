// The Dory matrix shape: a multilinear polynomial with 2^n hypercube evaluations is a row-major
// 2^ν × 2^σ matrix, ν + σ = n, ν ≤ σ. Flat index i sits at row i >> σ, column i mod 2^σ.
//
// Points follow the project convention (poly/eq.hpp): big-endian, point[0] pairs with the most
// significant index bit. So the first ν coordinates select the row and the last σ the column, and
//   f(point) = Lᵀ·M·R,  L = eq_table(point[0..ν)),  R = eq_table(point[ν..n)).
#pragma once

#include <cstdint>

#include "rill/util/check.hpp"

namespace rill {

struct MatrixShape {
  unsigned log_rows = 0;     // ν
  unsigned log_columns = 0;  // σ

  // Jolt's balanced split: σ = ⌈n/2⌉, ν = ⌊n/2⌋ (square for even n, twice as wide for odd n).
  static MatrixShape balanced(unsigned num_vars) {
    return MatrixShape{num_vars / 2, num_vars - num_vars / 2};
  }

  unsigned num_vars() const { return log_rows + log_columns; }
  std::uint64_t rows() const { return std::uint64_t{1} << log_rows; }
  std::uint64_t columns() const { return std::uint64_t{1} << log_columns; }
  // Dory's reduction runs σ rounds; the row side is padded from 2^ν to 2^σ.
  unsigned rounds() const { return log_columns; }
  bool valid() const { return log_rows <= log_columns; }

  friend bool operator==(const MatrixShape&, const MatrixShape&) = default;
};

}  // namespace rill
