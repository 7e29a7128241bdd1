// Harness: the group-element and field decoders. The first byte picks the decoder, the rest is
// its input. Properties: whatever decodes re-encodes to exactly the bytes it came from, and is a
// valid element (on the curve, in the subgroup).
#include <cstring>

#include "fuzz_support.hpp"
#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/curve/gt.hpp"
#include "rill/field/fq.hpp"
#include "rill/field/fr.hpp"
#include "rill/pcs/proof.hpp"

namespace rill::fuzz {

void write_seeds(const std::string& dir) {
  auto seed = [&](const std::string& name, u8 kind, std::span<const u8> body) {
    std::vector<u8> bytes = {kind};
    bytes.insert(bytes.end(), body.begin(), body.end());
    write_seed(dir, name, bytes);
  };
  const G1Affine g1 = G1Affine::generator();
  seed("g1_generator", 0, g1.to_uncompressed_bytes());
  G1Affine infinity;
  infinity.infinity = true;
  seed("g1_infinity", 0, infinity.to_uncompressed_bytes());
  seed("g2_generator", 1, G2Affine::generator().to_uncompressed_bytes());
  seed("gt_one", 2, GT::one().to_bytes());
  seed("gt_commitment", 3, encode_dory_commitment(GT::one()));
  seed("fr_one", 4, Fr::one().to_bytes());
  seed("fq_one", 5, Fq::one().to_bytes());
}

}  // namespace rill::fuzz

namespace {

template <class Array>
bool same(const Array& encoded, std::span<const std::uint8_t> in) {
  return encoded.size() == in.size() && std::memcmp(encoded.data(), in.data(), in.size()) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rill;
  if (size == 0) return 0;
  const std::span<const u8> in(data + 1, size - 1);
  switch (data[0] % 6) {
    case 0:
      if (auto p = G1Affine::from_uncompressed_bytes(in)) {
        FUZZ_CHECK(p->is_on_curve(), "decoded G1 point off the curve");
        FUZZ_CHECK(same(p->to_uncompressed_bytes(), in), "G1 does not re-encode");
      }
      break;
    case 1:
      if (auto p = G2Affine::from_uncompressed_bytes(in)) {
        FUZZ_CHECK(p->is_on_curve(), "decoded G2 point off the curve");
        FUZZ_CHECK(same(p->to_uncompressed_bytes(), in), "G2 does not re-encode");
      }
      break;
    case 2:
      if (auto t = GT::from_bytes(in)) FUZZ_CHECK(same(t->to_bytes(), in), "GT does not re-encode");
      break;
    case 3:
      if (auto t = decode_dory_commitment(in)) {
        FUZZ_CHECK(same(encode_dory_commitment(*t), in), "commitment does not re-encode");
      }
      break;
    case 4:
      if (in.size() == 32) {
        if (auto x = Fr::from_bytes(in))
          FUZZ_CHECK(same(x->to_bytes(), in), "Fr does not re-encode");
      }
      break;
    default:
      if (in.size() == 32) {
        if (auto x = Fq::from_bytes(in))
          FUZZ_CHECK(same(x->to_bytes(), in), "Fq does not re-encode");
      }
      break;
  }
  return 0;
}
