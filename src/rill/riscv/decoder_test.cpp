// Decoder unit tests on encodings whose meaning comes from binutils' disassembly (toolchain.md
// §1, `objdump -M no-aliases`); tests/riscv/objdump_test.cpp cross-checks every guest instruction.
#include "rill/riscv/decoder.hpp"

#include <gtest/gtest.h>

namespace rill::riscv {
namespace {

void expect_decodes(u32 word, Kind kind, u8 rd, u8 rs1, u8 rs2, i32 imm) {
  const auto d = decode(word);
  ASSERT_TRUE(d.has_value()) << std::hex << word;
  EXPECT_EQ(*d, (Decoded{kind, rd, rs1, rs2, imm})) << std::hex << word << " -> " << to_string(*d);
}

TEST(Decoder, KnownEncodings) {
  constexpr u8 N = kNoRegister;
  expect_decodes(0x00001197, Kind::Auipc, 3, N, N, 0x1000);  // auipc gp,0x1
  expect_decodes(0x8d818193, Kind::Addi, 3, 3, N, -1832);    // addi gp,gp,-1832
  expect_decodes(0x05d00893, Kind::Addi, 17, 0, N, 93);      // addi a7,zero,93
  expect_decodes(0x034d0733, Kind::Mul, 14, 26, 20, 0);      // mul a4,s10,s4
  expect_decodes(0x03b71db3, Kind::Mulh, 27, 14, 27, 0);     // mulh s11,a4,s11
  expect_decodes(0x02e7b7b3, Kind::Mulhu, 15, 15, 14, 0);    // mulhu a5,a5,a4
  expect_decodes(0x0267d733, Kind::Divu, 14, 15, 6, 0);      // divu a4,a5,t1
  expect_decodes(0x03d7f333, Kind::Remu, 6, 15, 29, 0);      // remu t1,a5,t4
  expect_decodes(0x036d6db3, Kind::Rem, 27, 26, 22, 0);      // rem s11,s10,s6
  expect_decodes(0xfee598e3, Kind::Bne, N, 11, 14, -16);     // bne a1,a4,pc-16
  expect_decodes(0x00000073, Kind::Ecall, N, N, N, 0);
  expect_decodes(0x00100073, Kind::Ebreak, N, N, N, 0);
  expect_decodes(0x0000006f, Kind::Jal, 0, N, N, 0);      // jal zero,. (self-jump)
  expect_decodes(0xfff00513, Kind::Addi, 10, 0, N, -1);   // addi a0,zero,-1
  expect_decodes(0x40f75713, Kind::Srai, 14, 14, N, 15);  // srai a4,a4,15
  expect_decodes(0x0ff0000f, Kind::Fence, N, N, N, 0);    // fence iorw,iorw
  expect_decodes(0xffc12083, Kind::Lw, 1, 2, N, -4);      // lw ra,-4(sp)
  expect_decodes(0xfe112e23, Kind::Sw, N, 2, 1, -4);      // sw ra,-4(sp)
  expect_decodes(0x800000b7, Kind::Lui, 1, N, N, static_cast<i32>(0x80000000u));  // lui ra,0x80000
  expect_decodes(0x000080e7, Kind::Jalr, 1, 1, N, 0);                             // jalr ra,0(ra)
  expect_decodes(0x7ff0006f, Kind::Jal, 0, N, N, 0xffe);                          // jal zero,.+4094
}

TEST(Decoder, RejectsNonRv32im) {
  for (u32 word : {0x00000000u,  // all zeros: not a 32-bit encoding
                   0x00004501u,  // c.li a0,0 (RVC)
                   0xc0002573u,  // csrr a0,cycle (Zicsr)
                   0x0000100fu,  // fence.i (Zifencei)
                   0x40001033u,  // OP with funct7 0x20 and funct3 1
                   0x02001013u,  // slli with shamt[5] set (RV64 only)
                   0x0000302fu,  // AMO (A extension)
                   0x00003003u,  // ld (RV64)
                   0x00002063u,  // branch funct3 2
                   0x00001067u,  // jalr funct3 1
                   0x10500073u,  // wfi
                   0xffffffffu}) {
    EXPECT_FALSE(decode(word).has_value()) << std::hex << word;
  }
}

}  // namespace
}  // namespace rill::riscv
