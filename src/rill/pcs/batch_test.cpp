#include "rill/pcs/batch.hpp"

#include <gtest/gtest.h>

#include <random>

#include "rill/pcs/matrix_providers.hpp"
#include "rill/pcs/test_support.hpp"

namespace rill {
namespace {

// A batch of a dense, a small-integer, a one-hot and a short (half the rows) dense polynomial,
// all in one 2^ν × 2^σ shape, opened at one point.
class DoryBatch : public ::testing::TestWithParam<unsigned> {
 protected:
  void SetUp() override {
    n_ = GetParam();
    shape_ = MatrixShape::balanced(n_);
    std::mt19937_64 rng(20 + n_);
    const std::size_t size = std::size_t{1} << n_;
    dense_.resize(size);
    for (Fr& x : dense_) x = Fr::random(rng);
    short_.resize(size / 2);  // missing rows are zero: a ragged hint
    for (Fr& x : short_) x = Fr::random(rng);
    ints_.resize(size);
    for (i64& x : ints_) x = static_cast<i64>(rng() % 65536) - 32768;
    hot_.resize(size / kAddresses);
    for (u32& k : hot_) k = static_cast<u32>(rng() % kAddresses);
    point_ = test::random_point(rng, n_);

    std::vector<Fr> as_field(size), one_hot(size, Fr::zero());
    for (std::size_t i = 0; i < size; ++i) as_field[i] = Fr::from_i64(ints_[i]);
    for (std::size_t t = 0; t < hot_.size(); ++t) one_hot[hot_[t] * hot_.size() + t] = Fr::one();
    values_ = {test::reference_eval(dense_, point_), test::reference_eval(as_field, point_),
               test::reference_eval(one_hot, point_), test::reference_eval(short_, point_)};
  }

  static constexpr u32 kAddresses = 4;
  unsigned n_ = 0;
  MatrixShape shape_;
  std::vector<Fr> dense_, short_, point_, values_;
  std::vector<i64> ints_;
  std::vector<u32> hot_;
};

TEST_P(DoryBatch, CompleteAndBound) {
  const DorySetup& setup = test::shared_setup(12);
  const DenseMatrixProvider p0(dense_, shape_), p3(short_, shape_);
  const SmallIntMatrixProvider p1(ints_, shape_);
  const OneHotMatrixProvider p2(hot_, kAddresses, shape_);
  const DoryCommitment c[4] = {p0.commit(setup), p1.commit(setup), p2.commit(setup),
                               p3.commit(setup)};
  EXPECT_EQ(c[3].row_commitments.size(), shape_.rows());
  const std::vector<std::span<const G1Affine>> hints = {
      c[0].row_commitments, c[1].row_commitments, c[2].row_commitments,
      std::span<const G1Affine>(c[3].row_commitments).first(shape_.rows() / 2)};
  const std::vector<GT> coms = {c[0].commitment, c[1].commitment, c[2].commitment, c[3].commitment};
  const CombinedVmvProvider provider({&p0, &p1, &p2, &p3});

  Transcript tp("dory-batch-test");
  const DoryProof proof =
      prove_dory_batch(setup, shape_, coms, point_, values_, hints, provider, tp);
  auto verify = [&](std::span<const GT> cs, std::span<const Fr> vs) {
    Transcript tv("dory-batch-test");
    return verify_dory_batch(setup.verifier(), shape_, cs, point_, vs, proof, tv);
  };
  const DoryVerifyResult ok = verify(coms, values_);
  EXPECT_TRUE(ok.ok) << ok.reason;
  // Prover and verifier transcripts end in the same state.
  Transcript tv("dory-batch-test");
  ASSERT_TRUE(verify_dory_batch(setup.verifier(), shape_, coms, point_, values_, proof, tv).ok);
  EXPECT_EQ(tv.state(), tp.state());

  for (std::size_t i = 0; i < values_.size(); ++i) {
    std::vector<Fr> wrong = values_;
    wrong[i] += Fr::one();
    EXPECT_FALSE(verify(coms, wrong).ok) << "claim " << i;
  }
  std::vector<GT> swapped = coms;
  std::swap(swapped[0], swapped[3]);
  EXPECT_FALSE(verify(swapped, values_).ok);
  EXPECT_FALSE(
      verify(std::span<const GT>(coms).first(3), std::span<const Fr>(values_).first(3)).ok);
}

INSTANTIATE_TEST_SUITE_P(Sizes, DoryBatch, ::testing::Values(6u, 9u, 12u));

}  // namespace
}  // namespace rill
