#include "rill/sumcheck/batched.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "rill/sumcheck/product.hpp"
#include "rill/sumcheck/test_reference.hpp"

namespace rill {
namespace {

using testing::random_table;
using testing::random_vector;

// One random product instance with its prover, its verifier view and the expected openings.
struct Case {
  std::unique_ptr<DenseProductSumcheck> prover;
  std::vector<DensePoly> polys;  // copies, to compute the true openings independently
  ProductShape shape;
  Weight weight;
  Fr claim;
  unsigned num_vars;
};

// claim_error is added to the true sum: a prover asserting a false claim.
Case make_case(std::mt19937_64& rng, unsigned num_vars, ProductShape shape, Weight weight,
               const Fr& claim_error = Fr::zero()) {
  std::vector<std::vector<Fr>> tables;
  std::vector<DensePoly> polys, copies;
  for (unsigned f = 0; f < shape.num_factors(); ++f) {
    tracked_vector<Fr> t = random_table(rng, num_vars);
    tables.emplace_back(t.begin(), t.end());
    copies.emplace_back(tracked_vector<Fr>(t));
    polys.emplace_back(std::move(t));
  }
  const Fr claim = testing::DenseReference(shape, tables, weight, num_vars).claim() + claim_error;
  Case c{std::make_unique<DenseProductSumcheck>(shape, std::move(polys), weight, claim),
         std::move(copies),
         shape,
         weight,
         claim,
         num_vars};
  return c;
}

std::vector<Fr> true_openings(const Case& c, std::span<const Fr> challenges) {
  const std::vector<Fr> point = opening_point(challenges);
  std::vector<Fr> out;
  for (const auto& p : c.polys) out.push_back(p.evaluate(point));
  return out;
}

struct Batch {
  std::vector<Case> cases;
  BatchedProverOutput proven;
  std::vector<std::unique_ptr<ProductVerifier>> verifiers;
};

// Proves a batch of three instances with 3, 5 and 8 rounds (eq, none and eq-combination
// weights) and builds verifier views whose opening claims are the true evaluations. The second
// instance's claim is off by claim_error.
Batch prove_three(std::mt19937_64& rng, const Fr& claim_error = Fr::zero()) {
  Batch b;
  b.cases.push_back(make_case(rng, 3, ProductShape::product(2), Weight::eq(random_vector(rng, 3))));
  b.cases.push_back(
      make_case(rng, 5, ProductShape(3, {{0, 1, 2}, {1}}), Weight::none(), claim_error));
  b.cases.push_back(make_case(rng, 8, ProductShape::product(1),
                              Weight::eq_combination({random_vector(rng, 8), random_vector(rng, 8)},
                                                     random_vector(rng, 2))));
  std::vector<SumcheckInstance*> instances;
  for (auto& c : b.cases) instances.push_back(c.prover.get());
  Transcript t("batched-test");
  b.proven = prove_batched(back_aligned(instances), t);
  for (auto& c : b.cases) {
    const std::span<const Fr> slice = std::span<const Fr>(b.proven.challenges).last(c.num_vars);
    EXPECT_EQ(c.prover->factor_evals(), true_openings(c, slice));
    b.verifiers.push_back(std::make_unique<ProductVerifier>(c.num_vars, c.shape, c.weight, c.claim,
                                                            true_openings(c, slice)));
  }
  return b;
}

SumcheckVerification verify(const Batch& b, const BatchedSumcheckProof& proof) {
  std::vector<const SumcheckVerifierInstance*> views;
  for (const auto& v : b.verifiers) views.push_back(v.get());
  Transcript t("batched-test");
  return verify_batched(back_aligned(views), proof, t);
}

TEST(BatchedSumcheck, HonestBatchOfDifferentRoundCountsVerifies) {
  std::mt19937_64 rng(10);
  const Batch b = prove_three(rng);
  EXPECT_EQ(b.proven.proof.round_polys.size(), 8u);
  for (const auto& p : b.proven.proof.round_polys) EXPECT_EQ(p.degree(), 3u);
  const SumcheckVerification v = verify(b, b.proven.proof);
  EXPECT_TRUE(v.ok()) << to_string(*v.failure);
  EXPECT_EQ(v.challenges, b.proven.challenges);
}

TEST(BatchedSumcheck, WrongInitialClaimIsRejected) {
  std::mt19937_64 rng(11);
  // The prover asserts a false sum for one instance and runs the protocol honestly otherwise
  // (the prover's own self-check would stop it: off for this test).
  const ScopedSelfCheckOff off;
  const Batch b = prove_three(rng, Fr::one());
  const SumcheckVerification v = verify(b, b.proven.proof);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(*v.failure, SumcheckFailure::kFinalClaimMismatch);
}

TEST(BatchedSumcheck, ModifiedRoundPolynomialIsRejected) {
  std::mt19937_64 rng(12);
  const Batch b = prove_three(rng);
  for (std::size_t round : {0u, 4u, 7u}) {
    for (std::size_t coeff = 0; coeff < 3; ++coeff) {
      BatchedSumcheckProof proof = b.proven.proof;
      proof.round_polys[round].mutable_coeffs()[coeff] += Fr::one();
      const SumcheckVerification v = verify(b, proof);
      ASSERT_FALSE(v.ok());
      EXPECT_EQ(*v.failure, SumcheckFailure::kFinalClaimMismatch);
    }
  }
}

TEST(BatchedSumcheck, WrongFinalEvaluationIsRejected) {
  std::mt19937_64 rng(13);
  Batch b = prove_three(rng);
  auto& c = b.cases[1];
  std::vector<Fr> claims =
      true_openings(c, std::span<const Fr>(b.proven.challenges).last(c.num_vars));
  claims[2] += Fr::one();
  b.verifiers[1] =
      std::make_unique<ProductVerifier>(c.num_vars, c.shape, c.weight, c.claim, claims);
  const SumcheckVerification v = verify(b, b.proven.proof);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(*v.failure, SumcheckFailure::kFinalClaimMismatch);
}

TEST(BatchedSumcheck, MalformedProofsGiveTypedFailures) {
  std::mt19937_64 rng(14);
  const Batch b = prove_three(rng);
  BatchedSumcheckProof short_proof = b.proven.proof;
  short_proof.round_polys.pop_back();
  EXPECT_EQ(*verify(b, short_proof).failure, SumcheckFailure::kRoundCountMismatch);
  BatchedSumcheckProof low_degree = b.proven.proof;
  low_degree.round_polys[3].mutable_coeffs().pop_back();
  EXPECT_EQ(*verify(b, low_degree).failure, SumcheckFailure::kDegreeMismatch);
  Transcript t("batched-test");
  EXPECT_EQ(*verify_batched({}, b.proven.proof, t).failure, SumcheckFailure::kEmptyBatch);
}

TEST(BatchedSumcheck, FrontLoadedInstanceVerifies) {
  std::mt19937_64 rng(15);
  Case a = make_case(rng, 6, ProductShape::product(2), Weight::none());
  Case c = make_case(rng, 3, ProductShape::product(2), Weight::less_than(random_vector(rng, 3)));
  const std::vector<BatchItem> items = {{a.prover.get(), 0}, {c.prover.get(), 1}};
  Transcript tp("front");
  const BatchedProverOutput out = prove_batched(items, tp);
  const std::span<const Fr> r(out.challenges);
  ProductVerifier va(6, a.shape, a.weight, a.claim, true_openings(a, r));
  ProductVerifier vc(3, c.shape, c.weight, c.claim, true_openings(c, r.subspan(1, 3)));
  const std::vector<VerifierItem> views = {{&va, 0}, {&vc, 1}};
  Transcript tv("front");
  EXPECT_TRUE(verify_batched(views, out.proof, tv).ok());
}

// The split-eq prover recovers q(1) from the claim by dividing by C·u; a zero coordinate of w
// (or a challenge that zeroes C) makes it compute q(1) directly instead.
TEST(BatchedSumcheck, SplitEqWithZeroCoordinatesMatchesTheDenseReference) {
  std::mt19937_64 rng(17);
  const unsigned n = 6;
  std::vector<Fr> w = random_vector(rng, n);
  w[5] = Fr::zero();  // the first round's coordinate
  w[2] = Fr::zero();
  w[0] = Fr::one();
  const ProductShape shape = ProductShape::product(2);
  std::vector<std::vector<Fr>> tables;
  std::vector<DensePoly> polys;
  for (unsigned f = 0; f < 2; ++f) {
    tracked_vector<Fr> t = random_table(rng, n);
    tables.emplace_back(t.begin(), t.end());
    polys.emplace_back(std::move(t));
  }
  testing::DenseReference ref(shape, tables, Weight::eq(w), n);
  DenseProductSumcheck prover(shape, std::move(polys), Weight::eq(w), ref.claim());
  Fr claim = ref.claim();
  for (unsigned round = 0; round < n; ++round) {
    const UniPoly h = prover.round_poly(round, claim);
    ASSERT_EQ(h, ref.round_poly()) << "round " << round;
    // Round 1 pairs with w[4]: the challenge 1 − w[4] makes C zero from then on.
    const Fr r = round == 1 ? Fr::one() - w[4] : Fr::random(rng);
    prover.bind(round, r);
    ref.bind(r);
    claim = h.evaluate(r);
  }
  EXPECT_EQ(prover.factor_evals(), ref.factor_evals());
}

TEST(BatchedSumcheck, SingleInstanceRoundPolynomialsMatchTheDenseReference) {
  std::mt19937_64 rng(16);
  for (int kind = 0; kind < 5; ++kind) {
    const unsigned n = 5;
    const std::vector<Fr> w = random_vector(rng, n);
    const Weight weight =
        kind == 0   ? Weight::none()
        : kind == 1 ? Weight::eq(w)
        : kind == 2 ? Weight::eq_plus_one(w)
        : kind == 3 ? Weight::less_than(w)
                    : Weight::eq_combination({w, random_vector(rng, n)}, random_vector(rng, 2));
    const ProductShape shape(3, {{0, 1}, {2, 2, 0}});
    std::vector<std::vector<Fr>> tables;
    std::vector<DensePoly> polys;
    for (unsigned f = 0; f < 3; ++f) {
      tracked_vector<Fr> t = random_table(rng, n);
      tables.emplace_back(t.begin(), t.end());
      polys.emplace_back(std::move(t));
    }
    testing::DenseReference ref(shape, tables, weight, n);
    DenseProductSumcheck prover(shape, std::move(polys), weight, ref.claim());
    Fr claim = ref.claim();
    for (unsigned round = 0; round < n; ++round) {
      const UniPoly h = prover.round_poly(round, claim);
      ASSERT_EQ(h, ref.round_poly()) << "kind " << kind << " round " << round;
      const Fr r = Fr::random(rng);
      prover.bind(round, r);
      ref.bind(r);
      claim = h.evaluate(r);
    }
    EXPECT_EQ(prover.factor_evals(), ref.factor_evals());
  }
}

}  // namespace
}  // namespace rill
