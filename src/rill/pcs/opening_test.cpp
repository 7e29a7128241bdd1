#include "rill/pcs/opening.hpp"

#include <gtest/gtest.h>

#include <random>

#include "rill/pcs/matrix_providers.hpp"
#include "rill/pcs/test_support.hpp"

namespace rill {
namespace {

struct Opened {
  DoryCommitment com;
  DoryProof proof;
};

Opened commit_and_prove(const DorySetup& setup, MatrixShape shape, std::span<const Fr> evals,
                        std::span<const Fr> point, const Fr& value) {
  DenseMatrixProvider provider(evals, shape);
  Opened out{provider.commit(setup), {}};
  Transcript t("dory-test");
  out.proof = prove_dory_opening(setup, shape, out.com.commitment, point, value,
                                 out.com.row_commitments, provider, t);
  return out;
}

DoryVerifyResult verify(const DorySetup& setup, MatrixShape shape, const GT& com,
                        std::span<const Fr> point, const Fr& value, const DoryProof& proof) {
  Transcript t("dory-test");
  return verify_dory_opening(setup.verifier(), shape, com, point, value, proof, t);
}

TEST(DoryOpening, DenseCompletenessEverySmallSize) {
  const DorySetup& setup = test::shared_setup(12);
  std::mt19937_64 rng(1);
  for (unsigned n = 0; n <= 12; ++n) {
    const MatrixShape shape = MatrixShape::balanced(n);
    std::vector<Fr> evals(std::size_t{1} << n);
    for (Fr& e : evals) e = Fr::random(rng);
    const std::vector<Fr> point = test::random_point(rng, n);
    const Fr value = test::reference_eval(evals, point);
    const Opened o = commit_and_prove(setup, shape, evals, point, value);
    EXPECT_EQ(o.proof.first.size(), shape.rounds());
    const DoryVerifyResult r = verify(setup, shape, o.com.commitment, point, value, o.proof);
    EXPECT_TRUE(r.ok) << "n = " << n << ": " << r.reason;
    EXPECT_FALSE(verify(setup, shape, o.com.commitment, point, value + Fr::one(), o.proof).ok)
        << "n = " << n;
  }
}

}  // namespace
}  // namespace rill
