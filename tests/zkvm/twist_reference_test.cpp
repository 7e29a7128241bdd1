// The brute-force Twist reference (twist_reference.hpp): the read-write, RAF, output, value and
// register identities hold on honest traces of the canonical guests and random programs, and
// fail when a load returns a value that was never stored, a register read is corrupted or the
// statement's output differs from memory. Grid values are also checked against the rows
// themselves at Boolean points (a load's Val is its pre value).
#include <gtest/gtest.h>

#include <random>

#include "rill/riscv/memory_layout.hpp"
#include "rill/zkvm/witness/ram_mles.hpp"
#include "test_support.hpp"
#include "twist_reference.hpp"

namespace rill::zkvm::testing {
namespace {

std::vector<Fr> random_point(std::mt19937_64& rng, u64 size) {
  std::vector<Fr> r;
  for (u64 s = size; s > 1; s /= 2) r.push_back(Fr::random(rng));
  return r;
}

// The Boolean point of index x over log(size) coordinates, big-endian.
std::vector<Fr> bits(u64 x, u64 size) {
  std::vector<Fr> r;
  for (u64 s = size / 2; s >= 1; s /= 2) r.push_back((x & s) ? Fr::one() : Fr::zero());
  return r;
}

std::vector<riscv::Row> padded_rows(const GuestRun& run) {
  std::vector<riscv::Row> rows;
  for (u64 j = 0; j < run.source.padded_len(); ++j) rows.push_back(run.source.row(j));
  return rows;
}

RamTwistReference ram_reference(const GuestRun& run, std::vector<riscv::Row> rows) {
  return RamTwistReference(
      std::move(rows), run.machine->layout(),
      riscv::initial_memory(run.machine->program(), run.machine->layout(), run.input),
      run.summary.k_ram);
}

std::vector<riscv::MemoryWord> statement_io(const GuestRun& run, std::span<const u8> output) {
  return riscv::io_words(run.machine->layout(), run.input, output, run.summary.panicked,
                         !run.summary.panicked);
}

struct Case {
  const char* name;
  GuestRun (*make)();
};

class TwistReference : public ::testing::TestWithParam<Case> {};

TEST_P(TwistReference, IdentitiesHoldOnAnHonestTrace) {
  const GuestRun run = GetParam().make();
  const RamTwistReference ram = ram_reference(run, padded_rows(run));
  const RegisterTwistReference regs(padded_rows(run));
  std::mt19937_64 rng(42);
  const Fr gamma = Fr::random(rng);
  for (int trial = 0; trial < 1; ++trial) {
    const auto r_c = random_point(rng, ram.t()), r_a = random_point(rng, ram.k());
    const auto r_reg = random_point(rng, RegisterTwistReference::kRegisters);
    EXPECT_TRUE(ram.read_write(r_c, gamma).holds());
    EXPECT_TRUE(ram.raf(r_c).holds());
    // The random programs end with the self-jump but never set the termination word: the
    // statement (termination = 1 iff not panicked) then fails the output check, as it must.
    if (run.summary.terminated || run.summary.panicked) {
      EXPECT_EQ(ram.output_check(r_a, statement_io(run, run.summary.output)), Fr::zero());
    } else {
      EXPECT_NE(ram.output_check(r_a, statement_io(run, run.summary.output)), Fr::zero());
    }
    EXPECT_TRUE(ram.value_check(r_a, r_c, gamma).holds());
    EXPECT_TRUE(regs.read_write(r_c, gamma).holds());
    EXPECT_TRUE(regs.value_evaluation(r_reg, r_c).holds());
    // Init from the grid equals the verifier's sparse evaluation.
    EXPECT_EQ(ram.init(r_a),
              initial_ram_mle(run.machine->program(), run.machine->layout(), run.input, r_a));
  }
  // At Boolean points the MLEs are the grid: a load's Val is what it read, the final column is
  // the emulator's final memory, ra is the indicator of the accessed word.
  u64 loads = 0;
  for (u64 j = 0; j < ram.t() && loads < 3; ++j) {
    const riscv::Row row = run.source.row(j);
    if (row.ram_op != riscv::RamOp::Read) continue;
    ++loads;
    const u32 k = *ram.address(j);
    EXPECT_EQ(ram.val(bits(k, ram.k()), bits(j, ram.t())), Fr::from_u64(row.ram_pre));
    EXPECT_EQ(ram.ra(bits(k, ram.k()), bits(j, ram.t())), Fr::one());
    EXPECT_EQ(ram.ra(bits(k ^ 1, ram.k()), bits(j, ram.t())), Fr::zero());
  }
  const std::vector<i64> final_column = ram.val_column(ram.t());
  for (u64 k = 0; k < ram.k() && k < run.summary.final_memory.size(); ++k) {
    ASSERT_EQ(final_column[k], i64{run.summary.final_memory[k]}) << "word " << k;
  }
}

// A load that returns a value never stored breaks RAM read-write checking (not RAF); a corrupted
// rs1 value breaks the registers' read-write checking; an output the guest did not write breaks
// the output check.
TEST_P(TwistReference, IdentitiesFailOnCorruption) {
  const GuestRun run = GetParam().make();
  std::mt19937_64 rng(7);
  const Fr gamma = Fr::random(rng);
  const auto r_c = random_point(rng, run.source.padded_len());
  const auto r_a = random_point(rng, run.summary.k_ram);

  std::vector<riscv::Row> rows = padded_rows(run);
  std::size_t load = rows.size(), reader = rows.size();
  for (std::size_t j = 0; j < rows.size(); ++j) {
    if (load == rows.size() && rows[j].ram_op == riscv::RamOp::Read) load = j;
    if (reader == rows.size() && rows[j].rs1 != riscv::kNoRegister && rows[j].rs1 != 0) reader = j;
  }
  ASSERT_LT(load, rows.size()) << "the case must load";
  ASSERT_LT(reader, rows.size());

  std::vector<riscv::Row> bad_load = rows;
  bad_load[load].ram_pre += 1;
  bad_load[load].ram_post = bad_load[load].ram_pre;
  const RamTwistReference ram = ram_reference(run, bad_load);
  EXPECT_FALSE(ram.read_write(r_c, gamma).holds());
  EXPECT_TRUE(ram.raf(r_c).holds());

  std::vector<riscv::Row> bad_reg = rows;
  bad_reg[reader].rs1_value ^= 0x10;
  EXPECT_FALSE(RegisterTwistReference(bad_reg).read_write(r_c, gamma).holds());

  const RamTwistReference honest = ram_reference(run, rows);
  std::vector<u8> wrong = run.summary.output;
  wrong.empty() ? wrong.push_back(7) : void(wrong[0] ^= 0x80);
  EXPECT_NE(honest.output_check(r_a, statement_io(run, wrong)), Fr::zero());
}

INSTANTIATE_TEST_SUITE_P(
    Guests, TwistReference,
    ::testing::Values(Case{"fibonacci", [] { return run_guest("fibonacci", 20); }},
                      Case{"muldiv", [] { return run_guest("muldiv", 1); }},
                      Case{"sha2_chain", [] { return run_guest("sha2_chain", 0); }},
                      Case{"memory_ops", [] { return run_guest("memory_ops", 12); }},
                      Case{"random_a", [] { return run_random_program(1, 300); }},
                      Case{"random_b", [] { return run_random_program(2, 300); }}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace rill::zkvm::testing
