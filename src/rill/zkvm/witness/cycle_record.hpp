// The per-row record (ARCHITECTURE.md §2; docs/streaming.md, "One record per row"): everything
// any stage reads about cycle j, computed ONCE per row per pass and handed to every consumer of
// that pass. CycleSource wraps a RowSource and presents the same rows as CycleRecords, so a pass
// shared by several instances (the batch's pass plan) computes the witness once, not once per
// kernel.
//
// "No access" has one encoding, kNoAccess (util/int.hpp): the RAM word index and every RAM
// one-hot chunk of a cycle without a RAM access, and a register operand the row does not have.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "rill/riscv/execution.hpp"
#include "rill/riscv/trace_row.hpp"
#include "rill/util/check.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/witness/cycle_witness.hpp"
#include "rill/zkvm/witness/row_source.hpp"

namespace rill::zkvm {

inline constexpr unsigned kMaxInstructionChunks = 16;  // d_I = 64 / 4 at log_k_chunk = 4
inline constexpr unsigned kMaxBytecodeChunks = 8;      // log K_bc ≤ 32
inline constexpr unsigned kMaxRamChunks = 8;           // log K_ram ≤ 32

struct CycleRecord {
  riscv::Row row;
  R1csInputs z;              // the 34 R1CS inputs (exact integers)
  u64 lookup_index = 0;      // the 64-bit instruction lookup index
  u8 table = kNoTable;       // lookups::TableKind, or kNoTable (NoOp, LW, SW, FENCE)
  bool interleaved = true;   // InstructionRafFlag = !interleaved
  bool next_is_noop = true;  // NextIsNoop: the following row is a NoOp (padding after the end)
  i64 rd_inc = 0;            // RdInc
  i64 ram_inc = 0;           // RamInc
  u32 ram_word = kNoAccess;  // RAM word index of the access
  u32 rs1 = kNoAccess, rs2 = kNoAccess, rd = kNoAccess;        // register indices
  std::array<u8, kMaxInstructionChunks> instruction_chunks{};  // InstructionRa(i) indices
  std::array<u8, kMaxBytecodeChunks> bytecode_chunks{};        // BytecodeRa(i) indices
  std::array<u32, kMaxRamChunks> ram_chunks{};  // RamRa(i) indices, kNoAccess without access

  static constexpr u8 kNoTable = 0xFF;
};

// What a record is computed from besides the two rows: the expanded bytecode, the layout and
// the one-hot chunking.
struct RecordContext {
  const riscv::Bytecode* bytecode = nullptr;
  const riscv::MemoryLayout* layout = nullptr;
  OneHotParams one_hot;
};

CycleRecord cycle_record(const RecordContext& ctx, const riscv::Row& row, const riscv::Row& next);
// The same, written in place (the pass buffers reuse their records).
void fill_cycle_record(const RecordContext& ctx, const riscv::Row& row, const riscv::Row& next,
                       CycleRecord& record);

// A ChunkSource of CycleRecords over a RowSource: same indices, alignment and pass counts. The
// record handed as a chunk's lookahead is computed with a padding row as its successor, so its
// fields that depend on the following cycle (the Next* inputs, ShouldJump) are not meaningful;
// no kernel reads them.
template <RowSource S>
class CycleSource {
 public:
  using Record = CycleRecord;

  CycleSource(const S& rows, RecordContext ctx) : rows_(rows), ctx_(std::move(ctx)) {
    RILL_CHECK(ctx_.bytecode != nullptr && ctx_.layout != nullptr, "record context incomplete");
  }

  std::uint64_t padded_len() const { return rows_.padded_len(); }
  std::uint64_t align() const { return rows_.align(); }
  SourceStats stats() const { return rows_.stats(); }
  const RecordContext& context() const { return ctx_; }
  const S& rows() const { return rows_; }

  void visit(std::uint64_t begin, std::uint64_t end, std::size_t max_span,
             ChunkVisitor<CycleRecord> f) const {
    std::vector<CycleRecord> buffer;
    CycleRecord lookahead;
    auto convert = [&](std::span<const riscv::Row> rows, const riscv::Row& next, u64 first) {
      buffer.resize(rows.size());
      for (std::size_t j = 0; j < rows.size(); ++j)
        fill_cycle_record(ctx_, rows[j], j + 1 < rows.size() ? rows[j + 1] : next, buffer[j]);
      fill_cycle_record(ctx_, next, riscv::Row{}, lookahead);
      f(std::span<const CycleRecord>(buffer), lookahead, first);
    };
    rows_.visit(begin, end, max_span, ChunkVisitor<riscv::Row>(convert));
  }

 private:
  const S& rows_;
  RecordContext ctx_;
};

template <class S>
concept RecordSource = ChunkSource<S> && std::same_as<typename S::Record, CycleRecord>;

}  // namespace rill::zkvm
