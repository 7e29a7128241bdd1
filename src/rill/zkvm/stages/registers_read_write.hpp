// Stage 4a: registers read-write checking, address first (docs/protocol.md, "Twist read-write
// checking"; reference jolt-protocol.md §3 stage 4a with K_reg = 64).
//
//   RdWriteValue(r_c^3) + γ·Rs1Value(r_c^3) + γ²·Rs2Value(r_c^3)
//     = Σ_{k,j} eq(r_c^3, j)·[wa(k, j)·(Val(k, j) + RdInc(j)) + γ·ra1(k, j)·Val(k, j)
//                              + γ²·ra2(k, j)·Val(k, j)]
//
// Three legs per row: the reads of rs1 and rs2 see the value before the cycle, the write of rd
// adds RdInc after; Val(k, j) = Σ_{j' < j} RdInc(j')·wa(k, j') (registers start at 0). 6 address
// rounds (degree 2, 64-entry tables), then log T cycle rounds (degree 3; factors wa, ra1, ra2, Val,
// RdInc, γ·ra1, γ²·ra2). Outputs: RegistersVal, Rs1Ra, Rs2Ra, RdWa @ (r_a^4 ‖ r_c^4), RdInc @
// r_c^4.
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/stage_table.hpp"
#include "rill/zkvm/stages/twist_address_first.hpp"

namespace rill::zkvm {

struct RegistersTwistPolicy {
  static constexpr unsigned kLegs = 3;     // rd, rs1, rs2
  static constexpr unsigned kFactors = 7;  // wa, ra1, ra2, Val, RdInc, γ·ra1, γ²·ra2
  Fr gamma, gamma2;

  std::array<u32, 3> legs(const CycleRecord& r) const { return {r.rd, r.rs1, r.rs2}; }
  u32 write_address(const CycleRecord& r) const { return r.rd; }
  i64 increment(const CycleRecord& r) const { return r.rd == kNoAccess ? 0 : r.rd_inc; }
  Fr leg_coeff(unsigned l) const { return l == 0 ? Fr::one() : l == 1 ? gamma : gamma2; }
  bool leg_adds_inc(unsigned l) const { return l == 0; }
  Fr val_scale() const { return Fr::one(); }
  Fr inc_scale() const { return Fr::one(); }
  ProductShape cycle_shape() const { return ProductShape(7, {{0, 3}, {0, 4}, {5, 3}, {6, 3}}); }
  std::array<TwistFactor, 7> cycle_factors() const {
    return {TwistFactor::leg_ra(0),
            TwistFactor::leg_ra(1),
            TwistFactor::leg_ra(2),
            TwistFactor::val(),
            TwistFactor::inc(),
            TwistFactor::leg_ra(1, gamma),
            TwistFactor::leg_ra(2, gamma2)};
  }
};

class RegistersReadWriteProver final : public TwistReadWriteProver<RegistersTwistPolicy> {
 public:
  // r_c3: the stage-3 cycle point; claim: RdWriteValue + γ·Rs1Value + γ²·Rs2Value at r_c^3.
  RegistersReadWriteProver(const Fr& gamma, unsigned log_t, std::vector<Fr> r_c3,
                           Schedule cycle_schedule, const Fr& claim);
  // RegistersVal, Rs1Ra, Rs2Ra, RdWa @ (r_a^4 ‖ r_c^4), RdInc @ r_c^4.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
};

class RegistersReadWriteVerifier final : public SumcheckVerifierInstance {
 public:
  // inputs: RdWriteValue, Rs1Value, Rs2Value @ r_c^3; outputs: Val, Rs1Ra, Rs2Ra, RdWa, RdInc.
  RegistersReadWriteVerifier(const Fr& gamma, unsigned log_t, std::vector<Fr> r_c3,
                             std::array<Fr, 3> inputs, std::array<Fr, 5> outputs);
  unsigned num_rounds() const override { return kLogKRegisters + log_t_; }
  unsigned degree() const override { return kTwistReadWriteDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  Fr gamma_;
  unsigned log_t_;
  std::vector<Fr> r_c3_;
  Fr claim_;
  std::array<Fr, 5> out_;
};

}  // namespace rill::zkvm
