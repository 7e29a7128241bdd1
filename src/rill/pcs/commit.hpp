// Dory commitment, built row by row (reference dory.md §2):
//   tier 1:  T_ρ = Σ_c M[ρ][c]·Γ1[c]   (one G1 point per row: the opening hint)
//   tier 2:  C   = Σ_ρ e(T_ρ, Γ2[ρ])   (one multi-pairing, GT written additively)
// MSMs add up, so a row may arrive in column pieces, pieces may arrive in any order and from
// several threads, and the result is the same group element. finish() pairs row ρ with Γ2[ρ]
// whatever order the rows came in. Memory: 2^ν G1 points plus the caller's piece.
//
// CycleMajor one-hot layout (ARCHITECTURE.md §2): a one-hot polynomial over K addresses and T
// cycles has coefficient index k·T + t. With 2^σ columns, a chunk w of 2^σ consecutive cycles
// fills exactly the K rows k·(T/2^σ) + w, each a sum of the generators Γ1[t mod 2^σ] over the
// cycles t of the chunk whose hot address is k: no scalar multiplication at all.
#pragma once

#include <array>
#include <mutex>
#include <span>
#include <vector>

#include "rill/curve/g1.hpp"
#include "rill/curve/gt.hpp"
#include "rill/curve/pairing.hpp"
#include "rill/field/fr.hpp"
#include "rill/pcs/byte_buckets.hpp"
#include "rill/pcs/matrix_shape.hpp"
#include "rill/pcs/setup.hpp"
#include "rill/util/int.hpp"

namespace rill {

// A commitment and the row commitments the opening proof reuses as its hint.
struct DoryCommitment {
  GT commitment;
  std::vector<G1Affine> row_commitments;  // 2^ν points; identity for all-zero rows
};

// Miller-loop line coefficients of Γ2[0..rows), for commitments that pair against the fixed
// row generators many times. About 17 KiB per row (memory_bytes() reports it).
class PreparedRowGenerators {
 public:
  PreparedRowGenerators(const DorySetup& setup, std::size_t rows);
  std::size_t rows() const { return prepared_.size(); }
  std::span<const G2Prepared* const> first(std::size_t rows) const;
  std::size_t memory_bytes() const;

 private:
  std::vector<G2Prepared> prepared_;
  std::vector<const G2Prepared*> pointers_;
};

// Sentinel for "no hot address in this cycle" in one-hot chunks (padding cycles).
inline constexpr u32 kNoHotAddress = kNoAccess;  // the one no-access encoding (util/int.hpp)

class CommitmentBuilder {
 public:
  CommitmentBuilder(const DorySetup& setup, MatrixShape shape);

  MatrixShape shape() const { return shape_; }

  // Row `row`, columns [first_column, first_column + values.size()) += values. Thread-safe.
  // Field rows use the general MSM; integer rows the byte buckets of byte_buckets.hpp.
  void add_field_row(u64 row, std::span<const Fr> values, u64 first_column = 0);
  void add_u64_row(u64 row, std::span<const u64> values, u64 first_column = 0);
  void add_i64_row(u64 row, std::span<const i64> values, u64 first_column = 0);
  // Row `row` += Σ_j Γ1[columns[j]] (a one-hot or Boolean row given by its set columns).
  void add_one_hot_row(u64 row, std::span<const u32> columns);
  // CycleMajor one-hot chunk: hot_address[i] is the address (< num_addresses, or
  // kNoHotAddress) of cycle chunk·2^σ + i. The polynomial has num_addresses·T coefficients,
  // T = 2^n / num_addresses ≥ 2^σ; the chunk may be shorter than 2^σ (the rest is zero).
  void add_one_hot_chunk(u64 chunk, std::span<const u32> hot_address, u32 num_addresses);
  // Adds an already computed row commitment (or piece of one).
  void add_row_commitment(u64 row, const G1& piece);

  // Tier 2 over the rows received so far; `prepared` (optional) must cover 2^ν rows.
  DoryCommitment finish(const PreparedRowGenerators* prepared = nullptr) const;
  // The row commitments received so far (tier 1 only), affine.
  std::vector<G1Affine> row_commitments() const;
  const DorySetup& setup() const { return setup_; }

 private:
  const DorySetup& setup_;
  MatrixShape shape_;
  std::vector<G1> rows_;
  ByteBucketCommitter small_rows_;  // the small-integer row path
  // Striped locks: pieces of one row from different threads serialize on its stripe.
  static constexpr std::size_t kStripes = 64;
  mutable std::array<std::mutex, kStripes> locks_;
};

// finish() for several builders over one setup at once, the same commitments: each row generator
// Γ2[ρ] is prepared once for all of them (multi_pairings_shared_g2), so m commitments cost about
// m line evaluations per row instead of m full Miller loops, with no stored 2^ν-row line table.
std::vector<DoryCommitment> finish_batch(std::span<const CommitmentBuilder* const> builders);

// Commitment of a polynomial given by its 2^n evaluations (row-major), for tests and small data.
DoryCommitment commit_dense(const DorySetup& setup, MatrixShape shape, std::span<const Fr> evals,
                            const PreparedRowGenerators* prepared = nullptr);

// e(Σ, Γ2) for given row commitments: the tier-2 step alone.
GT pair_rows(const DorySetup& setup, std::span<const G1Affine> rows,
             const PreparedRowGenerators* prepared = nullptr);

}  // namespace rill
