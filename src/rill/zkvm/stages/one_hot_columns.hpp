// One-hot columns of a cycle record and the pushforward pass that turns them into address
// tables (reference jolt-protocol.md §9, §8): for weights ω_w(j) and one-hot columns c,
//
//   G_{w,c}(k) = Σ_j ω_w(j)·[index_c(j) = k],   k < 2^{log_k},
//
// so Σ_j ω_w(j)·f(index_c(j)) = Σ_k G_{w,c}(k)·f(k) for any f: the address rounds of booleanity,
// bytecode read-RAF and the Hamming-weight reduction run on these tables alone. A column is a
// committed chunk (InstructionRa(i), BytecodeRa(i), RamRa(i); a RAM chunk of a cycle without an
// access is an all-zero column and adds nothing) or the whole expanded PC (the bytecode row).
// Every weight is an eq(w, ·) over the cycles, evaluated in √T memory (HalvedEqTable); the
// all-zero point gives eq(0, j) = [j = 0]. One pass, any segmentation: tables are summed.
//
// The cycle rounds read the same columns through OneHotEqKernel: factor c of cycle j is
// eq(ρ_c, index_c(j)) = ra_c(ρ_c, j) (0 for an all-zero column), ρ_c an address point.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "rill/sumcheck/instance.hpp"
#include "rill/sumcheck/product_pass.hpp"
#include "rill/zkvm/stages/claims.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {

// A one-hot column of the record: a committed chunk, or the bytecode row (expanded PC).
struct OneHotColumn {
  PolyId chunk{PolyFamily::kBytecodeRaChunk, 0};
  bool bytecode_row = false;
  static OneHotColumn of(PolyId id) { return {id, false}; }
  static OneHotColumn pc() { return {poly(PolyFamily::kBytecodeRaChunk), true}; }
};

// The hot address of the column at this record, or nothing (an all-zero column).
inline std::optional<u32> hot_index(const CycleRecord& r, const OneHotColumn& c) {
  if (c.bytecode_row) return r.row.bytecode_index;
  switch (c.chunk.family) {
    case PolyFamily::kInstructionRaChunk:
      return r.instruction_chunks[c.chunk.index];
    case PolyFamily::kBytecodeRaChunk:
      return r.bytecode_chunks[c.chunk.index];
    case PolyFamily::kRamRaChunk:
      if (r.ram_word == kNoAccess) return std::nullopt;
      return r.ram_chunks[c.chunk.index];
    default:
      RILL_CHECK(false, "not a one-hot chunk");
      return std::nullopt;
  }
}

// Committed one-hot chunks in the protocol's order: instruction, bytecode, RAM (reference §1.3).
std::vector<PolyId> committed_one_hot_chunks(const OneHotParams& p);

// The tables of one pass: table(w, c)[k].
class PushforwardTables {
 public:
  PushforwardTables() = default;
  PushforwardTables(unsigned weights, unsigned columns, unsigned log_k);
  unsigned log_k() const { return log_k_; }
  std::span<Fr> table(unsigned w, unsigned c) {
    return std::span<Fr>(values_).subspan((w * columns_ + c) << log_k_, std::size_t{1} << log_k_);
  }
  std::span<const Fr> table(unsigned w, unsigned c) const {
    return std::span<const Fr>(values_).subspan((w * columns_ + c) << log_k_,
                                                std::size_t{1} << log_k_);
  }
  void add(const PushforwardTables& other);
  bool empty() const { return values_.empty(); }

 private:
  unsigned columns_ = 0, log_k_ = 0;
  tracked_vector<Fr> values_;
};

// The pass consumer; `done` receives the summed tables.
class PushforwardPass final : public PassConsumer<CycleRecord> {
 public:
  PushforwardPass(std::vector<std::vector<Fr>> weight_points, std::vector<OneHotColumn> columns,
                  unsigned log_k, std::function<void(PushforwardTables)> done);
  std::unique_ptr<SegmentAccumulator<CycleRecord>> new_segment() override;
  void finish(std::unique_ptr<SegmentAccumulator<CycleRecord>> total) override;

 private:
  std::vector<HalvedEqTable> weights_;
  std::vector<OneHotColumn> columns_;
  unsigned log_k_;
  std::function<void(PushforwardTables)> done_;
};

// Field kernel (sumcheck/product_pass.hpp): out[c] = tables[table_of[c]][index_c(j)], or 0. Also
// a OneHotKernel: the linear schedule keeps every column as its indices through the first rounds.
class OneHotEqKernel {
 public:
  using Record = CycleRecord;
  // tables: eq(ρ_t, ·) for address points ρ_t (big-endian); table_of[c]: column c's table.
  OneHotEqKernel(std::vector<OneHotColumn> columns, const std::vector<std::vector<Fr>>& points,
                 std::vector<unsigned> table_of);
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64, Fr* out) const {
    const auto& tables = *tables_;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::optional<u32> k = hot_index(r, columns_[c]);
      out[c] = k ? tables[table_of_[c]][*k] : Fr::zero();
    }
  }
  const tracked_vector<Fr>* one_hot_table(unsigned c) const {
    return c < columns_.size() ? &(*tables_)[table_of_[c]] : nullptr;
  }
  void one_hot_indices(const CycleRecord& r, u32* out) const {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::optional<u32> k = hot_index(r, columns_[c]);
      out[c] = k ? *k : kOneHotZero;
    }
  }

 private:
  std::vector<OneHotColumn> columns_;
  std::shared_ptr<const std::vector<tracked_vector<Fr>>> tables_;
  std::vector<unsigned> table_of_;
};

}  // namespace rill::zkvm
