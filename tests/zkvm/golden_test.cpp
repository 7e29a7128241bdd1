// Golden proofs: the whole proof (stages 0–8) of each canonical guest at a fixed input must
// reproduce the committed bytes in tests/golden/ exactly, from a materialized trace in linear mode
// and from a replayed trace in streaming mode. Any change to the proof bytes is a protocol change
// (a format-version bump and new goldens). Regenerate only on purpose, with
//   RILL_REGENERATE_GOLDEN=1 build/<dir>/tests/zkvm/zkvm_golden_tests
// (see tests/golden/README.md).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "../riscv/test_support.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/zkvm/prover/prover.hpp"
#include "rill/zkvm/prover/sizing.hpp"

namespace rill::zkvm {
namespace {

struct Golden {
  const char* guest;
  u32 n;
};

std::string golden_path(const Golden& g) {
  return std::string(RILL_GOLDEN_DIR) + "/proof_" + g.guest + ".bin";
}

std::vector<u8> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<u8>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class GoldenProof : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenProof, WholeProofIsReproducedByteForByte) {
  const Golden g = GetParam();
  const riscv::Machine machine(
      riscv::load_elf(riscv::testing::guest_path(std::string(g.guest) + ".elf")),
      riscv::MemoryConfig{});
  const std::vector<u8> input = guest_input(g.n);
  const riscv::MaterializedTrace materialized(machine, input);
  const DorySetup& setup = shared_dory_setup(run_shape(machine, materialized.summary()));
  const std::vector<u8> linear = serialize(
      prove(machine, input, materialized.summary(), materialized, ProverOptions{}, setup).proof);

  if (std::getenv("RILL_REGENERATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path(g), std::ios::binary)
        .write(reinterpret_cast<const char*>(linear.data()),
               static_cast<std::streamsize>(linear.size()));
    GTEST_SKIP() << "regenerated " << golden_path(g);
  }
  const std::vector<u8> golden = read_file(golden_path(g));
  ASSERT_FALSE(golden.empty()) << "missing " << golden_path(g);
  EXPECT_EQ(linear, golden) << "linear-mode proof differs from " << golden_path(g);

  riscv::ReplayOptions replay_options;
  replay_options.checkpoint_interval = 256;
  const riscv::ReplayTrace replayed(machine, input, replay_options);
  ProverOptions streaming;
  streaming.mode = ProvingMode::kStreaming;
  streaming.chunk_size = 512;
  const ProveResult result = prove(machine, input, replayed.summary(), replayed, streaming, setup);
  EXPECT_EQ(serialize(result.proof), golden) << "streaming-mode proof differs";

  const ProofDecoding decoded = deserialize(golden);
  ASSERT_TRUE(decoded.proof.has_value()) << decoded.error;
  const VerifyResult verdict =
      verify(machine, input, materialized.summary().output, materialized.summary().panicked,
             *decoded.proof, setup.verifier());
  EXPECT_TRUE(verdict.ok) << verdict.reason;
}

INSTANTIATE_TEST_SUITE_P(Guests, GoldenProof,
                         ::testing::Values(Golden{"fibonacci", 100}, Golden{"muldiv", 8},
                                           Golden{"sha2_chain", 2}),
                         [](const auto& info) { return std::string(info.param.guest); });

}  // namespace
}  // namespace rill::zkvm
