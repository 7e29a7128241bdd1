// Batched Dory openings: m committed polynomials opened at one point with one proof
// (reference dory.md §5, with independent batching coefficients).
//
// Both sides absorb m, every commitment and every claimed value, then draw m 128-bit
// coefficients γ_i. The joint claim is C* = Σ γ_i·C_i (GT, additive), y* = Σ γ_i·y_i, and the
// prover opens f* = Σ γ_i·f_i with the hint T*_ρ = Σ γ_i·T^(i)_ρ (rows combined in G1, missing
// rows of a shorter hint count as identity). It never builds f*: its provider returns
// v* = Σ γ_i·Lᵀ·M_i directly, combining the row sources on the fly.
#pragma once

#include <span>
#include <vector>

#include "rill/pcs/opening.hpp"

namespace rill {

class BatchVectorMatrixProductProvider {
 public:
  virtual ~BatchVectorMatrixProductProvider() = default;
  // out[c] = Σ_i coefficients[i]·Σ_ρ L[ρ]·M_i[ρ][c]  (L as in VectorMatrixProductProvider).
  virtual void vector_matrix_product(std::span<const Fr> row_point, std::span<const Fr> row_weights,
                                     std::span<const Fr> coefficients, std::span<Fr> out) const = 0;
};

// Combines one provider per polynomial: asks each for Lᵀ·M_i and adds them up with the
// coefficients (2^σ extra field elements of memory).
class CombinedVmvProvider final : public BatchVectorMatrixProductProvider {
 public:
  explicit CombinedVmvProvider(std::vector<const VectorMatrixProductProvider*> parts)
      : parts_(std::move(parts)) {}
  void vector_matrix_product(std::span<const Fr> row_point, std::span<const Fr> row_weights,
                             std::span<const Fr> coefficients, std::span<Fr> out) const override;

 private:
  std::vector<const VectorMatrixProductProvider*> parts_;
};

DoryProof prove_dory_batch(const DorySetup& setup, MatrixShape shape,
                           std::span<const GT> commitments, std::span<const Fr> point,
                           std::span<const Fr> values,
                           std::span<const std::span<const G1Affine>> row_commitments,
                           const BatchVectorMatrixProductProvider& provider, Transcript& transcript,
                           const PreparedRowGenerators* prepared = nullptr);

DoryVerifyResult verify_dory_batch(const DoryVerifierSetup& setup, MatrixShape shape,
                                   std::span<const GT> commitments, std::span<const Fr> point,
                                   std::span<const Fr> values, const DoryProof& proof,
                                   Transcript& transcript);

}  // namespace rill
