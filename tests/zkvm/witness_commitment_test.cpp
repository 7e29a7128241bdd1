// Stage 0's one-pass commitments and stage 8's one-pass matrix product against dense references:
// each committed polynomial is rebuilt from the raw trace rows as its K_chunk × T CycleMajor
// coefficient vector (k·T + j), committed with commit_dense, and its matrix product computed
// row by row; then a batched Dory opening driven by the trace provider verifies, and a wrong
// claimed value is rejected.
#include <gtest/gtest.h>

#include "committed_dense.hpp"
#include "rill/pcs/batch.hpp"
#include "rill/pcs/commit.hpp"
#include "rill/poly/eq.hpp"
#include "rill/zkvm/prover/witness_commitment.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::dense_coefficients;

TEST(WitnessCommitments, OnePassEqualsDenseCommitmentsAndOpens) {
  const testing::GuestRun run = testing::run_guest("fibonacci", 20);
  const RecordContext ctx = testing::record_context(run);
  const OneHotParams& p = ctx.one_hot;
  const unsigned log_t = log2_exact(run.source.padded_len());
  const MatrixShape shape = witness_matrix_shape(log_t, p.log_k_chunk);
  EXPECT_EQ(shape.num_vars(), log_t + p.log_k_chunk);
  const DorySetup setup = DorySetup::generate(shape.num_vars());
  const CycleSource records(run.source, ctx);

  const WitnessCommitments streamed = commit_witness(records, setup, p, 7);
  const std::vector<PolyId> polys = committed_polys(p);
  ASSERT_EQ(streamed.polys, polys);
  ASSERT_EQ(polys.size(), 2 + p.instruction_chunks + p.ram_chunks + p.bytecode_chunks);
  std::vector<std::vector<Fr>> dense;
  for (std::size_t i = 0; i < polys.size(); ++i) {
    dense.push_back(dense_coefficients(run, p, polys[i]));
    const DoryCommitment expected = commit_dense(setup, shape, dense.back());
    EXPECT_TRUE(streamed.commitments[i].commitment == expected.commitment) << poly_name(polys[i]);
  }
  // The run exercises every kind of column: RAM writes (RamInc), accesses and cycles without one.
  const auto nonzero = [](const std::vector<Fr>& v) {
    return std::count_if(v.begin(), v.end(), [](const Fr& x) { return x != Fr::zero(); });
  };
  EXPECT_GT(nonzero(dense[1]), 0);
  EXPECT_GT(nonzero(dense[2 + p.instruction_chunks]), 0);  // RamRaChunk(0)
  EXPECT_LT(nonzero(dense[2 + p.instruction_chunks]), static_cast<long>(run.source.padded_len()));
  {  // Same commitments with one thread and another span length.
    set_thread_count(1);
    const WitnessCommitments again = commit_witness(records, setup, p, 1000);
    set_thread_count(0);
    for (std::size_t i = 0; i < polys.size(); ++i)
      EXPECT_TRUE(again.commitments[i].commitment == streamed.commitments[i].commitment);
  }

  // The provider's product equals Σ_i γ_i·Σ_ρ L[ρ]·M_i[ρ][c] computed from the dense matrices.
  Transcript t("witness-commitment-test");
  const std::vector<Fr> point = t.challenge_scalars(shape.num_vars());
  const std::vector<Fr> gamma = t.challenge_scalars(polys.size());
  const std::span<const Fr> row_point = std::span(point).first(shape.log_rows);
  const tracked_vector<Fr> l = eq_table(row_point);
  std::vector<Fr> expected(shape.columns(), Fr::zero());
  for (std::size_t i = 0; i < polys.size(); ++i)
    for (u64 r = 0; r < shape.rows(); ++r)
      for (u64 c = 0; c < shape.columns(); ++c)
        expected[c] += gamma[i] * l[r] * dense[i][r * shape.columns() + c];
  const WitnessOpeningProvider provider(records, polys, p.log_k_chunk, 13);
  std::vector<Fr> out(shape.columns());
  provider.vector_matrix_product(row_point, l, gamma, out);
  EXPECT_EQ(out, expected);

  // A batched opening of every committed poly at one point, driven by the trace provider.
  const tracked_vector<Fr> full_eq = eq_table(point);
  std::vector<Fr> values;
  std::vector<GT> commitments;
  std::vector<std::span<const G1Affine>> hints;
  for (std::size_t i = 0; i < polys.size(); ++i) {
    Fr v = Fr::zero();
    for (std::size_t x = 0; x < dense[i].size(); ++x) v += full_eq[x] * dense[i][x];
    values.push_back(v);
    commitments.push_back(streamed.commitments[i].commitment);
    hints.push_back(streamed.commitments[i].row_commitments);
  }
  Transcript tp("opening");
  const DoryProof proof =
      prove_dory_batch(setup, shape, commitments, point, values, hints, provider, tp);
  Transcript tv("opening");
  EXPECT_TRUE(verify_dory_batch(setup.verifier(), shape, commitments, point, values, proof, tv).ok);
  values[3] += Fr::one();
  Transcript tw("opening");
  EXPECT_FALSE(
      verify_dory_batch(setup.verifier(), shape, commitments, point, values, proof, tw).ok);
}

}  // namespace
}  // namespace rill::zkvm
