#include "rill/zkvm/prover/stage0.hpp"

#include <fmt/format.h>

#include "rill/pcs/proof.hpp"

namespace rill::zkvm {

void absorb_commitments(std::span<const GT> commitments, Transcript& transcript) {
  for (const GT& c : commitments) {
    const std::array<u8, kCommitmentBytes> bytes = encode_dory_commitment(c);
    transcript.append_bytes(kCommitmentLabel, bytes);
  }
}

std::vector<GT> commitment_values(const WitnessCommitments& commitments) {
  std::vector<GT> out;
  out.reserve(commitments.commitments.size());
  for (const DoryCommitment& c : commitments.commitments) out.push_back(c.commitment);
  return out;
}

std::vector<u8> encode_commitments(std::span<const GT> commitments) {
  std::vector<u8> out;
  out.reserve(commitments.size() * kCommitmentBytes);
  for (const GT& c : commitments) {
    const std::array<u8, kCommitmentBytes> bytes = encode_dory_commitment(c);
    out.insert(out.end(), bytes.begin(), bytes.end());
  }
  return out;
}

DecodeResult<std::vector<GT>> decode_commitments(std::span<const u8> bytes,
                                                 const OneHotParams& one_hot) {
  using Result = DecodeResult<std::vector<GT>>;
  const std::vector<PolyId> polys = committed_polys(one_hot);
  const std::size_t expected = polys.size() * kCommitmentBytes;
  if (bytes.size() != expected)
    return Result::fail(fmt::format("commitments section is {} bytes, expected {} ({} × {})",
                                    bytes.size(), expected, polys.size(), kCommitmentBytes));
  std::vector<GT> out;
  out.reserve(polys.size());
  for (std::size_t i = 0; i < polys.size(); ++i) {
    const DecodeResult<GT> c =
        decode_dory_commitment(bytes.subspan(i * kCommitmentBytes, kCommitmentBytes));
    if (!c) return Result::fail(fmt::format("commitment {}: {}", poly_name(polys[i]), c.error));
    out.push_back(*c);
  }
  return Result::ok(std::move(out));
}

DecodeResult<std::vector<GT>> read_stage0(std::span<const u8> bytes, const OneHotParams& one_hot,
                                          Transcript& transcript) {
  DecodeResult<std::vector<GT>> decoded = decode_commitments(bytes, one_hot);
  if (decoded) absorb_commitments(*decoded, transcript);
  return decoded;
}

}  // namespace rill::zkvm
