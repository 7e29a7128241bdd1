// A StageProver that is one streaming product sumcheck over the trace's records (a kernel, a
// shape, a weight and a schedule): the log T instances of stages 2–6b. Subclasses name the output
// claims, read from factor_evals() after the last round. Base: StageProver, or an interface
// derived from it (CycleProductProver).
#pragma once

#include <concepts>
#include <memory>
#include <optional>

#include "rill/poly/eq.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/zkvm/stages/stage_prover.hpp"

namespace rill::zkvm {

template <ProductKernel Kernel, class Base = StageProver>
requires std::same_as<typename Kernel::Record, CycleRecord> && std::derived_from<Base, StageProver>
class KernelStageProver : public Base {
 public:
  KernelStageProver(Kernel kernel, unsigned num_vars, ProductShape shape, Weight weight,
                    Schedule schedule, const Fr& claim)
      : sumcheck_(std::move(kernel), num_vars, std::move(shape), std::move(weight),
                  std::move(schedule), claim) {}
  // One weight per group of the shape.
  KernelStageProver(Kernel kernel, unsigned num_vars, ProductShape shape,
                    std::vector<Weight> weights, Schedule schedule, const Fr& claim)
      : sumcheck_(std::move(kernel), num_vars, std::move(shape), std::move(weights),
                  std::move(schedule), claim) {}

  unsigned num_rounds() const override { return sumcheck_.num_rounds(); }
  unsigned degree() const override { return sumcheck_.degree(); }
  Fr input_claim() const override { return sumcheck_.input_claim(); }
  bool needs_pass(unsigned round) const override { return sumcheck_.needs_pass(round); }
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned round) override {
    return sumcheck_.begin_pass(round);
  }
  std::optional<StreamingInstance<CycleRecord>::PlanRequest> plan_request() const override {
    return sumcheck_.plan_request();
  }
  void adopt_schedule(Schedule schedule) override { sumcheck_.adopt_schedule(std::move(schedule)); }
  UniPoly round_poly(unsigned round, const Fr& claim) override {
    return sumcheck_.round_poly(round, claim);
  }
  void bind(unsigned round, const Fr& r) override { sumcheck_.bind(round, r); }
  std::vector<Fr> factor_evals() const { return sumcheck_.factor_evals(); }
  const ProductShape& shape() const { return sumcheck_.shape(); }

 private:
  StreamingProductSumcheck<Kernel> sumcheck_;
};

// LT(x, w) for x on the hypercube in √T memory: with x = x_hi·2^m + x_lo,
// LT(x, w) = LT(x_hi, w_hi) + eq(w_hi, x_hi)·LT(x_lo, w_lo) (sumcheck/weight.hpp).
class HalvedLtTable {
 public:
  explicit HalvedLtTable(std::span<const Fr> w)
      : low_bits_(static_cast<unsigned>(w.size() / 2)),
        lt_hi_(lt_table(w.first(w.size() - low_bits_))),
        eq_hi_(eq_table(w.first(w.size() - low_bits_))),
        lt_lo_(lt_table(w.subspan(w.size() - low_bits_))) {}
  Fr operator()(u64 x) const {
    const u64 hi = x >> low_bits_, lo = x & ((u64{1} << low_bits_) - 1);
    return lt_hi_[hi] + eq_hi_[hi] * lt_lo_[lo];
  }

 private:
  unsigned low_bits_;
  tracked_vector<Fr> lt_hi_, eq_hi_, lt_lo_;
};

}  // namespace rill::zkvm
