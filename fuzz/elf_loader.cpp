// Harness: the ELF loader, the memory layout, the bytecode builder and a short emulation.
// Properties: no crash, no sanitizer report; every rejection is a typed InputError; what loads
// respects the documented program limits.
#include "fuzz_support.hpp"
#include "rill/riscv/execution.hpp"

namespace rill::fuzz {

void write_seeds(const std::string&) {}  // the corpus holds the built guests (fuzz/README.md)

}  // namespace rill::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rill;
  riscv::Program program;
  try {
    program = riscv::parse_elf(std::span<const u8>(data, size));
  } catch (const riscv::ElfError&) {
    return 0;
  }
  FUZZ_CHECK(!program.text.empty(), "a loaded program without code");
  FUZZ_CHECK(u64{program.text.back().end} - program.text.front().begin <= riscv::kMaxTextBytes,
             "code span over the limit");
  try {
    const riscv::Machine machine(std::move(program), riscv::MemoryConfig{});
    FUZZ_CHECK(u64{machine.layout().num_words()} * 4 <= riscv::kMaxLayoutBytes,
               "layout over the limit");
    // Emulate a little when the memory image is small (the fuzzer's RSS limit is 2 GB).
    if (machine.layout().num_words() <= (1u << 20)) {
      const std::vector<u8> input = {5, 0, 0, 0};
      const riscv::ExecutionSummary s = riscv::execute(machine, input, 4096);
      FUZZ_CHECK(s.rows <= 4096, "ran past the cycle limit");
      FUZZ_CHECK(s.terminated || s.panicked, "halted without the termination or panic word");
    }
  } catch (const InputError&) {
    // ElfError, LayoutError, ExecutionError (illegal instruction, cycle limit, ...).
  }
  return 0;
}
