// Vector–matrix-product providers over polynomials held in memory: dense field values, small
// signed integers, and CycleMajor one-hot polynomials (hot address per cycle). Tests and
// benchmarks use them; the zkvm layer answers the same interface from a trace pass instead.
// Each also commits its polynomial through CommitmentBuilder in chunks, the way a streaming
// caller would.
#pragma once

#include <span>

#include "rill/pcs/commit.hpp"
#include "rill/pcs/opening.hpp"

namespace rill {

// M[ρ][c] = evals[ρ·2^σ + c]; evals may be shorter than 2^n (missing rows are zero).
class DenseMatrixProvider final : public VectorMatrixProductProvider {
 public:
  DenseMatrixProvider(std::span<const Fr> evals, MatrixShape shape);
  void vector_matrix_product(std::span<const Fr> row_point, std::span<const Fr> row_weights,
                             std::span<Fr> out) const override;
  DoryCommitment commit(const DorySetup& setup) const;

 private:
  std::span<const Fr> evals_;
  MatrixShape shape_;
};

// The same for small signed integers (committed with the small-scalar MSM path).
class SmallIntMatrixProvider final : public VectorMatrixProductProvider {
 public:
  SmallIntMatrixProvider(std::span<const i64> evals, MatrixShape shape);
  void vector_matrix_product(std::span<const Fr> row_point, std::span<const Fr> row_weights,
                             std::span<Fr> out) const override;
  DoryCommitment commit(const DorySetup& setup) const;

 private:
  std::span<const i64> evals_;
  MatrixShape shape_;
};

// A one-hot polynomial over K = num_addresses addresses and T = 2^n/K cycles, CycleMajor:
// coefficient k·T + t is 1 iff hot_address[t] = k (kNoHotAddress: no 1 in that cycle).
// Requires T ≥ 2^σ. VMP: out[t mod 2^σ] += L[k·(T/2^σ) + ⌊t/2^σ⌋].
class OneHotMatrixProvider final : public VectorMatrixProductProvider {
 public:
  OneHotMatrixProvider(std::span<const u32> hot_address, u32 num_addresses, MatrixShape shape);
  void vector_matrix_product(std::span<const Fr> row_point, std::span<const Fr> row_weights,
                             std::span<Fr> out) const override;
  // Commits chunk by chunk (2^σ cycles each), chunks spread over threads.
  DoryCommitment commit(const DorySetup& setup,
                        const PreparedRowGenerators* prepared = nullptr) const;

 private:
  std::span<const u32> hot_address_;
  u32 num_addresses_;
  MatrixShape shape_;
};

}  // namespace rill
