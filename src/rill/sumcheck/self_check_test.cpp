// The batched prover's self-check (batched.hpp): a round polynomial with h(0) + h(1) different
// from the instance's running claim stops the prover with the stage, the instance and the round;
// ScopedSelfCheckOff lets tests prove false claims on purpose, and the verifier rejects those.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string_view>

#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/product.hpp"
#include "rill/sumcheck/test_reference.hpp"

namespace rill {
namespace {

using testing::random_table;
using testing::random_vector;

// An honest product instance Σ_x eq(w, x)·P(x)·Q(x) over n variables with its true claim (from
// the dense reference) plus claim_error.
struct Honest {
  std::unique_ptr<DenseProductSumcheck> prover;
  std::vector<std::vector<Fr>> tables;
  Weight weight;
  Fr claim;
};

Honest honest(std::mt19937_64& rng, unsigned n, const Fr& claim_error = Fr::zero()) {
  Honest h{nullptr, {}, Weight::eq(random_vector(rng, n)), Fr::zero()};
  std::vector<DensePoly> polys;
  for (int f = 0; f < 2; ++f) {
    tracked_vector<Fr> t = random_table(rng, n);
    h.tables.emplace_back(t.begin(), t.end());
    polys.emplace_back(std::move(t));
  }
  const ProductShape shape = ProductShape::product(2);
  h.claim = testing::DenseReference(shape, h.tables, h.weight, n).claim() + claim_error;
  h.prover = std::make_unique<DenseProductSumcheck>(shape, std::move(polys), h.weight, h.claim);
  return h;
}

// A test-only instance that forwards to an honest one but adds 1 to the constant coefficient of
// its round polynomial in one round: h(0) + h(1) moves by 2, a planted divergence.
class PerturbedInstance final : public SumcheckInstance {
 public:
  PerturbedInstance(SumcheckInstance& inner, unsigned bad_round)
      : inner_(inner), bad_round_(bad_round) {}
  unsigned num_rounds() const override { return inner_.num_rounds(); }
  unsigned degree() const override { return inner_.degree(); }
  Fr input_claim() const override { return inner_.input_claim(); }
  UniPoly round_poly(unsigned round, const Fr& claim) override {
    UniPoly h = inner_.round_poly(round, claim);
    if (round != bad_round_) return h;
    std::vector<Fr> c = h.coeffs();
    c[0] += Fr::one();
    return UniPoly(std::move(c));
  }
  void bind(unsigned round, const Fr& r) override { inner_.bind(round, r); }

 private:
  SumcheckInstance& inner_;
  unsigned bad_round_;
};

// Three instances (4, 6 and 5 rounds, the last front-loaded at offset 1); the middle one is
// perturbed in its local round 3, which is global round 3 (it is back-loaded: offset 0).
void prove_with_planted_divergence() {
  std::mt19937_64 rng(41);
  Honest a = honest(rng, 4), b = honest(rng, 6), c = honest(rng, 5);
  PerturbedInstance bad(*b.prover, 3);
  const std::vector<BatchItem> items = {{a.prover.get(), 2}, {&bad, 0}, {c.prover.get(), 1}};
  const std::string_view names[] = {"first", "planted", "third"};
  Transcript t("self-check");
  prove_batched(items, t, nullptr, BatchLabels{"stage 9z", names});
}

TEST(SelfCheckDeathTest, PlantedDivergenceNamesStageInstanceAndRound) {
  EXPECT_DEATH(prove_with_planted_divergence(),
               "prover self-check failed: stage 9z, planted, round 3 \\(global round 3\\)");
}

TEST(SelfCheckDeathTest, UnnamedInstancesAreNamedByTheirIndex) {
  EXPECT_DEATH(
      {
        std::mt19937_64 rng(42);
        Honest a = honest(rng, 5);
        PerturbedInstance bad(*a.prover, 0);
        SumcheckInstance* instances[] = {&bad};
        Transcript t("self-check");
        prove_batched(back_aligned(instances), t);
      },
      "unnamed stage, instance #0, round 0 \\(global round 0\\)");
}

TEST(SelfCheck, HonestBatchPassesAndTheSwitchIsScoped) {
  std::mt19937_64 rng(43);
  Honest a = honest(rng, 4), b = honest(rng, 6);
  SumcheckInstance* instances[] = {a.prover.get(), b.prover.get()};
  Transcript t("self-check");
  EXPECT_TRUE(self_check_enabled());
  const BatchedProverOutput out = prove_batched(back_aligned(instances), t);
  EXPECT_EQ(out.proof.round_polys.size(), 6u);
  {
    ScopedSelfCheckOff off;
    {
      ScopedSelfCheckOff nested;
      EXPECT_FALSE(self_check_enabled());
    }
    EXPECT_FALSE(self_check_enabled());
  }
  EXPECT_TRUE(self_check_enabled());
}

// With the check off, a planted divergence goes through to the proof, and the verifier rejects it.
TEST(SelfCheck, SwitchedOffTheDivergenceReachesTheVerifierWhichRejectsIt) {
  std::mt19937_64 rng(44);
  Honest a = honest(rng, 5);
  PerturbedInstance bad(*a.prover, 2);
  SumcheckInstance* instances[] = {&bad};
  Transcript tp("self-check");
  BatchedProverOutput out;
  {
    ScopedSelfCheckOff off;
    out = prove_batched(back_aligned(instances), tp);
  }
  std::vector<Fr> openings;
  const std::vector<Fr> point = opening_point(out.challenges);
  for (const auto& t : a.tables)
    openings.push_back(DensePoly(tracked_vector<Fr>(t.begin(), t.end())).evaluate(point));
  ProductVerifier v(5, ProductShape::product(2), a.weight, a.claim, openings);
  const SumcheckVerifierInstance* views[] = {&v};
  Transcript tv("self-check");
  EXPECT_FALSE(verify_batched(back_aligned(views), out.proof, tv).ok());
}

}  // namespace
}  // namespace rill
