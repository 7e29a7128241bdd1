// Stage 0's commitments and stage 8's matrix products, each ONE pass over the trace
// (ARCHITECTURE.md §2 layout; reference jolt-protocol.md §1.3, §10; docs/streaming.md,
// "Commitments and the final opening").
//
// Every committed polynomial is a K_chunk × T object in one Dory matrix shape, CycleMajor
// (coefficient index k·T + j), 2^ν × 2^σ with σ = ⌈(log_k_chunk + log T)/2⌉, so T ≥ 2^σ and a
// block w of 2^σ consecutive cycles is column block w of the K_chunk rows k·(T/2^σ) + w:
//   * a one-hot chunk poly: row k·(T/2^σ) + w gets Σ Γ1[j mod 2^σ] over the block's cycles j
//     whose chunk index is k (no scalar multiplication: CommitmentBuilder::add_one_hot_chunk);
//   * RdInc, RamInc (dense, T coefficients) sit in the k = 0 rows: row w gets the small-integer
//     MSM Σ_j Inc(j)·Γ1[j mod 2^σ] (byte buckets).
// Commitment order (also the transcript order): RdInc, RamInc, InstructionRa(0..d_I),
// RamRaChunk(0..d_R), BytecodeRa(0..d_B) (reference §1.3).
//
// The opening's vector–matrix product for a random combination Σ_i γ_i·M_i:
//   out[c] = Σ_i γ_i·Σ_ρ L[ρ]·M_i[ρ][c]
//          = Σ_j [j mod 2^σ = c]·( Σ_{one-hot i} γ_i·L[k_i(j)·(T/2^σ) + (j >> σ)]
//                                  + L[j >> σ]·(γ_RdInc·RdInc(j) + γ_RamInc·RamInc(j)) ),
// one pass with a 2^σ accumulator per worker (a no-access chunk index contributes nothing).
#pragma once

#include <deque>
#include <span>
#include <vector>

#include "rill/pcs/batch.hpp"
#include "rill/pcs/commit.hpp"
#include "rill/pcs/matrix_shape.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/stages/claims.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {

// The committed polynomials in commitment order.
std::vector<PolyId> committed_polys(const OneHotParams& one_hot);

// The one Dory matrix shape of every committed polynomial: log_k_chunk + log T variables,
// σ = ⌈n/2⌉.
MatrixShape witness_matrix_shape(unsigned log_t, unsigned log_k_chunk);

// What a committed polynomial holds on one record: the one-hot chunk index (kNoAccess for an
// all-zero column), or the Inc value for the dense ones.
u32 committed_chunk_index(PolyId id, const CycleRecord& record);
i64 committed_dense_value(PolyId id, const CycleRecord& record);

struct WitnessCommitments {
  std::vector<PolyId> polys;                // commitment order
  std::vector<DoryCommitment> commitments;  // one per poly
};

// One pass over the source: every committed polynomial's commitment. Workers take whole blocks
// of 2^σ cycles (segments are multiples of 2^σ), so a block is never split.
template <RecordSource S>
WitnessCommitments commit_witness(const S& source, const DorySetup& setup,
                                  const OneHotParams& one_hot, std::size_t max_span = 1 << 12) {
  const unsigned log_t = log2_exact(source.padded_len());
  const MatrixShape shape = witness_matrix_shape(log_t, one_hot.log_k_chunk);
  const u64 block = shape.columns();
  RILL_CHECK(source.padded_len() >= block, "T ≥ 2^σ for the CycleMajor layout");
  WitnessCommitments out;
  out.polys = committed_polys(one_hot);
  std::deque<CommitmentBuilder> builders;  // not movable (row locks): a deque never moves them
  for (std::size_t i = 0; i < out.polys.size(); ++i) builders.emplace_back(setup, shape);
  const u32 k_chunk = u32{1} << one_hot.log_k_chunk;

  // Per segment: the current block's per-poly columns, flushed when the block is complete.
  struct Block {
    u64 index = ~u64{0};
    u64 filled = 0;
    std::vector<std::vector<u32>> hot;    // one-hot polys
    std::vector<std::vector<i64>> dense;  // RdInc, RamInc
  };
  const std::size_t dense_count = 2;
  auto flush = [&](Block& b) {
    if (b.filled == 0) return;
    for (std::size_t i = 0; i < dense_count; ++i) builders[i].add_i64_row(b.index, b.dense[i]);
    for (std::size_t i = dense_count; i < out.polys.size(); ++i)
      builders[i].add_one_hot_chunk(b.index, b.hot[i - dense_count], k_chunk);
    b.filled = 0;
  };
  u64 segment = std::max<u64>(block, source.padded_len() / (4 * thread_count()));
  segment = segment / block * block;
  if (segment % source.align() != 0) segment = block * source.align();  // both powers of two
  parallel_pass(
      source, segment, max_span,
      [&] {
        Block b;
        b.hot.assign(out.polys.size() - dense_count, std::vector<u32>(block, kNoAccess));
        b.dense.assign(dense_count, std::vector<i64>(block, 0));
        return b;
      },
      [&](Block& b, std::span<const CycleRecord> rows, const CycleRecord&, u64 first) {
        for (std::size_t r = 0; r < rows.size(); ++r) {
          const u64 j = first + r;
          if (j / block != b.index) {
            flush(b);
            b.index = j / block;
          }
          const u64 c = j % block;
          for (std::size_t i = 0; i < dense_count; ++i)
            b.dense[i][c] = committed_dense_value(out.polys[i], rows[r]);
          for (std::size_t i = dense_count; i < out.polys.size(); ++i)
            b.hot[i - dense_count][c] = committed_chunk_index(out.polys[i], rows[r]);
          if (++b.filled == block) flush(b);
        }
      },
      [&](Block& acc, Block&& later) {
        flush(acc);
        flush(later);
      });
  std::vector<const CommitmentBuilder*> finishing;
  for (const auto& builder : builders) finishing.push_back(&builder);
  out.commitments = finish_batch(finishing);
  return out;
}

// The batched opening's provider: Σ_i γ_i·Lᵀ·M_i for the committed polys in `polys` order, from
// one pass over the source (memory: one 2^σ accumulator per worker).
template <RecordSource S>
class WitnessOpeningProvider final : public BatchVectorMatrixProductProvider {
 public:
  WitnessOpeningProvider(const S& source, std::vector<PolyId> polys, unsigned log_k_chunk,
                         std::size_t max_span = 1 << 12)
      : source_(source), polys_(std::move(polys)), log_k_chunk_(log_k_chunk), max_span_(max_span) {}

  void vector_matrix_product(std::span<const Fr> row_point, std::span<const Fr> row_weights,
                             std::span<const Fr> coefficients, std::span<Fr> out) const override {
    (void)row_point;
    RILL_CHECK_EQ(coefficients.size(), polys_.size(), "one coefficient per committed poly");
    const unsigned log_t = log2_exact(source_.padded_len());
    const MatrixShape shape = witness_matrix_shape(log_t, log_k_chunk_);
    RILL_CHECK_EQ(out.size(), shape.columns(), "one output per column");
    RILL_CHECK_EQ(row_weights.size(), shape.rows(), "one weight per row");
    const unsigned sigma = shape.log_columns;
    const u64 rows_per_address = source_.padded_len() >> sigma;  // T / 2^σ
    u64 segment = std::max<u64>(source_.align(), source_.padded_len() / (4 * thread_count()));
    segment = segment / source_.align() * source_.align();
    using Acc = std::vector<Fr>;
    const Acc total = parallel_pass(
        source_, segment, max_span_, [&] { return Acc(out.size(), Fr::zero()); },
        [&](Acc& acc, std::span<const CycleRecord> rows, const CycleRecord&, u64 first) {
          for (std::size_t r = 0; r < rows.size(); ++r) {
            const u64 j = first + r;
            const u64 column = j & ((u64{1} << sigma) - 1);
            const u64 block = j >> sigma;
            Fr sum = Fr::zero();
            for (std::size_t i = 0; i < polys_.size(); ++i) {
              if (!is_one_hot(polys_[i])) {
                const i64 v = committed_dense_value(polys_[i], rows[r]);
                if (v != 0) sum += (coefficients[i] * row_weights[block]).mul_i64(v);
                continue;
              }
              const u32 k = committed_chunk_index(polys_[i], rows[r]);
              if (k != kNoAccess)
                sum += coefficients[i] * row_weights[k * rows_per_address + block];
            }
            acc[column] += sum;
          }
        },
        [](Acc& acc, Acc&& later) {
          for (std::size_t c = 0; c < acc.size(); ++c) acc[c] += later[c];
        });
    std::copy(total.begin(), total.end(), out.begin());
  }

 private:
  static bool is_one_hot(PolyId id) {
    return id.family != PolyFamily::kRdInc && id.family != PolyFamily::kRamInc;
  }

  const S& source_;
  std::vector<PolyId> polys_;
  unsigned log_k_chunk_;
  std::size_t max_span_;
};

}  // namespace rill::zkvm
