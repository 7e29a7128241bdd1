// The shared engine of the Spartan-side instances of stages 2 and 3 (product virtualization,
// instruction claim reduction, shift, instruction-input virtualization, registers claim
// reduction): a product sumcheck over log T cycle variables whose factors are per-cycle
// polynomials of the registry (record_values.hpp), read as exact integers from each record:
//
//   Σ_j Σ_g W_g(j)·Σ_{t∈g} c_t·Π_{f∈t} F_f(j),   F_f(j) = P_f(j) or 1 − P_f(j),
//
// W_g an eq or eq+1 weight (sumcheck/weight.hpp), c_t a power of the instance's γ (so the
// factors stay small integers; γ meets them once per point). Every factor is also an output
// claim at the instance's cycle point: P_f(r) = F_f(r), or 1 − F_f(r) for a complemented factor.
// The schedule comes from the stage's StageConfig (cycle_schedule: linear, or in streaming mode
// windows planned with the rest of the batch by prove_stage); the instance never branches on the
// mode.
#pragma once

#include <memory>
#include <vector>

#include "rill/sumcheck/product.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"
#include "rill/zkvm/stages/record_values.hpp"
#include "rill/zkvm/stages/stage_context.hpp"
#include "rill/zkvm/stages/stage_prover.hpp"

namespace rill::zkvm {

// A factor: the per-cycle polynomial, or one minus it.
struct CycleFactor {
  PolyId poly;
  bool complement = false;
};

// Reads the factors as V (u64, or i64 where a factor can be negative, e.g. Imm): every value of
// the instances' factors is below 2^64 in magnitude (R1CS inputs of at most 64 bits, flags), and
// the compact round-0 columns of the linear schedule hold V, so the narrower type halves them.
template <class V>
class CyclePolyKernel {
 public:
  using Record = CycleRecord;
  using Value = V;
  explicit CyclePolyKernel(std::vector<CycleFactor> factors) : factors_(std::move(factors)) {}
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64, V* out) const {
    for (std::size_t f = 0; f < factors_.size(); ++f) {
      const i128 v = record_value(factors_[f].poly, r);
      const i128 value = factors_[f].complement ? 1 - v : v;
      RILL_CHECK(static_cast<i128>(static_cast<V>(value)) == value, "a factor fits its type");
      out[f] = static_cast<V>(value);
    }
  }

 private:
  std::vector<CycleFactor> factors_;
};

// What the stages and the tests see of an instance: its claims after the last round.
class CycleProductProver : public StageProver {
 public:
  // After the last round: P_f at the output point for every factor, in factor order.
  virtual std::vector<Fr> claim_values() const = 0;
};

template <class V>
class TypedCycleProductProver : public KernelStageProver<CyclePolyKernel<V>, CycleProductProver> {
 public:
  // log_t: rounds; output_point: where every factor's polynomial is claimed; sidecars: the
  // instance's per-cycle claims that are not factors.
  TypedCycleProductProver(std::vector<CycleFactor> factors, ProductShape shape,
                          std::vector<Weight> weights, unsigned log_t, const StageConfig& config,
                          const Fr& claim, ClaimPoint output_point,
                          std::vector<ClaimKey> sidecars = {});

  std::vector<Fr> claim_values() const override;
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  std::vector<ClaimKey> sidecar_claims() const override { return sidecars_; }

 private:
  std::vector<CycleFactor> factors_;
  ClaimPoint output_point_;
  std::vector<ClaimKey> sidecars_;
};

extern template class TypedCycleProductProver<u64>;
extern template class TypedCycleProductProver<i64>;

// The verifier's side: Σ_g W_g(r)·Σ_{t∈g} c_t·Π_{f∈t} F_f with F_f from the claimed P_f(r).
class CycleProductVerifier : public SumcheckVerifierInstance {
 public:
  CycleProductVerifier(std::span<const CycleFactor> factors, ProductShape shape,
                       std::vector<Weight> weights, unsigned log_t, const Fr& claim,
                       std::span<const Fr> claimed_values);
  unsigned num_rounds() const override { return product_.num_rounds(); }
  unsigned degree() const override { return product_.degree(); }
  Fr input_claim() const override { return product_.input_claim(); }
  Fr expected_output(std::span<const Fr> challenges) const override {
    return product_.expected_output(challenges);
  }

 private:
  ProductVerifier product_;
};

// 1, γ, γ², …, γ^{n−1}.
std::vector<Fr> gamma_powers(const Fr& gamma, std::size_t n);
// Σ_i γ^i·values[i].
Fr gamma_combination(const Fr& gamma, std::span<const Fr> values);

}  // namespace rill::zkvm
