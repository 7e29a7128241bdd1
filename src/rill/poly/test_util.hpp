// Helpers shared by the poly and sumcheck tests (random field vectors, Boolean points).
#pragma once

#include <random>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill::testing {

inline std::vector<Fr> random_vector(std::mt19937_64& rng, std::size_t n) {
  std::vector<Fr> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(Fr::random(rng));
  return v;
}

inline tracked_vector<Fr> random_table(std::mt19937_64& rng, unsigned num_vars) {
  tracked_vector<Fr> v;
  for (std::size_t i = 0; i < (std::size_t{1} << num_vars); ++i) v.push_back(Fr::random(rng));
  return v;
}

// The big-endian Boolean point of index x over n variables: point[k] = bit n−1−k of x.
inline std::vector<Fr> boolean_point(std::uint64_t x, unsigned n) {
  std::vector<Fr> p(n);
  for (unsigned k = 0; k < n; ++k) p[k] = ((x >> (n - 1 - k)) & 1) ? Fr::one() : Fr::zero();
  return p;
}

}  // namespace rill::testing
