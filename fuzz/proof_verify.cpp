// Harness: the zkVM proof decoder plus the verifier, for a fixed statement (the tiny guest of
// fuzz_support.hpp, empty input). Properties:
//   * decoding never crashes; a decoded proof re-serializes to exactly the input bytes;
//   * the verifier accepts no proof other than the honest one: with the commitments and the
//     final opening in the proof, every claim is bound (docs/hardening.md);
//   * a proof stating a T larger than the setup serves is refused, not answered by building a
//     larger setup.
#include <cstring>

#include "fuzz_support.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/progress.hpp"
#include "rill/zkvm/prover/prover.hpp"

namespace rill::fuzz {
namespace {

struct Fixture {
  riscv::Machine machine{tiny_program(), riscv::MemoryConfig{}};
  std::vector<u8> honest;
  const DorySetup* setup = nullptr;
  Fixture() {
    Progress::set_globally_enabled(false);
    const riscv::MaterializedTrace trace(machine, {});
    setup = &zkvm::shared_dory_setup(zkvm::run_shape(machine, trace.summary()));
    const zkvm::ProveResult r =
        zkvm::prove(machine, {}, trace.summary(), trace, zkvm::ProverOptions{}, *setup);
    honest = zkvm::serialize(r.proof);
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

}  // namespace

void write_seeds(const std::string& dir) {
  const std::vector<u8>& honest = fixture().honest;
  write_seed(dir, "honest", honest);
  std::vector<u8> flipped = honest;
  flipped[flipped.size() / 2] ^= 1;
  write_seed(dir, "flipped_claim", flipped);
  write_seed(dir, "truncated", std::span(honest).first(honest.size() - 7));
  write_seed(dir, "header_only", std::span(honest).first(std::min<std::size_t>(45, honest.size())));
}

}  // namespace rill::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rill;
  const fuzz::Fixture& f = fuzz::fixture();
  const std::span<const u8> bytes(data, size);
  const zkvm::ProofDecoding decoded = zkvm::deserialize(bytes);
  if (!decoded.proof) return 0;
  const std::vector<u8> again = zkvm::serialize(*decoded.proof);
  FUZZ_CHECK(again.size() == size && std::memcmp(again.data(), data, size) == 0,
             "a decoded proof does not re-serialize to its bytes");
  const zkvm::Proof& proof = *decoded.proof;
  // The verifier on hostile sizes: it must refuse T or K_ram it cannot handle without trying.
  const zkvm::VerifyResult verdict =
      zkvm::verify(f.machine, {}, proof.output, proof.panicked, proof, f.setup->verifier());
  FUZZ_CHECK(
      !verdict.ok || (size == f.honest.size() && std::memcmp(data, f.honest.data(), size) == 0),
      "the verifier accepted a proof other than the honest one");
  return 0;
}
