// Stage 1: the Spartan outer sumcheck over the uniform R1CS (reference jolt-protocol.md §3
// stage 1, without the univariate skip: ARCHITECTURE.md §3).
//
//   0 = Σ_{x ∈ {0,1}^{log T}} Σ_{c ∈ {0,1}^5} eq(τ, (x, c))·Az(x, c)·Bz(x, c)
//
// over the index i = x·32 + c (constraints padded to 32 with zero rows), Az(x, c) = guard_c(z(x))
// and Bz(x, c) = left_c(z(x)) − right_c(z(x)). τ has log T + 5 entries, big-endian:
// τ = (τ_x ‖ τ_c), so eq(τ, (x, c)) = eq(τ_x, x)·eq(τ_c, c). Rounds bind low to high: rounds
// 0–4 the constraint bits (challenges r_0..r_4, r_c = (r_4, …, r_0)), then the cycle bits; the
// stage's cycle point is r_x = reverse(r_5, …, r_{log T + 4}).
//
// Prover, both modes (the round polynomials are the same field polynomials, so the proof bytes
// are the same):
//   * rounds 0–4: one pass computes the 19×19 matrix
//       M[c][c'] = Σ_x eq(τ_x, x)·Az(x, c)·Bz(x, c'),
//     and then g(y) = Σ_x eq(τ_x, x)·Az(x, y)·Bz(x, y) = Σ_{c,c'} eq(y, c)·eq(y, c')·M[c][c']
//     for any y ∈ F^5, so h_j(X) = Σ_{y_{>j} ∈ {0,1}} eq(τ_c, y)·g(y), y = (r_{<j}, X, y_{>j});
//   * rounds 5…: a product sumcheck over the cycle bits of
//       eq(τ_x, x)·(eq(τ_c, r_c)·Az(x, r_c))·Bz(x, r_c),
//     whose factors Az(x, r_c) = Σ_c eq(r_c, c)·Az(x, c) are computed per row by a kernel; the
//     linear schedule materializes them (T entries each), the streaming one answers from
//     windows. Nothing ever holds 32·T entries.
//   * the opening claims z_i(r_x) of all R1CS inputs are not factors: the stage evaluates them
//     after the batch with one sidecar pass, the same code in both modes.
// Verifier: the rounds, then eq(τ, r)·Az(r)·Bz(r) with Az(r) = Σ_c eq(r_c, c)·guard_c(claims),
// Bz(r) likewise (the constant constraint rows evaluated at the claims).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/poly/eq.hpp"
#include "rill/riscv/bytecode.hpp"
#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/schedule.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/r1cs/constraints.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/stages/small_value_sum.hpp"
#include "rill/zkvm/stages/stage_prover.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"
#include "rill/zkvm/witness/cycle_witness.hpp"
#include "rill/zkvm/witness/row_source.hpp"

namespace rill::zkvm {

inline constexpr unsigned kSpartanOuterDegree = 3;

// s·Az(x, r_c) and Bz(x, r_c) of one row as the factors of the cycle-round product sumcheck:
// with e = eq(r_c, ·), Az(x, r_c) = Σ_c e_c·guard_c(z) = a_0 + Σ_i a_i·z_i where
// a_0 = Σ_c e_c·guard_c.constant and a_i = Σ_c e_c·(coefficient of z_i in guard_c); Bz likewise.
// The scale s = eq(τ_c, r_c) is folded into Az so that the weight is a plain eq(τ_x, ·), which
// the sumcheck engine keeps in split form.
class AzBzKernel {
 public:
  using Record = CycleRecord;

  AzBzKernel(std::span<const Fr> r_c, const Fr& scale);
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& record, const CycleRecord& next, u64 j, Fr* out) const;

 private:
  struct Combined {
    Fr constant;
    std::vector<std::pair<Input, Fr>> terms;  // inputs with a non-zero combined coefficient
    Fr apply(const R1csInputs& z) const;
  };
  Combined a_, b_;
};

// The rounds-0–4 pass result: M[c][c'] = Σ_x eq(τ_x, x)·Az(x, c)·Bz(x, c').
using ConstraintPairSums = std::array<Fr, kNumConstraints * kNumConstraints>;

class SpartanOuterProver final : public StageProver {
 public:
  // cycle_schedule: the schedule of the log T cycle rounds (linear or windowed).
  SpartanOuterProver(std::vector<Fr> tau, unsigned log_t, Schedule cycle_schedule);
  ~SpartanOuterProver() override;

  unsigned num_rounds() const override { return log_t_ + kConstraintVars; }
  unsigned degree() const override { return kSpartanOuterDegree; }
  Fr input_claim() const override { return Fr::zero(); }
  UniPoly round_poly(unsigned round, const Fr& claim) override;
  void bind(unsigned round, const Fr& challenge) override;
  bool needs_pass(unsigned round) const override;
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned round) override;
  // No factor is a claim; the 34 R1CS inputs at r_c^1 are sidecar claims.
  void output_claims(const PointTable&, StageClaims&) const override {}
  std::vector<ClaimKey> sidecar_claims() const override;

 private:
  struct PairSumsConsumer;
  using CycleSumcheck = StreamingProductSumcheck<AzBzKernel>;

  std::vector<Fr> tau_;
  unsigned log_t_;
  Schedule cycle_schedule_;
  std::optional<ConstraintPairSums> pair_sums_;
  UniPoly last_constraint_poly_;           // h_j of the latest constraint round
  std::vector<Fr> constraint_challenges_;  // r_0..r_4 in round order
  std::unique_ptr<CycleSumcheck> cycle_;
};

class SpartanOuterVerifier final : public SumcheckVerifierInstance {
 public:
  // input_claims: the claimed R1CS inputs at the cycle point, in Input order (the caller
  // checks the count of untrusted claims first).
  SpartanOuterVerifier(std::vector<Fr> tau, unsigned log_t, std::vector<Fr> input_claims);

  unsigned num_rounds() const override { return log_t_ + kConstraintVars; }
  unsigned degree() const override { return kSpartanOuterDegree; }
  Fr input_claim() const override { return Fr::zero(); }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  std::vector<Fr> tau_;
  unsigned log_t_;
  std::vector<Fr> input_claims_;
};

// The stage's cycle point r_x (big-endian) from its challenges.
std::vector<Fr> spartan_outer_cycle_point(std::span<const Fr> challenges);

}  // namespace rill::zkvm
