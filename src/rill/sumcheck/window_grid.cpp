#include "rill/sumcheck/window_grid.hpp"

#include <algorithm>

#include "rill/util/check.hpp"

namespace rill {

std::size_t grid_size(unsigned dims, unsigned degree) {
  std::size_t s = 1;
  for (unsigned j = 0; j < dims; ++j) s *= degree + 1;
  return s;
}

void extend_to_grid(std::span<const Fr> binary, unsigned dims, unsigned degree, std::span<Fr> out,
                    std::span<Fr> scratch) {
  const std::size_t width = degree + 1;
  RILL_CHECK_EQ(binary.size(), std::size_t{1} << dims, "binary values of the wrong size");
  RILL_CHECK(out.size() >= grid_size(dims, degree) && scratch.size() >= grid_size(dims, degree),
             "grid buffers too small");
  // Alternate between the two buffers so that the last step writes `out`.
  Fr* bufs[2] = {out.data(), scratch.data()};
  Fr* cur = bufs[dims % 2];
  std::copy(binary.begin(), binary.end(), cur);
  // Before step j the layout is: digits 0..j−1 in base D+1 (stride 1 … (D+1)^{j−1}), then
  // binary digits j..ω−1 with stride (D+1)^j.
  std::size_t stride = 1;  // (D+1)^j
  for (unsigned j = 0; j < dims; ++j) {
    Fr* next = (cur == bufs[0]) ? bufs[1] : bufs[0];
    const std::size_t rest = std::size_t{1} << (dims - j - 1);
    for (std::size_t hi = 0; hi < rest; ++hi) {
      for (std::size_t e = 0; e < stride; ++e) {
        const Fr f0 = cur[e + stride * (2 * hi)];
        const Fr f1 = cur[e + stride * (2 * hi + 1)];
        const Fr step = f1 - f0;
        Fr* dst = next + e + stride * width * hi;
        dst[0] = f0;
        dst[stride] = f1;
        Fr v = f1;
        for (std::size_t k = 2; k < width; ++k) {
          v += step;
          dst[stride * k] = v;
        }
      }
    }
    cur = next;
    stride *= width;
  }
  RILL_CHECK(cur == out.data(), "grid extension ended in the scratch buffer");
}

WindowGrid::WindowGrid(std::vector<Fr> values, unsigned dims, unsigned degree)
    : values_(std::move(values)), dims_(dims), degree_(degree) {
  RILL_CHECK_EQ(values_.size(), grid_size(dims, degree), "grid has the wrong size");
}

UniPoly WindowGrid::round_poly() const { return round_poly(std::vector<Fr>()); }

UniPoly WindowGrid::round_poly(std::span<const Fr> later_eq) const {
  RILL_CHECK(dims_ > 0, "the window is exhausted");
  RILL_CHECK(later_eq.empty() || later_eq.size() + 1 == dims_, "one eq coordinate per digit");
  const std::size_t width = degree_ + 1;
  std::vector<Fr> evals(width, Fr::zero());
  // Sum over the Boolean points of the other digits: enumerate them as bit patterns and map
  // each to its base-(D+1) offset.
  const std::size_t others = std::size_t{1} << (dims_ - 1);
  for (std::size_t bits = 0; bits < others; ++bits) {
    std::size_t offset = 0, stride = width;
    Fr weight = Fr::one();
    for (unsigned j = 0; j + 1 < dims_; ++j, stride *= width) {
      const bool bit = (bits >> j) & 1;
      if (bit) offset += stride;
      if (!later_eq.empty()) weight *= bit ? later_eq[j] : Fr::one() - later_eq[j];
    }
    for (std::size_t x = 0; x < width; ++x)
      evals[x] += later_eq.empty() ? values_[offset + x] : weight * values_[offset + x];
  }
  return UniPoly::from_evals(evals);
}

void WindowGrid::bind_first(const Fr& r) {
  RILL_CHECK(dims_ > 0, "the window is exhausted");
  const std::size_t width = degree_ + 1;
  const std::vector<Fr> basis = lagrange_basis_at(degree_, r);
  std::vector<Fr> next(values_.size() / width);
  for (std::size_t rest = 0; rest < next.size(); ++rest) {
    Fr acc = Fr::zero();
    for (std::size_t k = 0; k < width; ++k) acc += basis[k] * values_[k + width * rest];
    next[rest] = acc;
  }
  values_ = std::move(next);
  --dims_;
}

}  // namespace rill
