#include "rill/pcs/commit.hpp"

#include "rill/curve/batch_affine.hpp"
#include "rill/curve/msm.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

PreparedRowGenerators::PreparedRowGenerators(const DorySetup& setup, std::size_t rows)
    : prepared_(rows), pointers_(rows) {
  RILL_CHECK(rows <= setup.gamma2().size(), "more prepared rows than setup generators");
  parallel_for(0, rows, 8, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) prepared_[i] = G2Prepared(setup.gamma2()[i]);
  });
  for (std::size_t i = 0; i < rows; ++i) pointers_[i] = &prepared_[i];
}

std::span<const G2Prepared* const> PreparedRowGenerators::first(std::size_t rows) const {
  RILL_CHECK(rows <= pointers_.size(), "prepared generators do not cover the rows");
  return std::span<const G2Prepared* const>(pointers_).first(rows);
}

std::size_t PreparedRowGenerators::memory_bytes() const {
  std::size_t bytes = pointers_.capacity() * sizeof(const G2Prepared*);
  for (const G2Prepared& p : prepared_) bytes += sizeof(G2Prepared) + p.memory_bytes();
  return bytes;
}

CommitmentBuilder::CommitmentBuilder(const DorySetup& setup, MatrixShape shape)
    : setup_(setup),
      shape_(shape),
      rows_(shape.rows(), G1::identity()),
      small_rows_(setup.gamma1(), shape.columns()) {
  RILL_CHECK(shape.valid(), "Dory shape needs ν ≤ σ");
  RILL_CHECK(shape.log_columns <= setup.max_log_columns(), "polynomial larger than the setup");
}

void CommitmentBuilder::add_row_commitment(u64 row, const G1& piece) {
  RILL_CHECK(row < rows_.size(), "row index out of range");
  std::lock_guard<std::mutex> lock(locks_[row % kStripes]);
  rows_[row] += piece;
}

namespace {

std::span<const G1Affine> column_bases(const DorySetup& setup, MatrixShape shape, u64 first,
                                       std::size_t count) {
  RILL_CHECK(first + count <= shape.columns(), "row piece extends past the last column");
  return setup.gamma1().subspan(first, count);
}

}  // namespace

void CommitmentBuilder::add_field_row(u64 row, std::span<const Fr> values, u64 first_column) {
  add_row_commitment(row, msm(column_bases(setup_, shape_, first_column, values.size()), values));
}

void CommitmentBuilder::add_u64_row(u64 row, std::span<const u64> values, u64 first_column) {
  add_row_commitment(row, small_rows_.commit(values, {}, first_column));
}

void CommitmentBuilder::add_i64_row(u64 row, std::span<const i64> values, u64 first_column) {
  std::vector<u64> magnitudes(values.size());
  std::vector<u8> negative(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    // |v| as u64, well defined for INT64_MIN too.
    magnitudes[i] =
        values[i] < 0 ? u64{0} - static_cast<u64>(values[i]) : static_cast<u64>(values[i]);
    negative[i] = values[i] < 0;
  }
  add_row_commitment(row, small_rows_.commit(magnitudes, negative, first_column));
}

void CommitmentBuilder::add_one_hot_row(u64 row, std::span<const u32> columns) {
  for (u32 c : columns) RILL_CHECK(c < shape_.columns(), "one-hot column out of range");
  add_row_commitment(row, sum_indices(setup_.gamma1(), columns));
}

void CommitmentBuilder::add_one_hot_chunk(u64 chunk, std::span<const u32> hot_address,
                                          u32 num_addresses) {
  const u64 columns = shape_.columns();
  const u64 total = u64{1} << shape_.num_vars();
  RILL_CHECK(num_addresses > 0 && total % num_addresses == 0, "K must divide 2^n");
  const u64 cycles = total / num_addresses;
  RILL_CHECK(cycles >= columns, "CycleMajor one-hot chunks need T ≥ 2^σ");
  RILL_CHECK(hot_address.size() <= columns, "a one-hot chunk holds at most 2^σ cycles");
  const u64 rows_per_address = cycles / columns;
  RILL_CHECK(chunk < rows_per_address, "one-hot chunk index out of range");

  // Counting sort of the chunk's columns by hot address: segment k lists Γ1[c] for the cycles
  // c whose address is k. The batch-affine summer then adds every segment at once, sharing one
  // field inversion per halving round across all K segments.
  std::vector<u32> offsets(num_addresses + 1, 0);
  for (u32 k : hot_address) {
    if (k == kNoHotAddress) continue;
    RILL_CHECK(k < num_addresses, "hot address out of range");
    ++offsets[k + 1];
  }
  for (u32 k = 0; k < num_addresses; ++k) offsets[k + 1] += offsets[k];
  std::vector<G1Affine> points(offsets[num_addresses]);
  std::vector<u32> cursor(offsets.begin(), offsets.end() - 1);
  for (std::size_t c = 0; c < hot_address.size(); ++c) {
    const u32 k = hot_address[c];
    if (k != kNoHotAddress) points[cursor[k]++] = setup_.gamma1()[c];
  }
  detail::SegmentSummer<G1Affine> summer;
  const std::vector<G1Affine> sums = summer.sum_segments(points, offsets);
  for (u32 k = 0; k < num_addresses; ++k) {
    if (!sums[k].infinity)
      add_row_commitment(k * rows_per_address + chunk, G1::from_affine(sums[k]));
  }
}

GT pair_rows(const DorySetup& setup, std::span<const G1Affine> rows,
             const PreparedRowGenerators* prepared) {
  RILL_CHECK(rows.size() <= setup.gamma2().size(), "more rows than row generators");
  if (prepared != nullptr) return multi_pairing_prepared(rows, prepared->first(rows.size()));
  return multi_pairing(rows, setup.gamma2().first(rows.size()));
}

DoryCommitment CommitmentBuilder::finish(const PreparedRowGenerators* prepared) const {
  DoryCommitment out;
  out.row_commitments = batch_normalize(std::span<const G1>(rows_));
  out.commitment = pair_rows(setup_, out.row_commitments, prepared);
  return out;
}

std::vector<G1Affine> CommitmentBuilder::row_commitments() const {
  return batch_normalize(std::span<const G1>(rows_));
}

std::vector<DoryCommitment> finish_batch(std::span<const CommitmentBuilder* const> builders) {
  std::vector<DoryCommitment> out(builders.size());
  if (builders.empty()) return out;
  const DorySetup& setup = builders.front()->setup();
  std::vector<std::span<const G1Affine>> rows(builders.size());
  for (std::size_t i = 0; i < builders.size(); ++i) {
    RILL_CHECK(&builders[i]->setup() == &setup, "finish_batch: one setup for all builders");
    out[i].row_commitments = builders[i]->row_commitments();
    RILL_CHECK(out[i].row_commitments.size() <= setup.gamma2().size(),
               "more rows than row generators");
    rows[i] = out[i].row_commitments;
  }
  std::size_t max_rows = 0;
  for (const auto& r : rows) max_rows = std::max(max_rows, r.size());
  const std::vector<GT> values = multi_pairings_shared_g2(rows, setup.gamma2().first(max_rows));
  for (std::size_t i = 0; i < builders.size(); ++i) out[i].commitment = values[i];
  return out;
}

DoryCommitment commit_dense(const DorySetup& setup, MatrixShape shape, std::span<const Fr> evals,
                            const PreparedRowGenerators* prepared) {
  RILL_CHECK_EQ(evals.size(), std::size_t{1} << shape.num_vars(), "one evaluation per index");
  CommitmentBuilder builder(setup, shape);
  const u64 columns = shape.columns();
  parallel_for(0, shape.rows(), 1, [&](u64 lo, u64 hi) {
    for (u64 r = lo; r < hi; ++r) builder.add_field_row(r, evals.subspan(r * columns, columns));
  });
  return builder.finish(prepared);
}

}  // namespace rill
