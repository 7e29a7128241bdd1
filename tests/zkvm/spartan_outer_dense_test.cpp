// The Spartan outer instance against a dense reference: on a small real trace, the 32·T-entry
// polynomials Az(i), Bz(i) (i = x·32 + c) are built directly from the constraint table and run
// through the sumcheck layer's dense product sumcheck with weight eq(τ, ·). Both are proven with
// the same transcript; the proofs must be identical round for round, in both modes.
#include <gtest/gtest.h>

#include "rill/sumcheck/product.hpp"
#include "rill/zkvm/stages/stage1.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

BatchedSumcheckProof dense_reference(const testing::GuestRun& run, const std::vector<Fr>& tau) {
  const u64 t = run.source.padded_len();
  tracked_vector<Fr> a(t * kPaddedConstraints, Fr::zero()), b(t * kPaddedConstraints, Fr::zero());
  const auto& table = constraints();
  for (u64 x = 0; x < t; ++x) {
    const R1csInputs z =
        r1cs_inputs(run.machine->bytecode(), run.source.row(x), run.source.row(x + 1));
    for (std::size_t c = 0; c < kNumConstraints; ++c) {
      a[x * kPaddedConstraints + c] = Fr::from_i128(row_a(table[c], z));
      b[x * kPaddedConstraints + c] = Fr::from_i128(row_b(table[c], z));
    }
  }
  std::vector<DensePoly> factors;
  factors.emplace_back(std::move(a));
  factors.emplace_back(std::move(b));
  DenseProductSumcheck dense(ProductShape::product(2), std::move(factors), Weight::eq(tau),
                             Fr::zero());
  Transcript transcript("dense-reference");
  const BatchItem items[] = {{&dense, 0}};
  return prove_batched(items, transcript).proof;
}

BatchedSumcheckProof spartan_outer(const testing::GuestRun& run, const std::vector<Fr>& tau,
                                   bool streaming) {
  const unsigned log_t = static_cast<unsigned>(__builtin_ctzll(run.source.padded_len()));
  StageConfig config;
  config.streaming = streaming;
  config.pass.segment_records = 64;
  SpartanOuterProver outer(tau, log_t, stage1_cycle_schedule(log_t, config));
  const CycleSource records(run.source, testing::record_context(run));
  PassDriver driver(records, config.pass);
  driver.add(outer, 0);
  Transcript transcript("dense-reference");
  const BatchItem items[] = {{&outer, 0}};
  return prove_batched(items, transcript, &driver).proof;
}

TEST(SpartanOuter, MatchesTheDenseProductSumcheckRoundForRound) {
  for (u64 seed : {7u, 8u}) {
    const testing::GuestRun run = testing::run_random_program(seed, 150);
    const unsigned log_t = static_cast<unsigned>(__builtin_ctzll(run.source.padded_len()));
    Transcript tau_source("tau");
    const std::vector<Fr> tau = tau_source.challenge_scalars(log_t + kConstraintVars);
    const BatchedSumcheckProof expected = dense_reference(run, tau);
    for (bool streaming : {false, true}) {
      const BatchedSumcheckProof actual = spartan_outer(run, tau, streaming);
      ASSERT_EQ(actual.round_polys.size(), expected.round_polys.size());
      for (std::size_t r = 0; r < expected.round_polys.size(); ++r)
        EXPECT_EQ(actual.round_polys[r], expected.round_polys[r])
            << "round " << r << (streaming ? " (streaming)" : " (linear)");
    }
  }
}

}  // namespace
}  // namespace rill::zkvm
