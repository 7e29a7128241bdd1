// Stages 6a/6b: booleanity of every committed one-hot chunk (reference jolt-protocol.md §9.1,
// §2.3), one sumcheck over (k, j) cut into an address phase (6a) and a cycle phase (6b):
//
//   0 = Σ_{k ∈ {0,1}^{log_k_chunk}, j} eq(r_a^b, k)·eq(r_c^b, j)·Σ_i γ^{2i}·(ra_i(k, j)² − ra_i(k,
//   j))
//
// over the chunks i in protocol order (instruction, bytecode, RAM). r_c^b = r_c^5 and r_a^b = the
// first log_k_chunk coordinates of r_a^5 (chunk 0 of the instruction address point); γ = γ_b,
// drawn in 6a and carried to 6b.
//
// 6a (log_k_chunk rounds, degree 3, address bits low to high). For one-hot chunks
// Σ_j eq(r_c^b, j)·f(k_i(j)) = Σ_k G_i(k)·f(k) with G_i(k) = Σ_j eq(r_c^b, j)·[k_i(j) = k] (one
// pushforward pass), and with the low m address bits bound to r_{<m}, ra_i(r_{<m}, x, k', j) =
// eq(r_{<m}, lo(k_i(j)))·[bit m = x]·[hi = k'], so its square carries eq(r_{<m}, lo)². Keeping
//   A(x, k') = Σ_lo eq(r_{<m}, lo)·Σ_i γ^{2i}·G_i(lo, x, k'),
//   B(x, k') = Σ_lo eq(r_{<m}, lo)²·Σ_i γ^{2i}·G_i(lo, x, k')
// (A binds as (1−r)·A_0 + r·A_1, B as (1−r)²·B_0 + r²·B_1), round m sends, with u_l the eq
// coordinate of address bit l and E = Π_{l<m} eq(u_l, r_l):
//   h_m(X) = E·eq(u_m, X)·Σ_{k'} eq(u_{>m}, k')·[(1−X)²·B(0,k') + X²·B(1,k') − (1−X)·A(0,k') −
//   X·A(1,k')].
// Output: BooleanityAddrClaim @ r_a^bool = eq(r_a^b, ρ)·(B − A) after the last round (ρ = r_a^bool,
// the challenges reversed). Verifier: input 0, expected output = that claim.
//
// 6b (log T rounds, degree 3): the address-phase claim
//   = Σ_j eq(r_c^b, j)·eq(r_a^b, ρ)·Σ_i γ^{2i}·(f_i(j)² − f_i(j)),   f_i(j) = eq(ρ, k_i(j)) =
//   ra_i(ρ, j)
// (0 for a RAM chunk without an access): a product sumcheck with weight eq(r_c^b, ·), terms
// f_i·f_i and f_i with coefficients ±eq(r_a^b, ρ)·γ^{2i}. Outputs: every chunk @ (r_a^bool ‖ r_c^6)
// [Booleanity]. Verifier: eq(r_a^b, ρ)·eq(r_c^b, r_c^6)·Σ_i γ^{2i}·(v_i² − v_i).
//
// Booleanity passes a column with two hot entries (both are boolean): the Hamming-weight
// reduction (stage 7) rejects it.
#pragma once

#include <optional>

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"
#include "rill/zkvm/stages/one_hot_columns.hpp"

namespace rill::zkvm {

inline constexpr unsigned kBooleanityDegree = 3;

class BooleanityAddressProver final : public StageProver {
 public:
  // r_a_b: log_k_chunk coordinates; r_c_b: log T coordinates (both big-endian).
  BooleanityAddressProver(std::vector<Fr> r_a_b, std::vector<Fr> r_c_b, const Fr& gamma,
                          const OneHotParams& one_hot);

  unsigned num_rounds() const override { return static_cast<unsigned>(r_a_b_.size()); }
  unsigned degree() const override { return kBooleanityDegree; }
  Fr input_claim() const override { return Fr::zero(); }
  bool needs_pass(unsigned round) const override { return round == 0; }
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned round) override;
  UniPoly round_poly(unsigned round, const Fr& claim) override;
  void bind(unsigned round, const Fr& r) override;
  // BooleanityAddrClaim @ r_a^bool.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  // eq(r_a^b, ρ)·Σ_j eq(r_c^b, j)·Σ_i γ^{2i}·(ra_i(ρ, j)² − ra_i(ρ, j)), after the last round.
  Fr address_claim() const;

 private:
  std::vector<Fr> r_a_b_, r_c_b_;
  Fr gamma_;
  OneHotParams one_hot_;
  tracked_vector<Fr> a_, b_;
  Fr eq_bound_ = Fr::one();  // E = Π_{l<m} eq(u_l, r_l)
  unsigned bound_ = 0;
};

class BooleanityAddressVerifier final : public SumcheckVerifierInstance {
 public:
  BooleanityAddressVerifier(unsigned log_k_chunk, const Fr& address_claim)
      : log_k_(log_k_chunk), address_claim_(address_claim) {}
  unsigned num_rounds() const override { return log_k_; }
  unsigned degree() const override { return kBooleanityDegree; }
  Fr input_claim() const override { return Fr::zero(); }
  Fr expected_output(std::span<const Fr>) const override { return address_claim_; }

 private:
  unsigned log_k_;
  Fr address_claim_;
};

class BooleanityCycleProver final : public KernelStageProver<OneHotEqKernel> {
 public:
  // rho: r_a^bool; claim: the address phase's claim.
  BooleanityCycleProver(std::span<const Fr> r_a_b, std::vector<Fr> r_c_b, std::vector<Fr> rho,
                        const Fr& gamma, const OneHotParams& one_hot, Schedule schedule,
                        const Fr& claim);
  // Every committed chunk @ (r_a^bool ‖ r_c^6), protocol order.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  // The shape of the cycle phase's product sumcheck.
  static ProductShape shape(std::span<const Fr> r_a_b, std::span<const Fr> rho, const Fr& gamma,
                            unsigned chunks);

 private:
  OneHotParams one_hot_;
};

class BooleanityCycleVerifier final : public SumcheckVerifierInstance {
 public:
  // chunk_claims: every chunk @ (r_a^bool ‖ r_c^6), protocol order.
  BooleanityCycleVerifier(std::vector<Fr> r_a_b, std::vector<Fr> r_c_b, std::vector<Fr> rho,
                          const Fr& gamma, const Fr& address_claim, std::vector<Fr> chunk_claims);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_c_b_.size()); }
  unsigned degree() const override { return kBooleanityDegree; }
  Fr input_claim() const override { return address_claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  std::vector<Fr> r_a_b_, r_c_b_, rho_;
  Fr gamma_, address_claim_;
  std::vector<Fr> chunk_claims_;
};

}  // namespace rill::zkvm
