// Bytecode read-RAF preprocessing (reference jolt-protocol.md §8): the columns of the expanded
// bytecode that the bytecode Shout instance reads, and their multilinear extensions at a point,
// which the verifier recomputes from the ELF (Full program mode) for the final check of stage 6b.
//
// The expanded bytecode (riscv::Bytecode, row 0 the NoOp) is padded with NoOp rows to
// K_bc = padded_size() rows; a column is a polynomial over log K_bc variables, its MLE at a point
// r = (r[0] … r[n−1]) (big-endian: r[0] pairs with the most significant bit of the row index k)
// is Σ_k eq(r, k)·column(k).
//
// Columns (BytecodeColumns, all integers): UnexpandedPC (the row's ELF address), Imm (the protocol
// immediate, signed for branches/LW/SW), the 13 circuit flags, the 6 instruction flags,
// InstructionRafFlag and the 26 per-table flags LookupTableFlag(t). The register columns (rd,
// rs1, rs2) enter through eq(reg(k), r_reg) (0 when the row has no such operand). PC itself is
// the identity Id(k) = k, and the entry term is eq(entry_row, k).
//
// The per-stage value polynomials Val_s of the reference are β-combinations of these columns; the
// functions bytecode_val_stage1 … 5 give them in the reference's weight order (§8 table), adapted
// to Rill's 13 circuit flags. Since Val_s is linear in the columns, its MLE is the same
// combination of the column MLEs.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/riscv/bytecode.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/lookups/table_kind.hpp"
#include "rill/zkvm/witness/bytecode_flags.hpp"

namespace rill::zkvm::shout {

// Column indices of the integer columns.
struct BytecodeColumns {
  static constexpr std::size_t kUnexpandedPc = 0;
  static constexpr std::size_t kImm = 1;
  static constexpr std::size_t kCircuitFlags = 2;
  static constexpr std::size_t kInstructionFlags = kCircuitFlags + kNumCircuitFlags;
  static constexpr std::size_t kRafFlag = kInstructionFlags + kNumInstructionFlags;
  static constexpr std::size_t kTableFlags = kRafFlag + 1;
  static constexpr std::size_t kCount = kTableFlags + lookups::kNumTables;

  static constexpr std::size_t of(CircuitFlag f) {
    return kCircuitFlags + static_cast<std::size_t>(f);
  }
  static constexpr std::size_t of(InstructionFlag f) {
    return kInstructionFlags + static_cast<std::size_t>(f);
  }
  static constexpr std::size_t of(lookups::TableKind t) {
    return kTableFlags + static_cast<std::size_t>(t);
  }
};

using BytecodeColumnValues = std::array<Fr, BytecodeColumns::kCount>;

enum class RegisterColumn : u8 { kRd, kRs1, kRs2 };

class BytecodeValues {
 public:
  explicit BytecodeValues(const riscv::Bytecode& bytecode);
  // Rows given directly (tests); padded with NoOps to a power of two, at least 2.
  explicit BytecodeValues(std::vector<riscv::BytecodeRow> rows, u32 entry_row);

  std::size_t size() const { return rows_.size(); }  // K_bc
  unsigned num_vars() const { return num_vars_; }    // log K_bc
  u32 entry_row() const { return entry_row_; }
  const riscv::BytecodeRow& row(std::size_t k) const { return rows_[k]; }

  // The integer value of a column at row k.
  i64 value(std::size_t column, std::size_t k) const;
  // The register index of a register column at row k, or riscv::kNoRegister.
  u8 register_index(RegisterColumn column, std::size_t k) const;

  // Every column's MLE at r (num_vars() coordinates): one eq table, then O(K_bc · set flags).
  BytecodeColumnValues evaluate(std::span<const Fr> r) const;
  // Σ_k eq(r, k)·eq(reg_c(k), r_reg) for rd, rs1, rs2, with r_reg the log2(kNumRegisters) = 6
  // register-address coordinates (big-endian); rows without the operand contribute 0.
  std::array<Fr, 3> evaluate_registers(std::span<const Fr> r, std::span<const Fr> r_reg) const;

 private:
  std::vector<riscv::BytecodeRow> rows_;
  unsigned num_vars_ = 0;
  u32 entry_row_ = 0;
};

// Id(r) = Σ_i 2^{n−1−i}·r[i]: the MLE of k ↦ k (the PC RAF column).
Fr bytecode_pc_mle(std::span<const Fr> r);
// eq(entry_row, r): the MLE of k ↦ [k = entry_row].
Fr bytecode_entry_mle(std::span<const Fr> r, u32 entry_row);

// The reference's Val_s (§8) from column values (MLEs or the integer values of one row), with
// β^i the per-stage weights:
//  1: UnexpandedPC + β·Imm + Σ_f β^{2+f}·circuit_f                              (f < 13)
//  2: Jump + β·Branch + β²·WriteLookupOutputToRD + β³·VirtualInstruction
//  3: Imm + β·UnexpandedPC + β²·LeftIsRs1 + β³·LeftIsPC + β⁴·RightIsRs2 + β⁵·RightIsImm
//     + β⁶·IsNoop + β⁷·VirtualInstruction + β⁸·IsFirstInSequence
//  4: rd_eq + β·rs1_eq + β²·rs2_eq                        (registers at r_a^4)
//  5: rd_eq + β·InstructionRafFlag + Σ_t β^{2+t}·LookupTableFlag(t)
Fr bytecode_val_stage1(const BytecodeColumnValues& c, const Fr& beta);
Fr bytecode_val_stage2(const BytecodeColumnValues& c, const Fr& beta);
Fr bytecode_val_stage3(const BytecodeColumnValues& c, const Fr& beta);
Fr bytecode_val_stage4(const std::array<Fr, 3>& registers, const Fr& beta);
Fr bytecode_val_stage5(const BytecodeColumnValues& c, const Fr& rd_eq, const Fr& beta);

}  // namespace rill::zkvm::shout
