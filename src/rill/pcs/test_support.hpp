// Shared helpers of the pcs unit tests (not part of the library).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/pcs/setup_cache.hpp"
#include "rill/poly/dense.hpp"

namespace rill::test {

// One cache directory per test build (RILL_PCS_TEST_CACHE, set by CMake), so the test processes
// CTest starts share a generated setup instead of each building its own, and the user's cache is
// never touched.
inline const DorySetup& shared_setup(unsigned max_log_n) {
  static std::map<unsigned, std::unique_ptr<DorySetup>> setups;
  const unsigned k = DorySetup::log_columns_for(max_log_n);
  auto& slot = setups[k];
  if (!slot) {
    ::setenv("XDG_CACHE_HOME", RILL_PCS_TEST_CACHE, 1);
    slot = std::make_unique<DorySetup>(load_or_generate_setup(2 * k));
  }
  return *slot;
}

inline std::vector<Fr> random_point(std::mt19937_64& rng, unsigned n) {
  std::vector<Fr> p(n);
  for (Fr& x : p) x = Fr::random(rng);
  return p;
}

// f(point) computed by the poly layer's dense evaluation (independent of the Dory code).
inline Fr reference_eval(std::span<const Fr> evals, std::span<const Fr> point) {
  tracked_vector<Fr> copy(evals.begin(), evals.end());
  copy.resize(std::size_t{1} << point.size(), Fr::zero());
  return DensePoly(std::move(copy)).evaluate(point);
}

}  // namespace rill::test
