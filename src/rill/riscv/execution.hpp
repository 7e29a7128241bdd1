// A loaded program ready to run (Machine) and its first, serial execution (Execution), which
// yields the summary the prover needs before any pass over the trace.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "rill/riscv/bytecode.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/emulator.hpp"
#include "rill/riscv/memory_layout.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill::riscv {

// The program, its memory layout and its expanded bytecode: the preprocessing every run shares.
class Machine {
 public:
  Machine(Program program, const MemoryConfig& config);
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  const Program& program() const { return program_; }
  const MemoryLayout& layout() const { return layout_; }
  const Bytecode& bytecode() const { return bytecode_; }
  // All registers 0, about to run the entry instruction's first row.
  MachineState initial_state() const;

 private:
  Program program_;
  MemoryLayout layout_;
  Bytecode bytecode_;
};

// T = max(256, nextpow2(rows + 1)): at least one trailing NoOp (jolt-protocol.md §1.2).
u64 padded_trace_length(u64 rows);

struct ExecutionSummary {
  u64 rows = 0;          // unpadded trace rows (expanded instructions executed)
  u64 instructions = 0;  // RISC-V instructions retired
  u64 padded_len = 0;    // T
  // K_ram = nextpow2(h + 1), h the highest RAM word index that the run touched or that the
  // initial image sets (inputs, program image); the I/O block lies below every program word.
  u64 k_ram = 0;
  std::vector<u32> final_memory;  // one entry per layout word
  std::vector<u8> output;         // the output bytes the guest wrote
  bool panicked = false;          // panic word set (rill_panic)
  bool terminated = false;        // termination word set (rill_exit)
};

// The first execution of a program: runs in steps (so a caller can record checkpoints between
// them) and throws ExecutionError (CycleLimit) past max_rows (0 = no limit).
class Execution {
 public:
  Execution(const Machine& machine, std::span<const u8> input, u64 max_rows = 0,
            SystemCallHandler* system = nullptr);

  // Runs at most `rows` more rows; returns true once the program has stopped.
  template <class Observer>
  bool step(u64 rows, Observer& obs);
  bool done() const { return done_; }

  const MachineState& state() const { return state_; }
  std::span<const u32> memory() const { return memory_; }
  // The highest RAM word index touched so far or set by the initial image: every word above it
  // still holds 0.
  u32 highest_word() const { return highest_word_; }
  // The summary; only after done().
  ExecutionSummary summary() const;

 private:
  template <class Inner>
  struct Tracking;  // forwards to an observer and records the highest RAM word touched

  [[noreturn]] void throw_cycle_limit() const;

  const Machine& machine_;
  Emulator emulator_;
  MachineState state_;
  std::vector<u32> memory_;
  u64 max_rows_;
  u32 highest_word_ = 0;
  bool done_ = false;
};

// Observers for Emulator::run (see emulator.hpp).
struct NullObserver {
  static constexpr bool kRecordsRows = false, kTracksRam = false, kTracksInstructions = false;
  void row(const Row&) {}
  void ram(u32, u32) {}
  void instruction(u32) {}
};

struct RowCollector {
  static constexpr bool kRecordsRows = true, kTracksRam = false, kTracksInstructions = false;
  tracked_vector<Row>* rows;
  void row(const Row& r) { rows->push_back(r); }
  void ram(u32, u32) {}
  void instruction(u32) {}
};

template <class Inner>
struct Execution::Tracking {
  static constexpr bool kRecordsRows = Inner::kRecordsRows;
  static constexpr bool kTracksRam = true;
  static constexpr bool kTracksInstructions = Inner::kTracksInstructions;
  Inner& inner;
  u32& highest;
  void row(const Row& r) { inner.row(r); }
  void ram(u32 index, u32 before) {
    highest = std::max(highest, index);
    if constexpr (Inner::kTracksRam) inner.ram(index, before);
  }
  void instruction(u32 address) { inner.instruction(address); }
};

template <class Observer>
bool Execution::step(u64 rows, Observer& obs) {
  if (done_) return true;
  if (max_rows_ != 0) {
    if (state_.rows_executed >= max_rows_) throw_cycle_limit();
    rows = std::min(rows, max_rows_ - state_.rows_executed);
  }
  Tracking<Observer> tracking{obs, highest_word_};
  const StopReason reason = emulator_.run(state_, memory_, rows, tracking);
  done_ = reason != StopReason::RowBudget;
  return done_;
}

// Runs a program to completion without recording rows.
ExecutionSummary execute(const Machine& machine, std::span<const u8> input, u64 max_rows = 0);

// Runs a program to completion and returns its unpadded rows (tracked: they grow with T).
tracked_vector<Row> execute_rows(const Machine& machine, std::span<const u8> input,
                                 ExecutionSummary* summary = nullptr, u64 max_rows = 0);

}  // namespace rill::riscv
