// The decoder against binutils: every instruction of every guest ELF, as disassembled by
// `riscv64-unknown-elf-objdump -d -M no-aliases,numeric`, must decode to the same mnemonic and
// operands (toolchain.md §1, gotcha G11).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

// One disassembled instruction: "  80000004:\t8d818193          \taddi\tx3,x3,-1832 <sym>".
struct ObjdumpLine {
  u32 address = 0, word = 0;
  std::string mnemonic, operands;
};

std::optional<ObjdumpLine> parse_objdump_line(const std::string& text) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t tab; (tab = text.find('\t', start)) != std::string::npos; start = tab + 1) {
    fields.push_back(text.substr(start, tab - start));
  }
  fields.push_back(text.substr(start));
  if (fields.size() < 3 || fields[0].empty() || fields[0].back() != ':') return std::nullopt;
  auto trim = [](std::string v) {
    const auto cut = v.find_first_of("<#\n");
    if (cut != std::string::npos) v.erase(cut);
    while (!v.empty() && v.back() == ' ') v.pop_back();
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    return v;
  };
  const std::string hex_word = trim(fields[1]);
  if (hex_word.size() != 8) return std::nullopt;
  ObjdumpLine line;
  line.address =
      static_cast<u32>(std::stoul(trim(fields[0].substr(0, fields[0].size() - 1)), nullptr, 16));
  line.word = static_cast<u32>(std::stoul(hex_word, nullptr, 16));
  line.mnemonic = trim(fields[2]);
  line.operands = fields.size() > 3 ? trim(fields[3]) : "";
  return line;
}

TEST(DecoderVsObjdump, EveryGuestInstruction) {
  std::size_t checked = 0;
  for (const char* guest : {"fibonacci", "muldiv", "sha2_chain", "echo"}) {
    for (const char* suffix : {".elf", ".qemu.elf"}) {
      const std::string path = guest_path(std::string(guest) + suffix);
      const std::string cmd = "riscv64-unknown-elf-objdump -d -M no-aliases,numeric " + path;
      std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
      ASSERT_TRUE(pipe) << cmd;
      char buf[512];
      while (fgets(buf, sizeof buf, pipe.get()) != nullptr) {
        const auto line = parse_objdump_line(buf);
        if (!line) continue;
        const auto d = decode(line->word);
        if (line->mnemonic == ".4byte" || line->mnemonic == "unimp") {
          EXPECT_FALSE(d.has_value()) << path << " " << buf;
          continue;
        }
        ASSERT_TRUE(d.has_value()) << path << " " << buf;
        EXPECT_EQ(std::string(kind_name(d->kind)), line->mnemonic) << buf;
        if (d->kind != Kind::Fence) {
          EXPECT_EQ(objdump_operands(*d, line->address), line->operands) << buf;
        }
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace rill::riscv::testing
