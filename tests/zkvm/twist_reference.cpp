#include "twist_reference.hpp"

#include "rill/poly/eq.hpp"
#include "rill/riscv/bytecode.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"

namespace rill::zkvm::testing {

namespace {

Fr fr(i64 v) { return Fr::from_i64(v); }

void check_point(std::span<const Fr> r, u64 size, const char* what) {
  RILL_CHECK_EQ(u64{1} << r.size(), size, what);
}

// Σ_j eq(r_c, j)·value(j).
template <class PerCycle>
Fr cycle_mle(std::span<const Fr> r_c, u64 t, PerCycle&& value) {
  check_point(r_c, t, "r_c has log T coordinates");
  const tracked_vector<Fr> eq = eq_table(r_c);
  Fr sum = Fr::zero();
  for (u64 j = 0; j < t; ++j) sum += eq[j] * value(j);
  return sum;
}

}  // namespace

// ---------------------------------------------------------------- RAM

RamTwistReference::RamTwistReference(std::vector<riscv::Row> rows,
                                     const riscv::MemoryLayout& layout, std::vector<u32> initial,
                                     u64 k_ram)
    : rows_(std::move(rows)), layout_(layout), initial_(k_ram, 0), k_(k_ram) {
  RILL_CHECK(is_pow2(rows_.size()) && is_pow2(k_), "T and K_ram are powers of two");
  for (std::size_t k = 0; k < initial.size(); ++k) {
    if (initial[k] == 0) continue;
    RILL_CHECK(k < k_, "a nonzero initial word lies beyond K_ram");
    initial_[k] = initial[k];
  }
  for (u64 j = 0; j < t(); ++j) {
    if (const auto a = address(j)) RILL_CHECK(*a < k_, "an access beyond K_ram");
  }
}

std::optional<u32> RamTwistReference::address(u64 j) const {
  const riscv::Row& row = rows_[j];
  if (row.ram_op == riscv::RamOp::None) return std::nullopt;
  return layout_.word_index(row.ram_address);
}

i64 RamTwistReference::inc(u64 j) const {
  const riscv::Row& row = rows_[j];
  return row.ram_op == riscv::RamOp::Write ? i64{row.ram_post} - i64{row.ram_pre} : 0;
}

template <class F>
void RamTwistReference::walk(F&& f) const {
  std::vector<i64> column = initial_;
  for (u64 j = 0; j < t(); ++j) {
    f(j, static_cast<const std::vector<i64>&>(column));
    // Val(k, j + 1) = Val(k, j) + RamInc(j)·ra(k, j).
    if (const auto a = address(j)) column[*a] += inc(j);
  }
  f(t(), static_cast<const std::vector<i64>&>(column));
}

std::vector<i64> RamTwistReference::val_column(u64 j) const {
  std::vector<i64> out;
  walk([&](u64 jj, const std::vector<i64>& column) {
    if (jj == j) out = column;
  });
  return out;
}

Fr RamTwistReference::ra(std::span<const Fr> r_a, std::span<const Fr> r_c) const {
  check_point(r_a, k_, "r_a has log K coordinates");
  const tracked_vector<Fr> eq_a = eq_table(r_a);
  return cycle_mle(r_c, t(), [&](u64 j) {
    const auto a = address(j);
    return a ? eq_a[*a] : Fr::zero();
  });
}

Fr RamTwistReference::val(std::span<const Fr> r_a, std::span<const Fr> r_c) const {
  check_point(r_a, k_, "r_a has log K coordinates");
  check_point(r_c, t(), "r_c has log T coordinates");
  const tracked_vector<Fr> eq_a = eq_table(r_a), eq_c = eq_table(r_c);
  Fr sum = Fr::zero();
  walk([&](u64 j, const std::vector<i64>& column) {
    if (j == t()) return;
    Fr cell_sum = Fr::zero();
    for (u64 k = 0; k < k_; ++k) {
      if (column[k] != 0) cell_sum += eq_a[k] * fr(column[k]);
    }
    sum += eq_c[j] * cell_sum;
  });
  return sum;
}

Fr RamTwistReference::inc(std::span<const Fr> r_c) const {
  return cycle_mle(r_c, t(), [&](u64 j) { return fr(inc(j)); });
}

Fr RamTwistReference::init(std::span<const Fr> r_a) const {
  check_point(r_a, k_, "r_a has log K coordinates");
  const tracked_vector<Fr> eq_a = eq_table(r_a);
  Fr sum = Fr::zero();
  for (u64 k = 0; k < k_; ++k) sum += eq_a[k] * fr(initial_[k]);
  return sum;
}

Fr RamTwistReference::val_final(std::span<const Fr> r_a) const {
  check_point(r_a, k_, "r_a has log K coordinates");
  const tracked_vector<Fr> eq_a = eq_table(r_a);
  Fr sum = Fr::zero();
  walk([&](u64 j, const std::vector<i64>& column) {
    if (j != t()) return;
    for (u64 k = 0; k < k_; ++k) sum += eq_a[k] * fr(column[k]);
  });
  return sum;
}

Fr RamTwistReference::read_value(std::span<const Fr> r_c) const {
  return cycle_mle(r_c, t(), [&](u64 j) {
    return rows_[j].ram_op == riscv::RamOp::None ? Fr::zero() : fr(rows_[j].ram_pre);
  });
}

Fr RamTwistReference::write_value(std::span<const Fr> r_c) const {
  return cycle_mle(r_c, t(), [&](u64 j) {
    return rows_[j].ram_op == riscv::RamOp::None ? Fr::zero() : fr(rows_[j].ram_post);
  });
}

Fr RamTwistReference::address_value(std::span<const Fr> r_c) const {
  return cycle_mle(r_c, t(), [&](u64 j) {
    return rows_[j].ram_op == riscv::RamOp::None ? Fr::zero() : fr(rows_[j].ram_address);
  });
}

Sides RamTwistReference::read_write(std::span<const Fr> r_c, const Fr& gamma) const {
  check_point(r_c, t(), "r_c has log T coordinates");
  const tracked_vector<Fr> eq_c = eq_table(r_c);
  Fr rhs = Fr::zero();
  walk([&](u64 j, const std::vector<i64>& column) {
    if (j == t()) return;
    // Σ_k ra(k, j)·…: ra(·, j) is one-hot at the accessed word, or zero.
    if (const auto a = address(j)) {
      const Fr v = fr(column[*a]);
      rhs += eq_c[j] * (v + gamma * (v + fr(inc(j))));
    }
  });
  return {read_value(r_c) + gamma * write_value(r_c), rhs};
}

Sides RamTwistReference::raf(std::span<const Fr> r_c) const {
  const Fr rhs = cycle_mle(r_c, t(), [&](u64 j) {
    const auto a = address(j);
    return a ? fr(i64{layout_.lowest()} + 4 * i64{*a}) : Fr::zero();
  });
  return {address_value(r_c), rhs};
}

Fr RamTwistReference::output_check(std::span<const Fr> r_out,
                                   std::span<const riscv::MemoryWord> statement_io) const {
  check_point(r_out, k_, "r_out has log K coordinates");
  const tracked_vector<Fr> eq = eq_table(r_out);
  std::vector<i64> io(k_, 0);
  for (const riscv::MemoryWord& w : statement_io) io.at(w.index) = w.value;
  Fr sum = Fr::zero();
  walk([&](u64 j, const std::vector<i64>& column) {
    if (j != t()) return;
    for (u64 k = 0; k < std::min<u64>(k_, layout_.io_words()); ++k) {
      sum += eq[k] * fr(column[k] - io[k]);  // io_mask(k) = [k < io_words]
    }
  });
  return sum;
}

Sides RamTwistReference::value_check(std::span<const Fr> r_a, std::span<const Fr> r_c,
                                     const Fr& gamma) const {
  const Fr initial = init(r_a);
  const Fr lhs = (val(r_a, r_c) - initial) + gamma * (val_final(r_a) - initial);
  const tracked_vector<Fr> eq_a = eq_table(r_a), lt = lt_table(r_c);  // lt[j] = LT(j, r_c)
  Fr rhs = Fr::zero();
  for (u64 j = 0; j < t(); ++j) {
    if (const auto a = address(j)) rhs += fr(inc(j)) * eq_a[*a] * (lt[j] + gamma);
  }
  return {lhs, rhs};
}

// ---------------------------------------------------------------- registers

RegisterTwistReference::RegisterTwistReference(std::vector<riscv::Row> rows)
    : rows_(std::move(rows)) {
  RILL_CHECK(is_pow2(rows_.size()), "T is a power of two");
}

i64 RegisterTwistReference::rd_inc(u64 j) const {
  const riscv::Row& row = rows_[j];
  return row.rd == riscv::kNoRegister ? 0 : i64{row.rd_post} - i64{row.rd_pre};
}

template <class F>
void RegisterTwistReference::walk(F&& f) const {
  std::vector<i64> regs(kRegisters, 0);
  for (u64 j = 0; j < t(); ++j) {
    f(j, static_cast<const std::vector<i64>&>(regs));
    if (rows_[j].rd != riscv::kNoRegister) regs.at(rows_[j].rd) += rd_inc(j);
  }
}

namespace {

Fr one_hot_mle(std::span<const riscv::Row> rows, std::span<const Fr> r_a, std::span<const Fr> r_c,
               u8 riscv::Row::*field) {
  check_point(r_a, RegisterTwistReference::kRegisters, "r_a has log K_reg = 6 coordinates");
  const tracked_vector<Fr> eq_a = eq_table(r_a);
  return cycle_mle(r_c, rows.size(), [&](u64 j) {
    const u8 k = rows[j].*field;
    return k == riscv::kNoRegister ? Fr::zero() : eq_a[k];
  });
}

}  // namespace

Fr RegisterTwistReference::ra1(std::span<const Fr> r_a, std::span<const Fr> r_c) const {
  return one_hot_mle(rows_, r_a, r_c, &riscv::Row::rs1);
}
Fr RegisterTwistReference::ra2(std::span<const Fr> r_a, std::span<const Fr> r_c) const {
  return one_hot_mle(rows_, r_a, r_c, &riscv::Row::rs2);
}
Fr RegisterTwistReference::wa(std::span<const Fr> r_a, std::span<const Fr> r_c) const {
  return one_hot_mle(rows_, r_a, r_c, &riscv::Row::rd);
}

Fr RegisterTwistReference::val(std::span<const Fr> r_a, std::span<const Fr> r_c) const {
  check_point(r_a, kRegisters, "r_a has log K_reg = 6 coordinates");
  check_point(r_c, t(), "r_c has log T coordinates");
  const tracked_vector<Fr> eq_a = eq_table(r_a), eq_c = eq_table(r_c);
  Fr sum = Fr::zero();
  walk([&](u64 j, const std::vector<i64>& regs) {
    Fr cell_sum = Fr::zero();
    for (u64 k = 0; k < kRegisters; ++k) cell_sum += eq_a[k] * fr(regs[k]);
    sum += eq_c[j] * cell_sum;
  });
  return sum;
}

Fr RegisterTwistReference::rd_inc(std::span<const Fr> r_c) const {
  return cycle_mle(r_c, t(), [&](u64 j) { return fr(rd_inc(j)); });
}

Sides RegisterTwistReference::read_write(std::span<const Fr> r_c, const Fr& gamma) const {
  check_point(r_c, t(), "r_c has log T coordinates");
  const tracked_vector<Fr> eq_c = eq_table(r_c);
  const Fr gamma2 = gamma * gamma;
  Fr rhs = Fr::zero();
  walk([&](u64 j, const std::vector<i64>& regs) {
    const riscv::Row& row = rows_[j];
    Fr cell = Fr::zero();  // Σ_k of the one-hot terms
    if (row.rd != riscv::kNoRegister) cell += fr(regs[row.rd] + rd_inc(j));
    if (row.rs1 != riscv::kNoRegister) cell += gamma * fr(regs[row.rs1]);
    if (row.rs2 != riscv::kNoRegister) cell += gamma2 * fr(regs[row.rs2]);
    rhs += eq_c[j] * cell;
  });
  const Fr lhs = cycle_mle(r_c, t(), [&](u64 j) {
    const riscv::Row& row = rows_[j];
    return fr(row.rd == riscv::kNoRegister ? 0 : row.rd_post) + gamma * fr(row.rs1_value) +
           gamma2 * fr(row.rs2_value);
  });
  return {lhs, rhs};
}

Sides RegisterTwistReference::value_evaluation(std::span<const Fr> r_a,
                                               std::span<const Fr> r_c) const {
  check_point(r_a, kRegisters, "r_a has log K_reg = 6 coordinates");
  const tracked_vector<Fr> eq_a = eq_table(r_a), lt = lt_table(r_c);
  Fr rhs = Fr::zero();
  for (u64 j = 0; j < t(); ++j) {
    if (rows_[j].rd != riscv::kNoRegister) rhs += fr(rd_inc(j)) * eq_a[rows_[j].rd] * lt[j];
  }
  return {val(r_a, r_c), rhs};
}

}  // namespace rill::zkvm::testing
