// Stage 2b: RAM read-write checking, address first (docs/protocol.md, "Twist read-write checking";
// reference jolt-protocol.md §3 stage 2b with 4-byte words).
//
//   RamReadValue(r_c^1) + γ·RamWriteValue(r_c^1)
//     = Σ_{k,j} eq(r_c^1, j)·ra(k, j)·[Val(k, j) + γ·(Val(k, j) + RamInc(j))]
//
// ra(k, j) = [RAM word index of row j = k] (zero without an access), Val(k, j) the word before
// cycle j: Init(k) + Σ_{j' < j} RamInc(j')·ra(k, j'). log K_ram address rounds (degree 2), then log
// T cycle rounds (degree 3; factors ra, Val, RamInc, γ·ra, terms ra·Val + γra·Val + γra·Inc).
// Outputs: RamVal, RamRa @ (r_a^2 ‖ r_c^2), RamInc @ r_c^2.
// Verifier: eq(r_c^1, r_c^2)·ra·((1 + γ)·Val + γ·Inc) from the three claims.
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/twist_address_first.hpp"

namespace rill::zkvm {

// One leg per row: the RAM access (read and write address are the same word).
struct RamTwistPolicy {
  static constexpr unsigned kLegs = 1;
  static constexpr unsigned kFactors = 4;  // ra, Val, RamInc, γ·ra
  Fr gamma;

  std::array<u32, 1> legs(const CycleRecord& r) const { return {r.ram_word}; }
  u32 write_address(const CycleRecord& r) const { return r.ram_word; }
  i64 increment(const CycleRecord& r) const { return r.ram_word == kNoAccess ? 0 : r.ram_inc; }
  Fr leg_coeff(unsigned) const { return Fr::one(); }
  bool leg_adds_inc(unsigned) const { return true; }
  Fr val_scale() const { return Fr::one() + gamma; }
  Fr inc_scale() const { return gamma; }
  ProductShape cycle_shape() const { return ProductShape(4, {{0, 1}, {3, 1}, {3, 2}}); }
  std::array<TwistFactor, 4> cycle_factors() const {
    return {TwistFactor::leg_ra(0), TwistFactor::val(), TwistFactor::inc(),
            TwistFactor::leg_ra(0, gamma)};
  }
};

class RamReadWriteProver final : public TwistReadWriteProver<RamTwistPolicy> {
 public:
  // r_c1: the stage-1 cycle point; init: the initial RAM over K_ram words (K_ram entries);
  // claim: RamReadValue(r_c^1) + γ·RamWriteValue(r_c^1).
  RamReadWriteProver(const Fr& gamma, unsigned log_k, unsigned log_t, std::vector<Fr> r_c1,
                     tracked_vector<Fr> init, Schedule cycle_schedule, const Fr& claim);
  // RamVal, RamRa @ (r_a^2 ‖ r_c^2), RamInc @ r_c^2.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
};

class RamReadWriteVerifier final : public SumcheckVerifierInstance {
 public:
  // claims: RamReadValue, RamWriteValue @ r_c^1; RamVal, RamRa @ (r_a^2 ‖ r_c^2), RamInc @ r_c^2.
  RamReadWriteVerifier(const Fr& gamma, unsigned log_k, unsigned log_t, std::vector<Fr> r_c1,
                       const Fr& read_value, const Fr& write_value, const Fr& val, const Fr& ra,
                       const Fr& inc);
  unsigned num_rounds() const override { return log_k_ + log_t_; }
  unsigned degree() const override { return kTwistReadWriteDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  Fr gamma_;
  unsigned log_k_, log_t_;
  std::vector<Fr> r_c1_;
  Fr claim_, val_, ra_, inc_;
};

// The initial RAM of K words as field elements (K ≥ the image size; missing words are 0).
tracked_vector<Fr> ram_init_table(std::span<const u32> initial_memory, u64 k_ram);

}  // namespace rill::zkvm
