#include "rill/riscv/execution.hpp"

#include <fmt/format.h>

#include <limits>

#include "rill/util/bits.hpp"

namespace rill::riscv {

Machine::Machine(Program program, const MemoryConfig& config)
    : program_(std::move(program)), layout_(config, program_), bytecode_(program_) {
  if (bytecode_.entry_row() == kNoRow) {
    throw ExecutionError(ExecutionErrorKind::IllegalInstruction, program_.entry,
                         fmt::format("entry point {:#010x} is not an RV32IM instruction "
                                     "(word {:#010x})",
                                     program_.entry, bytecode_.word_at(program_.entry)));
  }
}

MachineState Machine::initial_state() const {
  MachineState s;
  s.row = bytecode_.entry_row();
  return s;
}

u64 padded_trace_length(u64 rows) { return std::max<u64>(256, next_pow2(rows + 1)); }

Execution::Execution(const Machine& machine, std::span<const u8> input, u64 max_rows,
                     SystemCallHandler* system)
    : machine_(machine),
      emulator_(machine.bytecode(), machine.layout(), system),
      state_(machine.initial_state()),
      memory_(initial_memory(machine.program(), machine.layout(), input)),
      max_rows_(max_rows) {
  // The initial image counts as touched for K_ram: the verifier evaluates it over K_ram words.
  for (std::size_t i = memory_.size(); i-- > 0;) {
    if (memory_[i] != 0) {
      highest_word_ = static_cast<u32>(i);
      break;
    }
  }
}

void Execution::throw_cycle_limit() const {
  const u32 pc = machine_.bytecode().row(state_.row).address;
  throw ExecutionError(
      ExecutionErrorKind::CycleLimit, pc,
      fmt::format("cycle limit: {} rows executed without terminating (pc {:#010x}, instruction "
                  "{:#010x}); raise --max-cycles",
                  state_.rows_executed, pc, machine_.bytecode().word_at(pc)));
}

ExecutionSummary Execution::summary() const {
  RILL_CHECK(done_, "summary of an unfinished execution");
  const MemoryLayout& layout = machine_.layout();
  ExecutionSummary s;
  s.rows = state_.rows_executed;
  s.instructions = state_.instructions;
  s.padded_len = padded_trace_length(s.rows);
  s.k_ram = next_pow2(u64{highest_word_} + 1);
  s.final_memory = memory_;
  const u32 length = memory_[layout.word_index(layout.output_length_address())];
  if (length > layout.config().max_output) {
    throw InputError(fmt::format("guest wrote output length {} beyond the output region ({} bytes)",
                                 length, layout.config().max_output));
  }
  const u32 first = layout.word_index(layout.output_address());
  for (u32 i = 0; i < length; ++i) {
    s.output.push_back(static_cast<u8>(memory_[first + i / 4] >> (8 * (i % 4))));
  }
  s.panicked = memory_[layout.word_index(layout.panic_address())] != 0;
  s.terminated = memory_[layout.word_index(layout.termination_address())] != 0;
  return s;
}

ExecutionSummary execute(const Machine& machine, std::span<const u8> input, u64 max_rows) {
  Execution run(machine, input, max_rows);
  NullObserver none;
  while (!run.step(std::numeric_limits<u64>::max() / 2, none)) {
  }
  return run.summary();
}

tracked_vector<Row> execute_rows(const Machine& machine, std::span<const u8> input,
                                 ExecutionSummary* summary, u64 max_rows) {
  Execution run(machine, input, max_rows);
  tracked_vector<Row> rows;
  RowCollector collect{&rows};
  while (!run.step(std::numeric_limits<u64>::max() / 2, collect)) {
  }
  if (summary != nullptr) *summary = run.summary();
  return rows;
}

}  // namespace rill::riscv
