// Rill's C++ API in a few lines: run a guest ELF on an input, prove the run, then verify the
// proof as a separate party would (from the ELF, the input, the proof bytes and the output it
// expects). Usage: prove_and_verify GUEST.elf [INPUT_HEX] [EXPECTED_OUTPUT_HEX]
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "rill/zkvm/prover/api.hpp"

namespace {

std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::fprintf(stderr, "usage: %s GUEST.elf [INPUT_HEX] [EXPECTED_OUTPUT_HEX]\n", argv[0]);
    return 2;
  }
  try {
    const rill::riscv::Program program = rill::riscv::load_elf(argv[1]);
    const std::vector<std::uint8_t> input =
        argc > 2 ? from_hex(argv[2]) : std::vector<std::uint8_t>{};

    rill::ProveSettings settings;
    settings.prover.mode = rill::zkvm::ProvingMode::kStreaming;  // same bytes as linear mode
    const rill::ProveReport proved = rill::prove(program, input, settings);
    std::printf("proved %llu cycles (T = %llu): output %s, %zu proof bytes\n",
                static_cast<unsigned long long>(proved.cycles),
                static_cast<unsigned long long>(proved.padded_t),
                rill::to_hex(proved.output).c_str(), proved.proof.size());

    // The verifier's side: only the program, the input, the proof and what it expects.
    const std::vector<std::uint8_t> expected = argc > 3 ? from_hex(argv[3]) : proved.output;
    const rill::VerifyReport checked =
        rill::verify(program, input, proved.proof, rill::riscv::MemoryConfig{}, &expected);
    if (!checked.valid) {
      std::printf("invalid: %s\n", checked.reason.c_str());
      return 1;
    }
    std::printf("valid: output %s%s\n", rill::to_hex(checked.output).c_str(),
                checked.panicked ? " (guest panicked)" : "");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
}
