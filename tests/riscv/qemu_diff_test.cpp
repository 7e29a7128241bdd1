// Differential tests against qemu-riscv32 as a strict RV32IM CPU (toolchain.md §2): the whole pc
// sequence, the retired-instruction count, the final registers and the output must match for the
// canonical guests (their -DRILL_QEMU builds) and for random-instruction programs. The emulator
// runs the expanded bytecode, so this also checks every virtual sequence against qemu.
#include <gtest/gtest.h>

#include <random>

#include "test_support.hpp"

namespace rill::riscv::testing {
namespace {

std::vector<u8> le32(u32 v) {
  return {static_cast<u8>(v), static_cast<u8>(v >> 8), static_cast<u8>(v >> 16),
          static_cast<u8>(v >> 24)};
}

void expect_same(const LinuxRun& qemu, const LinuxRun& ours) {
  ASSERT_FALSE(qemu.pcs.empty()) << "qemu produced no trace";
  EXPECT_EQ(qemu.pcs.size(), ours.pcs.size()) << "retired instruction counts differ";
  const std::size_t n = std::min(qemu.pcs.size(), ours.pcs.size());
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(qemu.pcs[i], ours.pcs[i]) << "pc sequences diverge at instruction " << i;
  }
  EXPECT_EQ(qemu.output, ours.output);
  EXPECT_EQ(qemu.exit_code, ours.exit_code);
  if (!qemu.final_registers.empty()) {
    ASSERT_EQ(ours.final_registers.size(), 32u);
    for (int r = 1; r < 32; ++r) {
      EXPECT_EQ(qemu.final_registers[r], ours.final_registers[r]) << "x" << r;
    }
  }
}

struct GuestCase {
  const char* name;
  u32 size;
};

class GuestDiff : public ::testing::TestWithParam<GuestCase> {};

TEST_P(GuestDiff, MatchesQemu) {
  const std::string elf = guest_path(std::string(GetParam().name) + ".qemu.elf");
  const auto input = le32(GetParam().size);
  const LinuxRun qemu = run_qemu(elf, input, /*with_registers=*/true);
  const LinuxRun ours = run_emulator_linux(elf, input);
  expect_same(qemu, ours);
}

INSTANTIATE_TEST_SUITE_P(Guests, GuestDiff,
                         ::testing::Values(GuestCase{"fibonacci", 50}, GuestCase{"muldiv", 40},
                                           GuestCase{"sha2_chain", 1},
                                           GuestCase{"memory_ops", 100}),
                         [](const auto& info) { return std::string(info.param.name); });

// A straight-line-with-forward-jumps program of random RV32IM instructions over registers seeded
// with edge values, loads and stores on a random data block, ending with exit(0).
std::vector<u32> random_program(std::mt19937& rng, int length) {
  std::vector<u32> t;
  auto pick = [&](u32 n) { return static_cast<u32>(rng() % n); };
  const u32 edges[] = {0,           1,           2,  0xFFFFFFFFu, 0x80000000u,
                       0x7FFFFFFFu, 0xFFFFFFFEu, 31, 32,          0x12345678u};
  for (u32 r = 1; r < 31; ++r) {
    const u32 value = pick(3) == 0 ? static_cast<u32>(rng()) : edges[pick(10)];
    // LUI + ADDI with the ADDI's sign extension compensated in the upper part.
    const u32 upper = (value + 0x800u) >> 12;
    t.push_back(enc_u(upper, 0x37, r));
    t.push_back(enc_i(static_cast<i32>(value << 20) >> 20, 0, 0x13, r, r));
  }
  t.push_back(enc_u((kDataBase + 0x1000) >> 12, 0x37, 31));  // x31: middle of the data block
  t.push_back(enc_i(-2048, 0, 0x13, 31, 31));
  // A branch or jump may land up to 3 instructions ahead; an AUIPC + JALR pair must not be
  // entered in the middle (JALR would jump back through a stale register).
  std::size_t reachable_by_jump_until = 0;
  for (int i = 0; i < length; ++i) {
    const u32 rd = pick(31), rs1 = pick(32), rs2 = pick(32);  // rd never x31 (the base)
    switch (pick(10)) {
      case 0:
      case 1:
      case 2: {  // OP: base and M extension
        static const u32 f7f3[][2] = {{0, 0}, {0x20, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4},
                                      {0, 5}, {0x20, 5}, {0, 6}, {0, 7}, {1, 0}, {1, 1},
                                      {1, 2}, {1, 3},    {1, 4}, {1, 5}, {1, 6}, {1, 7}};
        const auto& op = f7f3[pick(18)];
        t.push_back(enc_r(op[0], op[1], 0x33, rd, rs1, rs2));
        break;
      }
      case 3: {  // OP-IMM
        const u32 f3 = pick(8);
        if (f3 == 1)
          t.push_back(enc_r(0, 1, 0x13, rd, rs1, pick(32)));
        else if (f3 == 5)
          t.push_back(enc_r(pick(2) ? 0x20 : 0, 5, 0x13, rd, rs1, pick(32)));
        else
          t.push_back(enc_i(static_cast<i32>(pick(4096)) - 2048, f3, 0x13, rd, rs1));
        break;
      }
      case 4:
        t.push_back(enc_u(static_cast<u32>(rng()), pick(2) ? 0x37 : 0x17, rd));
        break;
      case 5: {  // loads, naturally aligned offsets around x31
        static const u32 f3s[] = {0, 1, 2, 4, 5};
        const u32 f3 = f3s[pick(5)];
        const u32 size = f3 == 2 ? 4 : (f3 & 3) == 1 ? 2 : 1;
        t.push_back(enc_i(static_cast<i32>(pick(4096 / size) * size) - 2048, f3, 0x03, rd, 31));
        break;
      }
      case 6: {  // stores
        const u32 f3 = pick(3), size = 1u << f3;
        t.push_back(enc_s(static_cast<i32>(pick(4096 / size) * size) - 2048, f3, 0x23, 31, rs2));
        break;
      }
      case 7: {  // forward branch over 0..2 instructions
        static const u32 f3s[] = {0, 1, 4, 5, 6, 7};
        t.push_back(enc_b(static_cast<i32>(4 * (1 + pick(3))), f3s[pick(6)], rs1, rs2));
        reachable_by_jump_until = t.size() + 3;
        break;
      }
      case 8:  // JAL forward, or AUIPC + JALR over one instruction
        if (pick(2) || t.size() < reachable_by_jump_until) {
          t.push_back(enc_j(static_cast<i32>(4 * (1 + pick(3))), rd));
          reachable_by_jump_until = t.size() + 3;
        } else {
          t.push_back(enc_u(0, 0x17, 30));
          t.push_back(enc_i(12, 0, 0x67, rd, 30));
          reachable_by_jump_until = t.size() + 3;
        }
        break;
      default:
        t.push_back(pick(4) == 0 ? 0x0FF0000Fu /* fence */ : enc_r(0, 0, 0x33, rd, rs1, rs2));
    }
  }
  // Forward jumps may land up to 3 instructions past the body: pad with NOPs, then exit(0).
  for (int i = 0; i < 3; ++i) t.push_back(enc_i(0, 0, 0x13, 0, 0));
  t.push_back(enc_i(0, 0, 0x13, 10, 0));   // a0 = 0
  t.push_back(enc_i(93, 0, 0x13, 17, 0));  // a7 = exit
  t.push_back(0x00000073u);                // ecall
  return t;
}

TEST(RandomProgramDiff, MatchesQemu) {
  std::mt19937 rng(20261125);
  for (int program = 0; program < 24; ++program) {
    SCOPED_TRACE("program " + std::to_string(program));
    const auto text = random_program(rng, 250);
    std::vector<u8> data(4096);
    for (auto& b : data) b = static_cast<u8>(rng());
    const std::string path = temp_path("random.elf");
    write_file(path, make_elf(text, data));
    const LinuxRun qemu = run_qemu(path, {}, /*with_registers=*/true);
    const LinuxRun ours = run_emulator_linux(path, {});
    std::remove(path.c_str());
    ASSERT_EQ(qemu.exit_code, 0);
    expect_same(qemu, ours);
    if (::testing::Test::HasFailure()) return;
  }
}

}  // namespace
}  // namespace rill::riscv::testing
