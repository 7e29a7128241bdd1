// Test-only brute-force reference of the Twist relations for registers and RAM
// (jolt-protocol.md §3 stages 2b, 2d, 2e, 4a, 4b, 5c and §7, with 4-byte RAM words and
// K_reg = 64). From a small materialized trace it walks the whole K × T grid cycle by cycle:
//
//   RAM:       ra(k, j) = [row j accesses word k]          (zero row without an access)
//              Val(k, j) = word k just before cycle j      (the initial image at j = 0)
//              RamInc(j) = post − pre on a store, else 0
//   registers: ra1/ra2(k, j) = [rs1/rs2 of row j is k], wa(k, j) = [rd of row j is k]
//              Val(k, j) = register k before cycle j (0 at j = 0), RdInc(j) = rd_post − rd_pre
//
// Val is advanced by the rows' own pre/post values (a load that returns a value never stored
// leaves Val as it was, so the identities below then fail). Every MLE is Σ over the grid of
// eq(r_a, k)·eq(r_c, j)·value (zero cells skipped), so the cost is O(K·T): keep T small (≤ 2^12)
// and K at the guests' K_ram (≤ 2^17). Points are big-endian (docs/protocol.md), r_a with log K
// and r_c with log T coordinates. Each relation returns both sides, so tests can assert the
// identity and, later, compare a sumcheck's claims with either side.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/riscv/memory_layout.hpp"
#include "rill/riscv/trace_row.hpp"
#include "rill/util/int.hpp"

namespace rill::zkvm::testing {

struct Sides {
  Fr lhs, rhs;
  bool holds() const { return lhs == rhs; }
};

class RamTwistReference {
 public:
  // rows: the trace padded to T (a power of two); initial: one word per layout word (the
  // emulator's initial memory); k_ram: the power of two the proof uses (≥ every accessed index).
  RamTwistReference(std::vector<riscv::Row> rows, const riscv::MemoryLayout& layout,
                    std::vector<u32> initial, u64 k_ram);

  u64 k() const { return k_; }
  u64 t() const { return rows_.size(); }

  // Per-cycle and per-cell values.
  std::optional<u32> address(u64 j) const;  // the word index row j accesses
  i64 inc(u64 j) const;                     // RamInc(j)
  // Val(·, j) for every k < K (recomputed from the start: O(K + j)).
  std::vector<i64> val_column(u64 j) const;

  // MLEs.
  Fr ra(std::span<const Fr> r_a, std::span<const Fr> r_c) const;
  Fr val(std::span<const Fr> r_a, std::span<const Fr> r_c) const;
  Fr inc(std::span<const Fr> r_c) const;
  Fr init(std::span<const Fr> r_a) const;           // Val(·, 0)
  Fr val_final(std::span<const Fr> r_a) const;      // Val(·, T): the memory after the last cycle
  Fr read_value(std::span<const Fr> r_c) const;     // RamReadValue: pre of the access, else 0
  Fr write_value(std::span<const Fr> r_c) const;    // RamWriteValue: post of the access, else 0
  Fr address_value(std::span<const Fr> r_c) const;  // RamAddress: the byte address, else 0

  // 2b read-write checking: RamReadValue(r_c) + γ·RamWriteValue(r_c)
  //   = Σ_{k,j} eq(r_c, j)·ra(k, j)·[Val(k, j) + γ·(Val(k, j) + RamInc(j))].
  Sides read_write(std::span<const Fr> r_c, const Fr& gamma) const;
  // 2d RAF: RamAddress(r_c) = Σ_{k,j} eq(r_c, j)·ra(k, j)·(lowest + 4k).
  Sides raf(std::span<const Fr> r_c) const;
  // 2e output check: Σ_k eq(r_out, k)·io_mask(k)·(ValFinal(k) − ValIO(k)), io_mask the I/O block
  // [0, io_words), ValIO the statement's words (riscv::io_words); 0 for an honest trace.
  Fr output_check(std::span<const Fr> r_out, std::span<const riscv::MemoryWord> statement_io) const;
  // 4b value check: (Val(r_a, r_c) − Init(r_a)) + γ·(ValFinal(r_a) − Init(r_a))
  //   = Σ_j RamInc(j)·ra(r_a, j)·(LT(j, r_c) + γ).
  Sides value_check(std::span<const Fr> r_a, std::span<const Fr> r_c, const Fr& gamma) const;

 private:
  // Calls f(j, column) for j = 0 … T, column = Val(·, j) (j = T: the final memory).
  template <class F>
  void walk(F&& f) const;

  std::vector<riscv::Row> rows_;
  const riscv::MemoryLayout& layout_;
  std::vector<i64> initial_;  // K words
  u64 k_;
};

class RegisterTwistReference {
 public:
  static constexpr u64 kRegisters = 64;
  explicit RegisterTwistReference(std::vector<riscv::Row> rows);  // padded to T

  u64 t() const { return rows_.size(); }
  i64 rd_inc(u64 j) const;

  Fr ra1(std::span<const Fr> r_a, std::span<const Fr> r_c) const;
  Fr ra2(std::span<const Fr> r_a, std::span<const Fr> r_c) const;
  Fr wa(std::span<const Fr> r_a, std::span<const Fr> r_c) const;
  Fr val(std::span<const Fr> r_a, std::span<const Fr> r_c) const;
  Fr rd_inc(std::span<const Fr> r_c) const;

  // 4a read-write checking: RdWriteValue(r_c) + γ·Rs1Value(r_c) + γ²·Rs2Value(r_c)
  //   = Σ_{k,j} eq(r_c, j)·[wa·(Val + RdInc) + γ·ra1·Val + γ²·ra2·Val](k, j).
  Sides read_write(std::span<const Fr> r_c, const Fr& gamma) const;
  // 5c value evaluation: Val(r_a, r_c) = Σ_j RdInc(j)·wa(r_a, j)·LT(j, r_c) (registers start at 0).
  Sides value_evaluation(std::span<const Fr> r_a, std::span<const Fr> r_c) const;

 private:
  template <class F>
  void walk(F&& f) const;  // f(j, registers before cycle j), j = 0 … T − 1

  std::vector<riscv::Row> rows_;
};

}  // namespace rill::zkvm::testing
