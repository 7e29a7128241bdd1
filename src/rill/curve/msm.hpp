// Multi-scalar multiplication Σ k_i·B_i over fixed affine bases.
//
// General scalars use Pippenger's bucket method with signed window digits (digits in
// [−2^(c−1), 2^(c−1)], so a window needs 2^(c−1) buckets and a negative digit adds −B_i); the
// window width c is chosen from the input size and the largest scalar's bit length, so small
// scalars (u64, i64, or field elements that happen to be small) cost proportionally less. From
// 384 bases up, bucket sums are computed in affine coordinates with batched inversions (see
// batch_affine.hpp); smaller inputs use Jacobian buckets, and fewer than 4 bases plain
// double-and-add. Windows run in parallel over rill::parallel_for. Results are exact group
// elements, identical for every thread count.
//
// 0/1 scalars (one-hot commitments) skip the buckets entirely: the selected bases are summed by a
// batch-affine addition tree, at roughly one affine addition per selected base.
#pragma once

#include <span>

#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"

namespace rill {

// All of these require bases.size() == scalars.size() (checked).
G1 msm(std::span<const G1Affine> bases, std::span<const Fr> scalars);
G1 msm_u64(std::span<const G1Affine> bases, std::span<const u64> scalars);
G1 msm_i64(std::span<const G1Affine> bases, std::span<const i64> scalars);
// Σ_{i: bits[i] ≠ 0} B_i.
G1 sum_selected(std::span<const G1Affine> bases, std::span<const u8> bits);
// Σ_k B_{indices[k]}; an index may repeat (it is then added that many times). Indices must be
// < bases.size() (checked).
G1 sum_indices(std::span<const G1Affine> bases, std::span<const u32> indices);

G2 msm(std::span<const G2Affine> bases, std::span<const Fr> scalars);

}  // namespace rill
