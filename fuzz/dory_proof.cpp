// Harness: the Dory proof decoder plus the opening verifier, for a fixed statement (a dense
// 4-coefficient polynomial, balanced shape: one round). Properties: a decoded proof re-encodes to
// exactly the input bytes; the verifier accepts only the honest proof.
#include <cstring>

#include "fuzz_support.hpp"
#include "rill/pcs/matrix_providers.hpp"
#include "rill/pcs/opening.hpp"

namespace rill::fuzz {
namespace {

struct Fixture {
  DorySetup setup = DorySetup::generate(2);
  MatrixShape shape = MatrixShape::balanced(2);
  std::vector<Fr> evals = {Fr::from_u64(3), Fr::from_u64(1), Fr::from_u64(4), Fr::from_u64(1)};
  std::vector<Fr> point = {Fr::from_u64(5), Fr::from_u64(9)};
  Fr value;
  GT commitment;
  std::vector<u8> honest;
  Fixture() {
    // f(p0, p1) for evals indexed big-endian: Σ_b f(b)·eq(p, b).
    const Fr one = Fr::one();
    value = evals[0] * (one - point[0]) * (one - point[1]) +
            evals[1] * (one - point[0]) * point[1] + evals[2] * point[0] * (one - point[1]) +
            evals[3] * point[0] * point[1];
    DenseMatrixProvider provider(evals, shape);
    const DoryCommitment com = provider.commit(setup);
    commitment = com.commitment;
    Transcript t("dory-fuzz");
    const DoryProof proof = prove_dory_opening(setup, shape, commitment, point, value,
                                               com.row_commitments, provider, t);
    honest = encode_dory_proof(proof);
  }
  bool accepts(const DoryProof& proof) const {
    Transcript t("dory-fuzz");
    return verify_dory_opening(setup.verifier(), shape, commitment, point, value, proof, t).ok;
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

}  // namespace

void write_seeds(const std::string& dir) {
  const Fixture& f = fixture();
  FUZZ_CHECK(f.accepts(*decode_dory_proof(f.honest, f.shape.rounds())), "honest proof rejected");
  write_seed(dir, "honest", f.honest);
  std::vector<u8> flipped = f.honest;
  flipped[100] ^= 1;
  write_seed(dir, "flipped", flipped);
  write_seed(dir, "truncated", std::span(f.honest).first(f.honest.size() - 1));
}

}  // namespace rill::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rill;
  const fuzz::Fixture& f = fuzz::fixture();
  const DecodeResult<DoryProof> decoded =
      decode_dory_proof(std::span<const u8>(data, size), f.shape.rounds());
  if (!decoded) return 0;
  const std::vector<u8> again = encode_dory_proof(*decoded);
  FUZZ_CHECK(again.size() == size && std::memcmp(again.data(), data, size) == 0,
             "a decoded Dory proof does not re-encode to its bytes");
  if (f.accepts(*decoded)) {
    FUZZ_CHECK(size == f.honest.size() && std::memcmp(data, f.honest.data(), size) == 0,
               "the Dory verifier accepted a proof other than the honest one");
  }
  return 0;
}
