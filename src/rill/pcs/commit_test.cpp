#include "rill/pcs/commit.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <random>
#include <thread>

#include "rill/curve/hash_to_curve.hpp"
#include "rill/pcs/matrix_providers.hpp"
#include "rill/pcs/test_support.hpp"

namespace rill {
namespace {

std::vector<Fr> random_evals(std::mt19937_64& rng, unsigned n) {
  std::vector<Fr> e(std::size_t{1} << n);
  for (Fr& x : e) x = Fr::random(rng);
  return e;
}

// Tier 1 and tier 2 from their definitions, one scalar multiplication and one pairing at a time:
// T_ρ = Σ_c M[ρ][c]·Γ1[c], C = Π_ρ e(T_ρ, Γ2[ρ]).
DoryCommitment naive_commit(const DorySetup& setup, MatrixShape shape, std::span<const Fr> evals) {
  DoryCommitment out;
  out.commitment = GT::one();
  for (u64 r = 0; r < shape.rows(); ++r) {
    G1 row = G1::identity();
    for (u64 c = 0; c < shape.columns(); ++c) {
      row += G1::from_affine(setup.gamma1()[c]) * evals[r * shape.columns() + c];
    }
    out.row_commitments.push_back(row.to_affine());
    out.commitment *= pairing(row.to_affine(), setup.gamma2()[r]);
  }
  return out;
}

TEST(DoryCommit, MatchesTheDefinition) {
  const DorySetup& setup = test::shared_setup(12);
  std::mt19937_64 rng(10);
  for (unsigned n : {0u, 1u, 4u, 7u}) {
    const MatrixShape shape = MatrixShape::balanced(n);
    const std::vector<Fr> evals = random_evals(rng, n);
    const DoryCommitment fast = commit_dense(setup, shape, evals);
    const DoryCommitment slow = naive_commit(setup, shape, evals);
    EXPECT_TRUE(fast.commitment == slow.commitment) << n;
    EXPECT_EQ(fast.row_commitments, slow.row_commitments) << n;
  }
}

// finish_batch gives each builder's finish(), for builders of different fill (an all-zero one, one
// with rows only past the first block of 64 row generators) and more rows than one block.
TEST(DoryCommit, FinishBatchMatchesFinish) {
  const DorySetup& setup = test::shared_setup(14);
  std::mt19937_64 rng(12);
  const MatrixShape shape = MatrixShape::balanced(14);  // 128 × 128
  std::deque<CommitmentBuilder> builders;
  for (int i = 0; i < 4; ++i) builders.emplace_back(setup, shape);
  for (u64 r = 0; r < shape.rows(); ++r) {
    std::vector<Fr> row(8);
    for (Fr& x : row) x = Fr::random(rng);
    builders[0].add_field_row(r, row, r % 100);
    if (r >= 70) builders[2].add_field_row(r, row);
    if (r % 3 == 0) builders[3].add_field_row(r, row, 17);
  }
  std::vector<const CommitmentBuilder*> all;
  for (const auto& b : builders) all.push_back(&b);
  const std::vector<DoryCommitment> batch = finish_batch(all);
  ASSERT_EQ(batch.size(), builders.size());
  for (std::size_t i = 0; i < builders.size(); ++i) {
    const DoryCommitment single = builders[i].finish();
    EXPECT_TRUE(batch[i].commitment == single.commitment) << i;
    EXPECT_EQ(batch[i].row_commitments, single.row_commitments) << i;
  }
  EXPECT_TRUE(finish_batch({}).empty());
}

// Rows cut into column pieces, delivered in shuffled order by four threads, give the direct
// commitment and hint; so do prepared row generators.
TEST(DoryCommit, StreamedPiecesInAnyOrderFromManyThreads) {
  const DorySetup& setup = test::shared_setup(12);
  std::mt19937_64 rng(11);
  const unsigned n = 11;
  const MatrixShape shape = MatrixShape::balanced(n);  // 32 × 64
  const std::vector<Fr> evals = random_evals(rng, n);
  const DoryCommitment direct = commit_dense(setup, shape, evals);

  constexpr u64 kPiece = 16;
  std::vector<std::pair<u64, u64>> pieces;  // (row, first column)
  for (u64 r = 0; r < shape.rows(); ++r)
    for (u64 c = 0; c < shape.columns(); c += kPiece) pieces.emplace_back(r, c);
  std::shuffle(pieces.begin(), pieces.end(), rng);

  CommitmentBuilder builder(setup, shape);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < pieces.size(); i += 4) {
        const auto [r, c] = pieces[i];
        builder.add_field_row(
            r, std::span<const Fr>(evals).subspan(r * shape.columns() + c, kPiece), c);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  const PreparedRowGenerators prepared(setup, shape.rows());
  EXPECT_GT(prepared.memory_bytes(), shape.rows() * 1000);
  const DoryCommitment streamed = builder.finish(&prepared);
  EXPECT_TRUE(streamed.commitment == direct.commitment);
  EXPECT_EQ(streamed.row_commitments, direct.row_commitments);
}

TEST(DoryCommit, SmallIntegerRowsMatchFieldRows) {
  const DorySetup& setup = test::shared_setup(12);
  std::mt19937_64 rng(12);
  const MatrixShape shape = MatrixShape::balanced(9);
  std::vector<i64> ints(std::size_t{1} << 9);
  std::vector<u64> unsigned_ints(ints.size());
  std::vector<Fr> evals(ints.size());
  for (std::size_t i = 0; i < ints.size(); ++i) {
    ints[i] = static_cast<i64>(rng()) >> (i % 60);  // widths from 4 to 64 bits, both signs
    unsigned_ints[i] = rng() >> (i % 64);
    evals[i] = Fr::from_i64(ints[i]);
  }
  const DoryCommitment direct = commit_dense(setup, shape, evals);
  EXPECT_TRUE(SmallIntMatrixProvider(ints, shape).commit(setup).commitment == direct.commitment);

  CommitmentBuilder builder(setup, shape);
  for (u64 r = 0; r < shape.rows(); ++r)
    builder.add_u64_row(
        r, std::span<const u64>(unsigned_ints).subspan(r * shape.columns(), shape.columns()));
  for (std::size_t i = 0; i < ints.size(); ++i) evals[i] = Fr::from_u64(unsigned_ints[i]);
  EXPECT_TRUE(builder.finish().commitment == commit_dense(setup, shape, evals).commitment);
}

// One-hot chunks (sums of generators, chunks committed on several threads) against the MSM
// commitment of the materialized 0/1 matrix; plus the explicit one-hot row path.
TEST(DoryCommit, OneHotChunksMatchMaterializedMatrix) {
  const DorySetup& setup = test::shared_setup(12);
  std::mt19937_64 rng(13);
  constexpr u32 kAddresses = 8;
  for (unsigned n : {9u, 10u}) {
    const MatrixShape shape = MatrixShape::balanced(n);
    std::vector<u32> hot((std::size_t{1} << n) / kAddresses);
    for (u32& k : hot) k = (rng() % 5 == 0) ? kNoHotAddress : static_cast<u32>(rng() % kAddresses);
    std::vector<Fr> evals(std::size_t{1} << n, Fr::zero());
    for (std::size_t t = 0; t < hot.size(); ++t)
      if (hot[t] != kNoHotAddress) evals[hot[t] * hot.size() + t] = Fr::one();
    const DoryCommitment direct = commit_dense(setup, shape, evals);
    const DoryCommitment one_hot = OneHotMatrixProvider(hot, kAddresses, shape).commit(setup);
    EXPECT_TRUE(one_hot.commitment == direct.commitment) << n;
    EXPECT_EQ(one_hot.row_commitments, direct.row_commitments) << n;

    CommitmentBuilder rows(setup, shape);
    for (u64 r = 0; r < shape.rows(); ++r) {
      std::vector<u32> set;
      for (u32 c = 0; c < shape.columns(); ++c)
        if (!evals[r * shape.columns() + c].is_zero()) set.push_back(c);
      rows.add_one_hot_row(r, set);
    }
    EXPECT_TRUE(rows.finish().commitment == direct.commitment) << n;
  }
}

TEST(DoryCommit, ZeroPolynomialCommitsToOne) {
  const DorySetup& setup = test::shared_setup(12);
  const MatrixShape shape = MatrixShape::balanced(6);
  const std::vector<Fr> zeros(64, Fr::zero());
  const DoryCommitment com = commit_dense(setup, shape, zeros);
  EXPECT_TRUE(com.commitment == GT::one());
  for (const G1Affine& r : com.row_commitments) EXPECT_TRUE(r.infinity);
}

// Com(a·f + b·g) = a·Com(f) + b·Com(g) (GT additive), an algebraic cross-check of both tiers.
TEST(DoryCommit, IsHomomorphic) {
  const DorySetup& setup = test::shared_setup(12);
  std::mt19937_64 rng(14);
  const MatrixShape shape = MatrixShape::balanced(8);
  const std::vector<Fr> f = random_evals(rng, 8), g = random_evals(rng, 8);
  const Fr a = Fr::random(rng), b = Fr::random(rng);
  std::vector<Fr> h(f.size());
  for (std::size_t i = 0; i < f.size(); ++i) h[i] = a * f[i] + b * g[i];
  const GT lhs = commit_dense(setup, shape, h).commitment;
  const GT rhs = commit_dense(setup, shape, f).commitment.pow(a) *
                 commit_dense(setup, shape, g).commitment.pow(b);
  EXPECT_TRUE(lhs == rhs);
}

}  // namespace
}  // namespace rill
