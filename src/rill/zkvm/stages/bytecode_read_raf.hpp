// Stages 6a/6b: bytecode read-RAF checking (reference jolt-protocol.md §8, §2.3), one sumcheck
// over (k, j), k < K_bc the expanded bytecode row, cut into an address phase (6a) and a cycle
// phase (6b). With pc(j) the row cycle j executes, ra(k, j) = [pc(j) = k] =
// Π_i BytecodeRa_i(chunk_i(k), j), the five stage points r_1 … r_5 = r_c^1 … r_c^5 and
//
//   V_1(k) = Val_1(k) + γ⁵·k,  V_2 = γ·Val_2,  V_3 = γ²·Val_3 + γ⁶·k,  V_4 = γ³·Val_4,
//   V_5 = γ⁴·Val_5,            V_e(k) = γ⁷·[k = entry]
//
// (Val_s the β_s-combinations of shout/bytecode_values.hpp; Val_4 and Val_5 read the register
// columns through eq(reg(k), r_a^4)), the relation is
//
//   Σ_s γ^{s−1}·rv_s + γ⁵·PC(r_c^1) + γ⁶·PC(r_c^3) + γ⁷
//     = Σ_{k,j} ra(k, j)·[Σ_s eq(r_s, j)·V_s(k) + eq(0, j)·V_e(k)]
//
// (rv_s = Σ_f β_s^f·claim_f, the claims of group s in the stage table's order; eq(0, j) = [j = 0]
// forces cycle 0 to execute the entry row). A cycle whose flags, immediate or registers differ
// from its bytecode row, or whose PC is outside the program, makes the two sides differ.
//
// 6a (log K_bc rounds, degree 2, row bits low to high): Σ_k Σ_s F_s(k)·V_s(k) with the
// pushforwards F_s(k) = Σ_j eq(r_s, j)·[pc(j) = k] and F_e(k) = [pc(0) = k] (one pass); a product
// sumcheck over 12 tables of K_bc entries. Output: BytecodeReadRafAddrClaim @ r_a^bc =
// Σ_s F_s(ρ)·V_s(ρ) (ρ = r_a^bc). Verifier: expected output = that claim.
//
// 6b (log T rounds, degree d_B + 1): the address claim = Σ_j ra(ρ, j)·ω(j) with the weight
// ω(j) = Σ_s V_s(ρ)·eq(r_s, j) + V_e(ρ)·eq(0, j) (an eq combination) and ra(ρ, j) =
// Π_i eq(chunk_i(ρ), k_i(j)) (chunk_i left-pads ρ to d_B·log_k_chunk coordinates). Outputs:
// BytecodeRa(i) @ (chunk_i(r_a^bc) ‖ r_c^6). Verifier: ω(r_c^6)·Π_i claim_i, with V_s(ρ) computed
// from the bytecode (BytecodeValues::evaluate), never from the proof.
#pragma once

#include <array>
#include <optional>

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/bytecode_read_raf_values.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"
#include "rill/zkvm/stages/one_hot_columns.hpp"

namespace rill::zkvm {

inline constexpr unsigned kBytecodeAddressDegree = 2;

class BytecodeAddressProver final : public StageProver {
 public:
  BytecodeAddressProver(const shout::BytecodeValues& bytecode, BytecodeReadRafParams params,
                        const Fr& claim);

  unsigned num_rounds() const override { return num_vars_; }
  unsigned degree() const override { return kBytecodeAddressDegree; }
  Fr input_claim() const override { return claim_; }
  bool needs_pass(unsigned round) const override { return round == 0; }
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned round) override;
  UniPoly round_poly(unsigned round, const Fr& claim) override;
  void bind(unsigned round, const Fr& r) override;
  // BytecodeReadRafAddrClaim @ r_a^bc.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  Fr address_claim() const;
  // V_s(ρ) after the last round (what the cycle phase weighs eq(r_s, ·) with).
  std::array<Fr, kBytecodeGroups> point_values() const;

 private:
  const shout::BytecodeValues& bytecode_;
  unsigned num_vars_;
  BytecodeReadRafParams params_;
  Fr claim_;
  std::optional<DenseProductSumcheck> rounds_;
};

class BytecodeAddressVerifier final : public SumcheckVerifierInstance {
 public:
  BytecodeAddressVerifier(unsigned log_k_bytecode, const Fr& claim, const Fr& address_claim)
      : log_k_(log_k_bytecode), claim_(claim), address_claim_(address_claim) {}
  unsigned num_rounds() const override { return log_k_; }
  unsigned degree() const override { return kBytecodeAddressDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr>) const override { return address_claim_; }

 private:
  unsigned log_k_;
  Fr claim_, address_claim_;
};

class BytecodeCycleProver final : public KernelStageProver<OneHotEqKernel> {
 public:
  // rho: r_a^bc (log K_bc coordinates); values: V_s(ρ); claim: the address claim.
  BytecodeCycleProver(std::span<const Fr> rho, const BytecodeReadRafParams& params,
                      const std::array<Fr, kBytecodeGroups>& values, const OneHotParams& one_hot,
                      Schedule schedule, const Fr& claim);
  // BytecodeRa(i) @ (chunk_i(r_a^bc) ‖ r_c^6), i < d_B.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  static Weight weight(const BytecodeReadRafParams& params,
                       const std::array<Fr, kBytecodeGroups>& values);

 private:
  OneHotParams one_hot_;
};

class BytecodeCycleVerifier final : public SumcheckVerifierInstance {
 public:
  // values: V_s(r_a^bc) as the verifier computes them (bytecode_point_values).
  BytecodeCycleVerifier(BytecodeReadRafParams params, std::array<Fr, kBytecodeGroups> values,
                        const Fr& address_claim, std::vector<Fr> chunk_claims);
  unsigned num_rounds() const override { return static_cast<unsigned>(params_.r_cycle[0].size()); }
  unsigned degree() const override { return static_cast<unsigned>(chunk_claims_.size()) + 1; }
  Fr input_claim() const override { return address_claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  BytecodeReadRafParams params_;
  std::array<Fr, kBytecodeGroups> values_;
  Fr address_claim_;
  std::vector<Fr> chunk_claims_;
};

}  // namespace rill::zkvm
