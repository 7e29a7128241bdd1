// Shared pieces of the libFuzzer harnesses (fuzz/README.md).
//
// Each harness defines LLVMFuzzerTestOneInput and write_seeds(dir). Built with clang and
// -fsanitize=fuzzer it is a libFuzzer target (`make fuzz`); built with replay_main.cpp by any
// compiler it replays a corpus directory as a regression test (`ctest -L fuzz`).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include "rill/riscv/elf_loader.hpp"
#include "rill/util/int.hpp"

// A property violation: print and abort (libFuzzer saves the input as a crash).
#define FUZZ_CHECK(cond, msg)                                                                \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "fuzz property violated: %s (%s:%d)\n", msg, __FILE__, __LINE__); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)

namespace rill::fuzz {

// Writes a seed file.
inline void write_seed(const std::string& dir, const std::string& name,
                       std::span<const std::uint8_t> bytes) {
  std::ofstream(dir + "/" + name, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

// RV32I encoders (ISA manual formats).
inline u32 enc_i(i32 imm, u32 funct3, u32 opcode, u32 rd, u32 rs1) {
  return (static_cast<u32>(imm) & 0xFFFu) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
inline u32 enc_s(i32 imm, u32 funct3, u32 rs1, u32 rs2) {
  const u32 u = static_cast<u32>(imm);
  return (u >> 5 & 0x7Fu) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (u & 0x1Fu) << 7 | 0x23u;
}
inline u32 enc_u(u32 imm20, u32 opcode, u32 rd) {
  return (imm20 & 0xFFFFFu) << 12 | rd << 7 | opcode;
}

// A tiny guest for the default layout: output = 7·6 as a little-endian u32, then the runtime's
// exit (termination word, `jal x0, 0`).
inline riscv::Program tiny_program() {
  const std::vector<u32> words = {
      enc_i(7, 0, 0x13, 5, 0),                              // addi x5, x0, 7
      enc_i(6, 0, 0x13, 6, 0),                              // addi x6, x0, 6
      0x02000000u | 6u << 20 | 5u << 15 | 7u << 7 | 0x33u,  // mul x7, x5, x6
      enc_u(0x7FFFD, 0x37, 28),  // lui x28, 0x7FFFD (output length word - 4)
      enc_s(8, 2, 28, 7),        // sw x7, 8(x28): output bytes
      enc_i(4, 0, 0x13, 29, 0),  // addi x29, x0, 4
      enc_s(4, 2, 28, 29),       // sw x29, 4(x28): output length
      enc_u(0x7FFFE, 0x37, 31),  // lui x31, 0x7FFFE
      enc_i(1, 0, 0x13, 30, 0),  // addi x30, x0, 1
      enc_s(12, 2, 31, 30),      // sw x30, 12(x31): termination word
      0x0000006Fu,               // jal x0, 0
  };
  riscv::Program p;
  p.entry = 0x80000000u;
  riscv::Segment text{0x80000000u, static_cast<u32>(4 * words.size()), true, {}};
  for (u32 w : words) {
    for (int i = 0; i < 4; ++i) text.bytes.push_back(static_cast<u8>(w >> (8 * i)));
  }
  p.segments = {text};
  p.text = {{0x80000000u, static_cast<u32>(0x80000000u + 4 * words.size())}};
  return p;
}

}  // namespace rill::fuzz
