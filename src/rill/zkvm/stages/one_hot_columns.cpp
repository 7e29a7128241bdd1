#include "rill/zkvm/stages/one_hot_columns.hpp"

#include "rill/poly/eq.hpp"

namespace rill::zkvm {

std::vector<PolyId> committed_one_hot_chunks(const OneHotParams& p) {
  std::vector<PolyId> out;
  for (unsigned i = 0; i < p.instruction_chunks; ++i)
    out.push_back(poly(PolyFamily::kInstructionRaChunk, i));
  for (unsigned i = 0; i < p.bytecode_chunks; ++i)
    out.push_back(poly(PolyFamily::kBytecodeRaChunk, i));
  for (unsigned i = 0; i < p.ram_chunks; ++i) out.push_back(poly(PolyFamily::kRamRaChunk, i));
  return out;
}

PushforwardTables::PushforwardTables(unsigned weights, unsigned columns, unsigned log_k)
    : columns_(columns),
      log_k_(log_k),
      values_((std::size_t{weights} * columns) << log_k, Fr::zero()) {}

void PushforwardTables::add(const PushforwardTables& other) {
  RILL_CHECK_EQ(values_.size(), other.values_.size(), "tables of another shape");
  for (std::size_t i = 0; i < values_.size(); ++i) values_[i] += other.values_[i];
}

namespace {

class PushforwardSegment final : public SegmentAccumulator<CycleRecord> {
 public:
  PushforwardSegment(const std::vector<HalvedEqTable>& weights,
                     const std::vector<OneHotColumn>& columns, unsigned log_k)
      : weights_(weights),
        columns_(columns),
        tables_(static_cast<unsigned>(weights.size()), static_cast<unsigned>(columns.size()),
                log_k) {}

  void fold(std::span<const CycleRecord> rows, const CycleRecord&, std::uint64_t first) override {
    for (std::size_t t = 0; t < rows.size(); ++t) {
      for (unsigned c = 0; c < columns_.size(); ++c) {
        const std::optional<u32> k = hot_index(rows[t], columns_[c]);
        if (!k) continue;
        RILL_CHECK(*k < (u64{1} << tables_.log_k()), "hot index beyond the address space");
        for (unsigned w = 0; w < weights_.size(); ++w)
          tables_.table(w, c)[*k] += weights_[w](first + t);
      }
    }
  }
  void merge(SegmentAccumulator<CycleRecord>& later) override {
    tables_.add(static_cast<PushforwardSegment&>(later).tables_);
  }
  PushforwardTables take() { return std::move(tables_); }

 private:
  const std::vector<HalvedEqTable>& weights_;
  const std::vector<OneHotColumn>& columns_;
  PushforwardTables tables_;
};

}  // namespace

PushforwardPass::PushforwardPass(std::vector<std::vector<Fr>> weight_points,
                                 std::vector<OneHotColumn> columns, unsigned log_k,
                                 std::function<void(PushforwardTables)> done)
    : columns_(std::move(columns)), log_k_(log_k), done_(std::move(done)) {
  for (const auto& w : weight_points) weights_.emplace_back(w);
}

std::unique_ptr<SegmentAccumulator<CycleRecord>> PushforwardPass::new_segment() {
  return std::make_unique<PushforwardSegment>(weights_, columns_, log_k_);
}

void PushforwardPass::finish(std::unique_ptr<SegmentAccumulator<CycleRecord>> total) {
  done_(static_cast<PushforwardSegment&>(*total).take());
}

OneHotEqKernel::OneHotEqKernel(std::vector<OneHotColumn> columns,
                               const std::vector<std::vector<Fr>>& points,
                               std::vector<unsigned> table_of)
    : columns_(std::move(columns)), table_of_(std::move(table_of)) {
  RILL_CHECK_EQ(columns_.size(), table_of_.size(), "one table per column");
  auto tables = std::make_shared<std::vector<tracked_vector<Fr>>>();
  for (const auto& p : points) tables->push_back(eq_table(p));
  for (unsigned t : table_of_) RILL_CHECK(t < tables->size(), "no such table");
  tables_ = std::move(tables);
}

}  // namespace rill::zkvm
