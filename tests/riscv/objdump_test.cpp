// The decoder against binutils: every instruction of every guest ELF, as disassembled by
// `riscv64-unknown-elf-objdump -d -M no-aliases,numeric`, must decode to the same mnemonic and
// operands (toolchain.md §1, gotcha G11).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <regex>

#include "rill/riscv/decoder.hpp"
#include "test_support.hpp"

namespace rill::riscv::testing {
namespace {

// Our decoding in objdump's operand syntax.
std::string objdump_operands(const Decoded& d, u32 address) {
  const auto x = [](u8 r) { return fmt::format("x{}", r); };
  switch (d.kind) {
    case Kind::Lui:
    case Kind::Auipc:
      return fmt::format("{},0x{:x}", x(d.rd), static_cast<u32>(d.imm) >> 12);
    case Kind::Jal:
      return fmt::format("{},{:x}", x(d.rd), address + static_cast<u32>(d.imm));
    case Kind::Beq:
    case Kind::Bne:
    case Kind::Blt:
    case Kind::Bge:
    case Kind::Bltu:
    case Kind::Bgeu:
      return fmt::format("{},{},{:x}", x(d.rs1), x(d.rs2), address + static_cast<u32>(d.imm));
    case Kind::Jalr:
    case Kind::Lb:
    case Kind::Lh:
    case Kind::Lw:
    case Kind::Lbu:
    case Kind::Lhu:
      return fmt::format("{},{}({})", x(d.rd), d.imm, x(d.rs1));
    case Kind::Sb:
    case Kind::Sh:
    case Kind::Sw:
      return fmt::format("{},{}({})", x(d.rs2), d.imm, x(d.rs1));
    case Kind::Slli:
    case Kind::Srli:
    case Kind::Srai:
      return fmt::format("{},{},0x{:x}", x(d.rd), x(d.rs1), d.imm);
    case Kind::Fence:
    case Kind::Ecall:
    case Kind::Ebreak:
      return "";
    default:
      if (d.rs2 == kNoRegister) return fmt::format("{},{},{}", x(d.rd), x(d.rs1), d.imm);
      return fmt::format("{},{},{}", x(d.rd), x(d.rs1), x(d.rs2));
  }
}

TEST(DecoderVsObjdump, EveryGuestInstruction) {
  // "80000004:	8d818193          	addi	x3,x3,-1832"  (operands may be followed by " <sym>")
  const std::regex line(R"(^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(\S+)\s*([^<#]*?)\s*(<.*>)?\s*$)");
  std::size_t checked = 0;
  for (const char* guest : {"fibonacci", "muldiv", "sha2_chain", "echo"}) {
    for (const char* suffix : {".elf", ".qemu.elf"}) {
      const std::string path = guest_path(std::string(guest) + suffix);
      const std::string cmd = "riscv64-unknown-elf-objdump -d -M no-aliases,numeric " + path;
      std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
      ASSERT_TRUE(pipe) << cmd;
      char buf[512];
      while (fgets(buf, sizeof buf, pipe.get()) != nullptr) {
        std::cmatch m;
        if (!std::regex_match(buf, m, line)) continue;
        const u32 address = static_cast<u32>(std::stoul(m[1].str(), nullptr, 16));
        const u32 word = static_cast<u32>(std::stoul(m[2].str(), nullptr, 16));
        const std::string mnemonic = m[3].str();
        const auto d = decode(word);
        if (mnemonic == ".4byte" || mnemonic == "unimp") {
          EXPECT_FALSE(d.has_value()) << path << " " << buf;
          continue;
        }
        ASSERT_TRUE(d.has_value()) << path << " " << buf;
        EXPECT_EQ(std::string(kind_name(d->kind)), mnemonic) << buf;
        if (d->kind != Kind::Fence) {
          EXPECT_EQ(objdump_operands(*d, address), m[4].str()) << buf;
        }
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace rill::riscv::testing
