// Montgomery's batch-inversion trick for the curve layer's own use (affine conversion and the
// batch-affine additions of the MSM), generic over Fq and Fq2.
#pragma once

#include <span>
#include <vector>

namespace rill::detail {

// Replaces every nonzero v[i] by its inverse, zeros stay zero; `scratch` is reused storage.
// Cost: 3(n − 1) multiplications and one inversion: prefix products a_0·…·a_i, one inverse of
// the total, then walking back inv_i = prefix_{i−1} · inv_total_i, inv_total_{i−1} =
// inv_total_i·a_i.
template <class F>
void batch_invert(std::span<F> v, std::vector<F>& scratch) {
  scratch.resize(v.size());
  F acc = F::one();
  for (std::size_t i = 0; i < v.size(); ++i) {
    scratch[i] = acc;
    if (!v[i].is_zero()) acc = acc * v[i];
  }
  F inv = acc.inverse();
  for (std::size_t i = v.size(); i-- > 0;) {
    if (v[i].is_zero()) continue;
    const F vi = v[i];
    v[i] = inv * scratch[i];
    inv = inv * vi;
  }
}

// Affine forms of Jacobian points: (X/Z², Y/Z³) with one shared inversion of all Z.
template <class Point>
std::vector<typename Point::Affine> batch_normalize_points(std::span<const Point> points) {
  using F = typename Point::Field;
  using Affine = typename Point::Affine;
  std::vector<F> zinv(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) zinv[i] = points[i].z();
  std::vector<F> scratch;
  batch_invert<F>(zinv, scratch);
  std::vector<Affine> out(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i].is_identity()) {
      out[i] = Affine::identity();
      continue;
    }
    const F zinv2 = zinv[i].square();
    out[i] = Affine{points[i].x() * zinv2, points[i].y() * zinv2 * zinv[i], false};
  }
  return out;
}

}  // namespace rill::detail
