// Init(r), ValIO(r) and io_mask(r) on the real guests' images and statements against dense sums
// over every word of K = K_ram built from the machine itself: Init from the emulator's initial
// memory array (riscv::initial_memory), ValIO and io_mask from the run's final memory restricted
// to the I/O block [0, io_words) (so from what the guest actually wrote, not from io_words()).
#include <gtest/gtest.h>

#include <random>

#include "../riscv/test_support.hpp"
#include "rill/poly/eq.hpp"
#include "rill/riscv/ram_bounds.hpp"
#include "rill/zkvm/witness/ram_mles.hpp"
#include "test_support.hpp"

namespace rill::zkvm::testing {
namespace {

std::vector<u8> le32(u32 v) {
  return {static_cast<u8>(v), static_cast<u8>(v >> 8), static_cast<u8>(v >> 16),
          static_cast<u8>(v >> 24)};
}

struct Case {
  const char* guest;
  std::vector<u8> input;
};

class RamMles : public ::testing::TestWithParam<Case> {};

TEST_P(RamMles, MatchDenseEvaluationOverKRam) {
  const Case& c = GetParam();
  const riscv::Machine machine(
      riscv::load_elf(riscv::testing::guest_path(std::string(c.guest) + ".elf")),
      riscv::MemoryConfig{});
  const riscv::ExecutionSummary run = riscv::execute(machine, c.input);
  const riscv::MemoryLayout& layout = machine.layout();
  const u64 k = run.k_ram;
  ASSERT_TRUE(
      riscv::k_ram_bounds(machine.program(), layout, c.input, run.output, run.panicked).allows(k));
  ASSERT_LE(k, u64{1} << 17) << "dense sums over K must stay small";
  const unsigned n = static_cast<unsigned>(std::countr_zero(k));

  const std::vector<u32> initial = riscv::initial_memory(machine.program(), layout, c.input);
  std::mt19937_64 rng(n);
  for (int trial = 0; trial < 2; ++trial) {
    std::vector<Fr> r;
    for (unsigned i = 0; i < n; ++i) r.push_back(Fr::random(rng));
    const tracked_vector<Fr> eq = eq_table(r);
    Fr init = Fr::zero(), io = Fr::zero(), mask = Fr::zero();
    for (u64 w = 0; w < k; ++w) {
      if (w < initial.size()) init += eq[w] * Fr::from_u64(initial[w]);
      if (w < layout.io_words()) {
        io += eq[w] * Fr::from_u64(run.final_memory[w]);
        mask += eq[w];
      }
    }
    EXPECT_EQ(initial_ram_mle(machine.program(), layout, c.input, r), init);
    EXPECT_EQ(io_mle(layout, c.input, run.output, run.panicked, r), io);
    EXPECT_EQ(io_mask_mle(layout, r), mask);
    // A statement that differs from what the guest wrote evaluates differently.
    std::vector<u8> wrong = run.output;
    if (wrong.empty()) {
      wrong.push_back(1);
    } else {
      wrong[0] ^= 1;
    }
    EXPECT_NE(io_mle(layout, c.input, wrong, run.panicked, r), io);
    EXPECT_NE(io_mle(layout, c.input, run.output, !run.panicked, r), io);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Guests, RamMles,
    ::testing::Values(Case{"fibonacci", le32(30)}, Case{"muldiv", le32(5)},
                      Case{"sha2_chain", le32(1)}, Case{"memory_ops", le32(2000)},
                      Case{"echo", {1, 2, 3, 4, 5, 6, 7}}, Case{"echo", {0xff, 9}}),
    [](const auto& info) { return std::string(info.param.guest) + std::to_string(info.index); });

}  // namespace
}  // namespace rill::zkvm::testing
