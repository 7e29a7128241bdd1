// Fixed-base scalar multiplication k·P for one point P and many scalars k (the prover's
// v2[c] = v[c]·g2): a table of j·2^(8w)·P for every byte position w and byte value j turns each
// multiplication into 32 mixed additions instead of ~254 doublings and ~64 additions.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"

namespace rill::detail {

template <class Point>
class FixedBaseTable {
  using Affine = typename Point::Affine;
  static constexpr unsigned kWindows = 32;  // 32 bytes cover a 256-bit scalar
  static constexpr unsigned kDigits = 256;

 public:
  explicit FixedBaseTable(const Affine& base) {
    std::vector<Point> points(kWindows * (kDigits - 1));
    Point window_base = Point::from_affine(base);
    for (unsigned w = 0; w < kWindows; ++w) {
      Point multiple = window_base;
      for (unsigned j = 1; j < kDigits; ++j) {
        points[w * (kDigits - 1) + (j - 1)] = multiple;
        multiple += window_base;
      }
      window_base = multiple;  // 256·2^(8w)·P = 2^(8(w+1))·P
    }
    table_ = batch_normalize(std::span<const Point>(points));
  }

  // k·P = Σ_w byte_w(k)·2^(8w)·P.
  Point mul(const Fr& k) const {
    const std::array<u64, 4> limbs = k.to_limbs();
    Point acc = Point::identity();
    for (unsigned w = 0; w < kWindows; ++w) {
      const unsigned digit = static_cast<unsigned>(limbs[w / 8] >> (8 * (w % 8))) & 0xffu;
      if (digit != 0) acc = acc.add_mixed(table_[w * (kDigits - 1) + (digit - 1)]);
    }
    return acc;
  }

 private:
  std::vector<Affine> table_;
};

}  // namespace rill::detail
