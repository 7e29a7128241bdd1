// The emulator: executes the expanded bytecode row by row, so that the trace it emits is exactly
// what it ran (every virtual sequence is executed, not just its native result).
//
// The loop is a template over an Observer, so that plain execution, row recording, checkpoint
// recording and replay share one definition of the semantics with no per-row indirect calls.
// An observer provides:
//   static constexpr bool kRecordsRows;       // call row(const Row&) after each executed row
//   static constexpr bool kTracksRam;         // call ram(word_index, value_before) on each LW/SW
//   static constexpr bool kTracksInstructions;// call instruction(address) when one starts
//   void row(const Row&); void ram(u32, u32); void instruction(u32);
// ECALL/EBREAK are outside the protocol; only a SystemCallHandler (qemu differential tests) may
// execute them.
#pragma once

#include <array>
#include <span>
#include <string>

#include "rill/riscv/bytecode.hpp"
#include "rill/riscv/memory_layout.hpp"
#include "rill/riscv/trace_row.hpp"
#include "rill/util/error.hpp"
#include "rill/util/int.hpp"

namespace rill::riscv {

enum class ExecutionErrorKind {
  IllegalInstruction,   // not RV32IM, or not an instruction (e.g. data), at the pc
  MisalignedAccess,     // LW/SW not 4-aligned, LH/LHU/SH not 2-aligned
  AccessOutsideLayout,  // a load or store outside [lowest, memory_end)
  SystemInstruction,    // ECALL or EBREAK reached in a zkVM guest
  CycleLimit,           // more rows than --max-cycles without terminating
};

// A run that cannot be proven. The message gives the pc, the instruction word and its decoding.
class ExecutionError : public InputError {
 public:
  ExecutionError(ExecutionErrorKind kind, u32 pc, const std::string& message)
      : InputError(message), kind_(kind), pc_(pc) {}
  ExecutionErrorKind kind() const { return kind_; }
  u32 pc() const { return pc_; }

 private:
  ExecutionErrorKind kind_;
  u32 pc_;
};

// Architectural plus virtual registers and the expanded PC: the whole CPU state between rows
// (a checkpoint). Memory is kept separately.
struct MachineState {
  std::array<u32, kNumRegisters> regs{};
  u32 row = 0;            // next bytecode row to execute
  u64 rows_executed = 0;  // trace rows so far
  u64 instructions = 0;   // RISC-V instructions retired so far (last rows of sequences)
  bool operator==(const MachineState&) const = default;
};

// Handles an ECALL/EBREAK at `address` (tests only). Returns false to stop the machine.
class SystemCallHandler {
 public:
  virtual ~SystemCallHandler() = default;
  virtual bool handle(u32 address, MachineState& state, std::span<u32> memory) = 0;
};

enum class StopReason { Terminated, RowBudget, SystemExit };

// The runtime's final self-jump, `jal x0, 0` (guests/runtime/runtime.c, halt()).
inline constexpr u32 kHaltInstruction = 0x0000006Fu;

class Emulator {
 public:
  Emulator(const Bytecode& bytecode, const MemoryLayout& layout,
           SystemCallHandler* system = nullptr)
      : bytecode_(bytecode), layout_(layout), system_(system) {}

  const Bytecode& bytecode() const { return bytecode_; }
  const MemoryLayout& layout() const { return layout_; }

  // Executes at most `max_rows` rows from `state` on `memory` (one word per layout word).
  // Terminated: the last row was the runtime's halt, `jal x0, 0` executed while the termination
  // or panic word is set (ARCHITECTURE.md §4); that row is executed and counted. Any other
  // self-loop runs until the row budget. Throws ExecutionError for anything unprovable.
  template <class Observer>
  StopReason run(MachineState& state, std::span<u32> memory, u64 max_rows, Observer& obs) const;

  // Builds the error for control passing from the instruction at `from` to `address`, where no
  // row can run (illegal instruction, a system instruction without a handler, or a jump outside
  // the text).
  [[noreturn]] void throw_no_row(u32 from, u32 address) const;
  [[noreturn]] void throw_access(const BytecodeRow& b, u32 address, bool misaligned) const;

 private:
  const Bytecode& bytecode_;
  const MemoryLayout& layout_;
  SystemCallHandler* system_;
};

}  // namespace rill::riscv

#include "rill/riscv/emulator_loop.hpp"
