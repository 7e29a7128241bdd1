// Row commitments of small-integer rows by byte buckets.
//
// With shifted generators P[b][c] = 2^(8b)·Γ1[c], a row of integers x_c = Σ_b byte_b(x_c)·2^(8b)
// commits to  Σ_c x_c·Γ1[c] = Σ_{d=1}^{255} d·B_d,  B_d = Σ_{(b,c): byte_b(x_c) = d} ±P[b][c]
// (the sign of x_c). All byte positions share one set of 255 buckets, so a row costs one
// batch-affine addition per non-zero byte plus 2·255 additions for Σ_d d·B_d (running sums), and
// no doublings: about a third of a general Pippenger MSM at 2^10 columns and 32-bit values.
#pragma once

#include <array>
#include <mutex>
#include <span>
#include <vector>

#include "rill/curve/g1.hpp"
#include "rill/util/int.hpp"

namespace rill {

class ByteBucketCommitter {
 public:
  // Rows of up to `columns` entries over the generators `gamma1` (at least `columns` points).
  ByteBucketCommitter(std::span<const G1Affine> gamma1, std::size_t columns);

  // Σ_c sign_c·magnitude_c·Γ1[first_column + c] (sign_c = negative[c] ? −1 : +1; `negative` may
  // be empty for an all-positive row). Thread-safe.
  G1 commit(std::span<const u64> magnitudes, std::span<const u8> negative,
            std::size_t first_column) const;

 private:
  // P[b] for byte position b, built on first use (a row of 32-bit values never needs b ≥ 4).
  std::span<const G1Affine> shifted(unsigned b) const;

  std::span<const G1Affine> gamma1_;
  std::size_t columns_;
  mutable std::array<std::vector<G1Affine>, 8> shifted_;
  mutable std::array<std::once_flag, 8> built_;
};

}  // namespace rill
