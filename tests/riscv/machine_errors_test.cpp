// Bad ELFs and unprovable executions give typed errors with the documented messages; a guest
// panic is a normal, provable outcome.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/execution.hpp"
#include "rill/util/bits.hpp"
#include "test_support.hpp"

namespace rill::riscv::testing {
namespace {

constexpr u32 kSelfJump = 0x0000006Fu;  // jal x0, 0
constexpr u32 kNop = 0x00000013u;       // addi x0, x0, 0

std::vector<u8> good_elf() {
  const u32 text[] = {kNop, kSelfJump};
  return make_elf(text, std::vector<u8>(16, 0));
}

std::string elf_error(std::vector<u8> bytes) {
  try {
    parse_elf(bytes);
  } catch (const ElfError& e) {
    return e.what();
  }
  return "(no error)";
}

void put32(std::vector<u8>& b, std::size_t off, u32 v) {
  for (int i = 0; i < 4; ++i) b[off + i] = static_cast<u8>(v >> (8 * i));
}

TEST(ElfLoader, AcceptsAMinimalExecutable) {
  const Program p = parse_elf(good_elf());
  EXPECT_EQ(p.entry, kTextBase);
  ASSERT_EQ(p.segments.size(), 2u);
  EXPECT_TRUE(p.segments[0].executable);
  EXPECT_EQ(p.segments[1].vaddr, kDataBase);
  ASSERT_EQ(p.text.size(), 1u);  // no section headers: the executable segment is the text
  EXPECT_EQ(p.text[0].end, kTextBase + 8);
}

TEST(ElfLoader, RejectsMalformedFiles) {
  using ::testing::HasSubstr;
  auto with = [](auto mutate) {
    auto b = good_elf();
    mutate(b);
    return elf_error(b);
  };
  EXPECT_THAT(with([](auto& b) { b[1] = 'X'; }), HasSubstr("bad magic"));
  EXPECT_THAT(with([](auto& b) { b[4] = 2; }), HasSubstr("ELF64"));
  EXPECT_THAT(with([](auto& b) { b[5] = 2; }), HasSubstr("big-endian"));
  EXPECT_THAT(with([](auto& b) { b[18] = 62; }), HasSubstr("not RISC-V"));
  EXPECT_THAT(with([](auto& b) { b[16] = 3; }), HasSubstr("not an executable"));
  EXPECT_THAT(with([](auto& b) { put32(b, 36, 1); }), HasSubstr("compressed"));
  EXPECT_THAT(with([](auto& b) { b.resize(40); }), HasSubstr("truncated"));
  EXPECT_THAT(with([](auto& b) { b.resize(0x1004); }), HasSubstr("truncated: segment"));
  EXPECT_THAT(with([](auto& b) { put32(b, 52 + 32 + 8, kTextBase + 4); }), HasSubstr("overlap"));
  EXPECT_THAT(with([](auto& b) { put32(b, 24, kTextBase + 8); }), HasSubstr("entry point"));
  EXPECT_THAT(with([](auto& b) { put32(b, 24, kTextBase + 2); }), HasSubstr("entry point"));
  EXPECT_THAT(with([](auto& b) { put32(b, 52 + 16, 32); }), HasSubstr("file size"));
  EXPECT_THAT(elf_error({}), HasSubstr("bad magic"));
  EXPECT_THROW(load_elf("/nonexistent/guest.elf"), InputError);
}

// Issue 13, finding 4: sizes taken from the ELF are bounded before anything is allocated. Two
// 4-byte text segments 2 GiB apart used to size the bytecode tables at 2 GiB of code.
TEST(ElfLoader, RejectsProgramsOverTheSizeLimits) {
  using ::testing::HasSubstr;
  auto b = good_elf();                             // text at kTextBase, data at kDataBase
  put32(b, 52 + 32 + 8, kTextBase + 0x7FFF0000u);  // the data segment's vaddr, 2 GiB up
  EXPECT_THAT(elf_error(b), HasSubstr("program limit"));
  auto c = good_elf();
  put32(c, 52 + 32 + 24, 5);                       // data segment executable (R+X) ...
  put32(c, 52 + 32 + 8, kTextBase + (32u << 20));  // ... 32 MiB above the text
  EXPECT_THAT(elf_error(c), HasSubstr("code limit"));
}

// Runs `text` (data block at kDataBase) and returns the error kind it stops with.
ExecutionErrorKind error_of(std::vector<u32> text, u64 max_rows = 0) {
  try {
    const Machine machine(parse_elf(make_elf(text, std::vector<u8>(64, 0))), MemoryConfig{});
    execute(machine, {}, max_rows);
  } catch (const ExecutionError& e) {
    EXPECT_THAT(std::string(e.what()), ::testing::HasSubstr("pc 0x8000"));
    return e.kind();
  }
  ADD_FAILURE() << "no error";
  return ExecutionErrorKind::CycleLimit;
}

TEST(Emulator, UnprovableExecutionsAreTypedErrors) {
  const u32 base = enc_u(kDataBase >> 12, 0x37, 5);  // lui x5, data
  using K = ExecutionErrorKind;
  EXPECT_EQ(error_of({base, enc_i(1, 2, 0x03, 6, 5), kSelfJump}), K::MisalignedAccess);  // lw +1
  EXPECT_EQ(error_of({base, enc_s(2, 2, 0x23, 5, 6), kSelfJump}), K::MisalignedAccess);  // sw +2
  EXPECT_EQ(error_of({base, enc_i(1, 1, 0x03, 6, 5), kSelfJump}), K::MisalignedAccess);  // lh +1
  EXPECT_EQ(error_of({base, enc_s(3, 1, 0x23, 5, 6), kSelfJump}), K::MisalignedAccess);  // sh +3
  EXPECT_EQ(error_of({enc_i(16, 2, 0x03, 6, 0), kSelfJump}), K::AccessOutsideLayout);  // lw 16(x0)
  EXPECT_EQ(error_of({enc_i(0, 4, 0x03, 6, 0), kSelfJump}), K::AccessOutsideLayout);   // lbu 0(x0)
  EXPECT_EQ(error_of({kNop, 0x00000073u, kSelfJump}), K::SystemInstruction);           // ecall
  EXPECT_EQ(error_of({kNop, 0x00100073u}), K::SystemInstruction);                      // ebreak
  EXPECT_EQ(error_of({kNop, 0xc0002573u, kSelfJump}), K::IllegalInstruction);          // csrr
  EXPECT_EQ(error_of({kNop, enc_i(0, 0, 0x67, 0, 0)}), K::IllegalInstruction);         // jr x0
  EXPECT_EQ(error_of({kNop, kNop}), K::IllegalInstruction);        // falls off the end of the text
  EXPECT_EQ(error_of({kNop, enc_j(-4, 0)}, 1000), K::CycleLimit);  // loop of two instructions
  EXPECT_THROW(
      Machine(parse_elf(make_elf(std::vector<u32>{0xc0002573u, kSelfJump}, {})), MemoryConfig{}),
      ExecutionError);  // entry is not an instruction
}

TEST(Emulator, CycleLimitCountsRows) {
  // Six rows (lui, nop, the four-row exit) fit in a limit of 6 and not in 5.
  const std::vector<u32> text = with_exit({enc_u(1, 0x37, 5), kNop});
  const Machine machine(parse_elf(make_elf(text, {})), MemoryConfig{});
  EXPECT_EQ(execute(machine, {}, 6).rows, 6u);
  EXPECT_THROW(execute(machine, {}, 5), ExecutionError);
}

// Halting (ARCHITECTURE.md §4): only `jal x0, 0` once the termination or panic word is set.
std::string cycle_limit_message(const std::vector<u32>& text) {
  try {
    const Machine machine(parse_elf(make_elf(text, std::vector<u8>(64, 0))), MemoryConfig{});
    execute(machine, {}, 1000);
  } catch (const ExecutionError& e) {
    EXPECT_EQ(e.kind(), ExecutionErrorKind::CycleLimit);
    return e.what();
  }
  return "(terminated)";
}

TEST(Halting, SelfJumpWithoutTerminationWordRunsIntoTheCycleLimit) {
  // `while (1);` compiles to the same `jal x0, 0` as the runtime's halt.
  EXPECT_THAT(cycle_limit_message({kNop, kSelfJump}), ::testing::HasSubstr("cycle limit"));
}

TEST(Halting, SelfJumpThatLinksDoesNotHalt) {
  // jal x1, 0 after the termination word is set: a self-loop, but not the runtime's halt.
  std::vector<u32> text = exit_sequence();
  text.back() = enc_j(0, 1);
  EXPECT_THAT(cycle_limit_message(text), ::testing::HasSubstr("cycle limit"));
}

TEST(Halting, JalrToItselfRunsTwiceAndContinues) {
  // auipc x5, 0; addi x5, x5, 8 (x5 = the jalr); jalr x5, 0(x5) jumps to itself once, then to
  // the address it linked (its own + 4), where the program exits normally.
  const std::vector<u32> text =
      with_exit({enc_u(0, 0x17, 5), enc_i(8, 0, 0x13, 5, 5), enc_i(0, 0, 0x67, 5, 5)});
  const Machine machine(parse_elf(make_elf(text, {})), MemoryConfig{});
  const ExecutionSummary s = execute(machine, {}, 1000);
  EXPECT_EQ(s.rows, 2u + 2u + 4u);
  EXPECT_TRUE(s.terminated);
  EXPECT_FALSE(s.panicked);
}

TEST(Halting, PanicWordHaltsAsPanicked) {
  std::vector<u32> text = exit_sequence();
  text[2] = enc_s(8, 2, 0x23, 31, 30);  // sw x30, 8(x31): the panic word
  const Machine machine(parse_elf(make_elf(text, {})), MemoryConfig{});
  const ExecutionSummary s = execute(machine, {}, 1000);
  EXPECT_EQ(s.rows, 4u);
  EXPECT_TRUE(s.panicked);
  EXPECT_FALSE(s.terminated);
}

TEST(Emulator, SummaryOfASmallRun) {
  // sw x6, 0(x5) with x5 = data, x6 = 7; then the exit.
  const std::vector<u32> text = with_exit(
      {enc_u(kDataBase >> 12, 0x37, 5), enc_i(7, 0, 0x13, 6, 0), enc_s(0, 2, 0x23, 5, 6)});
  const Machine machine(parse_elf(make_elf(text, {}, 64)), MemoryConfig{});
  const ExecutionSummary s = execute(machine, {});
  EXPECT_EQ(s.rows, 7u);
  EXPECT_EQ(s.instructions, 7u);
  EXPECT_TRUE(s.terminated);
  EXPECT_EQ(s.padded_len, 256u);
  const MemoryLayout& l = machine.layout();
  EXPECT_EQ(s.final_memory[l.word_index(kDataBase)], 7u);
  // Highest touched word: the store at kDataBase (nothing in the image is non-zero above it).
  EXPECT_EQ(s.k_ram, next_pow2(u64{l.word_index(kDataBase)} + 1));
  EXPECT_FALSE(s.panicked);
  EXPECT_TRUE(s.output.empty());
}

TEST(Bytecode, TableAndAddressMap) {
  // addi x1, x0, 5 ; div x2, x1, x1 ; <data word> ; jal x0, 0
  const std::vector<u32> text = {enc_i(5, 0, 0x13, 1, 0), enc_r(1, 4, 0x33, 2, 1, 1), 0xFFFFFFFFu,
                                 kSelfJump};
  const Program program = parse_elf(make_elf(text, {}));
  const Bytecode bc(program);
  const std::size_t div_rows = expand(Decoded{Kind::Div, 2, 1, 1, 0}, kTextBase + 4).size();
  ASSERT_EQ(bc.size(), 1 + 1 + div_rows + 1);
  EXPECT_EQ(bc.row(0), BytecodeRow{});  // row 0 is the NoOp
  EXPECT_EQ(bc.entry_row(), 1u);
  EXPECT_EQ(bc.row_of(kTextBase), 1u);
  EXPECT_EQ(bc.row_of(kTextBase + 4), 2u);
  EXPECT_EQ(bc.row_of(kTextBase + 8), kNoRow);  // not an instruction
  EXPECT_EQ(bc.row_of(kTextBase + 12), 2 + div_rows);
  EXPECT_EQ(bc.row_of(kTextBase + 2), kNoRow);   // unaligned
  EXPECT_EQ(bc.row_of(kTextBase + 16), kNoRow);  // past the text
  EXPECT_EQ(bc.padded_size(), next_pow2(bc.size()));
  EXPECT_EQ(bc.row(1).fallthrough, 2u);
  EXPECT_EQ(bc.row(2 + div_rows - 1).fallthrough, kNoRow);  // the DIV falls into the data word
  const BytecodeRow& jump = bc.row(static_cast<u32>(2 + div_rows));
  EXPECT_EQ(jump.kind, Kind::Jal);
  EXPECT_EQ(jump.rd, kSinkRegister);  // jal x0 writes the sink
  EXPECT_EQ(jump.target, 2 + div_rows);
  EXPECT_EQ(bc.word_at(kTextBase + 8), 0xFFFFFFFFu);
}

TEST(Emulator, PaddedLengthRule) {
  EXPECT_EQ(padded_trace_length(0), 256u);
  EXPECT_EQ(padded_trace_length(255), 256u);
  EXPECT_EQ(padded_trace_length(256), 512u);  // always at least one trailing NoOp
  EXPECT_EQ(padded_trace_length(1000), 1024u);
  EXPECT_EQ(padded_trace_length(1023), 1024u);
  EXPECT_EQ(padded_trace_length(1024), 2048u);
}

}  // namespace
}  // namespace rill::riscv::testing
