// Dory evaluation proofs: prove and verify f(point) = value for a committed multilinear f
// (reference dory.md §3, transparent mode). docs/protocol.md, section "Dory", has the math.
//
// The statement is bound first: before any Dory message the transcript absorbs the commitment,
// the shape (ν, σ), the point and the claimed value. The verifier takes the shape from the
// committed layout (its argument), never from the proof.
//
// The prover never holds the matrix M: it asks a VectorMatrixProductProvider for v = Lᵀ·M, where
// L = eq_table(point[0..ν)) is the row tensor, and reuses the row commitments from the commit
// (the hint) for everything else. Its memory is O(2^σ) group elements.
#pragma once

#include <span>
#include <string>

#include "rill/curve/gt.hpp"
#include "rill/field/fr.hpp"
#include "rill/pcs/matrix_shape.hpp"
#include "rill/pcs/proof.hpp"
#include "rill/pcs/setup.hpp"
#include "rill/transcript/transcript.hpp"

namespace rill {

// Computes out[c] = Σ_ρ L[ρ]·M[ρ][c] for the caller's matrix M (2^ν rows, 2^σ columns).
// L is the eq tensor of `row_point` (big-endian, ν coordinates); it is passed both as its
// factors (row_point) and as the 2^ν-entry table (row_weights), so a provider that streams a
// trace can split it into address and row-within-address factors (dory.md §5).
class VectorMatrixProductProvider {
 public:
  virtual ~VectorMatrixProductProvider() = default;
  virtual void vector_matrix_product(std::span<const Fr> row_point, std::span<const Fr> row_weights,
                                     std::span<Fr> out) const = 0;
};

struct DoryVerifyResult {
  bool ok = false;
  std::string reason;  // why the proof was rejected (empty when accepted)
  explicit operator bool() const { return ok; }
  static DoryVerifyResult accept() { return {true, {}}; }
  static DoryVerifyResult reject(std::string why) { return {false, std::move(why)}; }
};

class PreparedRowGenerators;

// Proves f(point) = value. `row_commitments` is the hint of the commitment (2^ν points), `point`
// is big-endian with shape.num_vars() coordinates. `prepared` (optional) holds the Miller lines of
// at least Γ2[0..2^(σ−1)) (the commitment's, for instance); without it the prover builds them.
DoryProof prove_dory_opening(const DorySetup& setup, MatrixShape shape, const GT& commitment,
                             std::span<const Fr> point, const Fr& value,
                             std::span<const G1Affine> row_commitments,
                             const VectorMatrixProductProvider& provider, Transcript& transcript,
                             const PreparedRowGenerators* prepared = nullptr);

// Never throws or aborts on a bad proof: returns the reason instead.
DoryVerifyResult verify_dory_opening(const DoryVerifierSetup& setup, MatrixShape shape,
                                     const GT& commitment, std::span<const Fr> point,
                                     const Fr& value, const DoryProof& proof,
                                     Transcript& transcript);

namespace detail {
// The statement binding both sides perform before the first Dory message.
void absorb_dory_statement(Transcript& transcript, MatrixShape shape, const GT& commitment,
                           std::span<const Fr> point, const Fr& value);
}  // namespace detail

}  // namespace rill
