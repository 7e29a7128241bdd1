// Test helpers for the RISC-V machine: an independent RV32IM encoder, a minimal ELF32 writer, the
// qemu-riscv32 oracle (toolchain.md §2) and the Linux-syscall handler that lets the emulator run
// the same -DRILL_QEMU programs.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "rill/riscv/emulator.hpp"
#include "rill/riscv/execution.hpp"
#include "rill/util/int.hpp"

namespace rill::riscv::testing {

// Encoders straight from the ISA manual's instruction formats.
u32 enc_r(u32 funct7, u32 funct3, u32 opcode, u32 rd, u32 rs1, u32 rs2);
u32 enc_i(i32 imm, u32 funct3, u32 opcode, u32 rd, u32 rs1);
u32 enc_s(i32 imm, u32 funct3, u32 opcode, u32 rs1, u32 rs2);
u32 enc_b(i32 imm, u32 funct3, u32 rs1, u32 rs2);
u32 enc_u(u32 imm20, u32 opcode, u32 rd);
u32 enc_j(i32 imm, u32 rd);

inline constexpr u32 kTextBase = 0x80000000u;

// The runtime's exit (guests/runtime/runtime.c): store 1 to the termination word of the default
// layout (0x7FFFE00C) through x31/x30, then the halting self-jump `jal x0, 0`. Four instructions.
std::vector<u32> exit_sequence();
// `body` followed by exit_sequence().
std::vector<u32> with_exit(std::vector<u32> body);
inline constexpr u32 kDataBase = 0x80010000u;

// A static ELF32 RISC-V executable: text words at kTextBase (R+X) and `data` at kDataBase (R+W,
// with `data_mem_size` bytes of memory), no section headers.
std::vector<u8> make_elf(std::span<const u32> text, std::span<const u8> data,
                         u32 data_mem_size = 0);
void write_file(const std::string& path, std::span<const u8> bytes);
std::string temp_path(const std::string& name);

// What one run (qemu or the emulator) shows of a -DRILL_QEMU program.
struct LinuxRun {
  std::vector<u32> pcs;  // address of every retired instruction, the exit ecall included
  std::vector<u32> final_registers;  // x0..x31 just before the exit ecall (empty if not captured)
  std::vector<u8> output;            // bytes written to fd 1
  int exit_code = -1;
};

// Runs qemu-riscv32 as a strict RV32IM CPU with -singlestep tracing. with_registers adds the
// per-instruction register dumps (large: small programs only).
LinuxRun run_qemu(const std::string& elf_path, std::span<const u8> input, bool with_registers);

// Runs the same program in the emulator, answering read/write/exit like Linux.
LinuxRun run_emulator_linux(const std::string& elf_path, std::span<const u8> input);

// The directory holding the cross-compiled guests (set by CMake).
std::string guest_path(const std::string& name);

}  // namespace rill::riscv::testing
