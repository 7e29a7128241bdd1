#include "rill/pcs/byte_buckets.hpp"

#include "rill/curve/batch_affine.hpp"
#include "rill/util/check.hpp"

namespace rill {

ByteBucketCommitter::ByteBucketCommitter(std::span<const G1Affine> gamma1, std::size_t columns)
    : gamma1_(gamma1), columns_(columns) {
  RILL_CHECK(columns <= gamma1.size(), "more columns than setup generators");
}

std::span<const G1Affine> ByteBucketCommitter::shifted(unsigned b) const {
  std::call_once(built_[b], [&] {
    std::vector<G1> points(columns_);
    for (std::size_t c = 0; c < columns_; ++c) {
      G1 p = G1::from_affine(gamma1_[c]);
      for (unsigned i = 0; i < 8 * b; ++i) p = p.doubled();
      points[c] = p;
    }
    shifted_[b] = batch_normalize(std::span<const G1>(points));
  });
  return shifted_[b];
}

G1 ByteBucketCommitter::commit(std::span<const u64> magnitudes, std::span<const u8> negative,
                               std::size_t first_column) const {
  RILL_CHECK(first_column + magnitudes.size() <= columns_, "row piece past the last column");
  RILL_CHECK(negative.empty() || negative.size() == magnitudes.size(), "one sign per value");
  u64 all_bits = 0;
  for (u64 x : magnitudes) all_bits |= x;
  unsigned bytes = 0;
  while (bytes < 8 && (all_bits >> (8 * bytes)) != 0) ++bytes;
  std::array<std::span<const G1Affine>, 8> tables;
  for (unsigned b = 0; b < bytes; ++b) tables[b] = shifted(b);

  // Counting sort of the non-zero bytes by value: bucket d lists ±P[b][c] with byte_b(x_c) = d.
  std::vector<u32> offsets(257, 0);
  for (u64 x : magnitudes) {
    for (unsigned b = 0; b < bytes; ++b) ++offsets[((x >> (8 * b)) & 0xff) + 1];
  }
  offsets[1] = 0;  // byte value 0 adds nothing
  for (unsigned d = 1; d < 256; ++d) offsets[d + 1] += offsets[d];
  std::vector<G1Affine> points(offsets[256]);
  std::vector<u32> cursor(offsets.begin(), offsets.end() - 1);
  for (std::size_t c = 0; c < magnitudes.size(); ++c) {
    const bool neg = !negative.empty() && negative[c] != 0;
    for (unsigned b = 0; b < bytes; ++b) {
      const unsigned d = static_cast<unsigned>(magnitudes[c] >> (8 * b)) & 0xff;
      if (d == 0) continue;
      const G1Affine& p = tables[b][first_column + c];
      points[cursor[d]++] = neg ? -p : p;
    }
  }
  detail::SegmentSummer<G1Affine> summer;
  const std::vector<G1Affine> sums = summer.sum_segments(points, offsets);

  // Σ_d d·B_d = Σ_{j ≥ 1} Σ_{d ≥ j} B_d: a running sum from the top bucket down.
  G1 running = G1::identity(), total = G1::identity();
  for (unsigned d = 255; d >= 1; --d) {
    running = running.add_mixed(sums[d]);
    total += running;
  }
  return total;
}

}  // namespace rill
