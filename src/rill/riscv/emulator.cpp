#include "rill/riscv/emulator.hpp"

#include <fmt/format.h>

namespace rill::riscv {

namespace {

std::string describe(const Bytecode& bytecode, u32 address) {
  const u32 word = bytecode.word_at(address);
  const auto decoded = decode(word);
  return fmt::format("pc {:#010x}, instruction {:#010x} ({})", address, word,
                     decoded ? to_string(*decoded) : std::string("not RV32IM"));
}

}  // namespace

void Emulator::throw_no_row(u32 from, u32 address) const {
  if (bytecode_.is_system(address)) {
    throw ExecutionError(ExecutionErrorKind::SystemInstruction, address,
                         fmt::format("{}: ECALL/EBREAK is outside the zkVM protocol (guests end "
                                     "with rill_exit or rill_panic)",
                                     describe(bytecode_, address)));
  }
  if (bytecode_.in_text(address)) {
    throw ExecutionError(ExecutionErrorKind::IllegalInstruction, address,
                         fmt::format("{}: illegal instruction (not RV32IM, or a misaligned jump "
                                     "target)",
                                     describe(bytecode_, address)));
  }
  throw ExecutionError(ExecutionErrorKind::IllegalInstruction, from,
                       fmt::format("{}: control reaches {:#010x}, outside the program text",
                                   describe(bytecode_, from), address));
}

void Emulator::throw_access(const BytecodeRow& b, u32 address, bool misaligned) const {
  const std::string where = describe(bytecode_, b.address);
  if (misaligned) {
    throw ExecutionError(ExecutionErrorKind::MisalignedAccess, b.address,
                         fmt::format("{}: misaligned memory access at {:#010x}", where, address));
  }
  throw ExecutionError(
      ExecutionErrorKind::AccessOutsideLayout, b.address,
      fmt::format("{}: memory access at {:#010x} outside the layout [{:#010x}, {:#010x})", where,
                  address, layout_.lowest(), layout_.memory_end()));
}

namespace detail {

void assertion_failed(const BytecodeRow& b, u32 x, u32 y) {
  RILL_CHECK(false,
             fmt::format("virtual assertion {} failed at pc {:#010x} (operands {:#x}, {:#x})",
                         kind_name(b.kind), b.address, x, y));
  __builtin_unreachable();
}

}  // namespace detail

}  // namespace rill::riscv
