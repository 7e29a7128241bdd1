#include "rill/pcs/setup.hpp"

#include <sodium.h>

#include "rill/curve/hash_to_curve.hpp"
#include "rill/curve/pairing.hpp"
#include "rill/pcs/setup_cache.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {

std::span<const u8> seed_bytes(std::string_view seed) {
  return {reinterpret_cast<const u8*>(seed.data()), seed.size()};
}

}  // namespace

DorySetup::DorySetup(std::vector<G1Affine> gamma1, std::vector<G2Affine> gamma2,
                     DoryVerifierSetup verifier)
    : gamma1_(std::move(gamma1)), gamma2_(std::move(gamma2)), verifier_(std::move(verifier)) {
  const std::size_t n = std::size_t{1} << verifier_.max_log_columns;
  RILL_CHECK(gamma1_.size() == n && gamma2_.size() == n, "setup generator count is not 2^K");
  const std::size_t levels = verifier_.max_log_columns + 1;
  RILL_CHECK(verifier_.chi.size() == levels && verifier_.delta1_right.size() == levels &&
                 verifier_.delta2_right.size() == levels,
             "setup level tables must have K + 1 entries");
}

DorySetup DorySetup::generate(unsigned max_log_n) {
  const unsigned k_max = log_columns_for(max_log_n);
  RILL_CHECK(k_max <= 24, "Dory setup larger than 2^24 generators per side");
  const std::size_t n = std::size_t{1} << k_max;
  std::vector<G1Affine> gamma1(n);
  std::vector<G2Affine> gamma2(n);
  parallel_for(0, n, 16, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) {
      gamma1[i] = hash_to_g1(seed_bytes(kGammaSeed), i);
      gamma2[i] = hash_to_g2(seed_bytes(kGammaSeed), i);
    }
  });

  DoryVerifierSetup v;
  v.max_log_columns = k_max;
  v.g1 = gamma1[0];
  v.g2 = gamma2[0];
  v.h1 = hash_to_g1(seed_bytes(kBlindSeed), 0);
  v.h2 = hash_to_g2(seed_bytes(kBlindSeed), 0);
  v.ht = pairing(v.h1, v.h2);
  v.chi.push_back(pairing(gamma1[0], gamma2[0]));
  v.delta1_right.push_back(GT::one());
  v.delta2_right.push_back(GT::one());
  const std::span<const G1Affine> g1(gamma1);
  const std::span<const G2Affine> g2(gamma2);
  for (unsigned k = 1; k <= k_max; ++k) {
    const std::size_t h = std::size_t{1} << (k - 1);
    // χ_k = χ_{k−1} + Σ_{h ≤ i < 2h} e(Γ1[i], Γ2[i])
    v.chi.push_back(v.chi.back() * multi_pairing(g1.subspan(h, h), g2.subspan(h, h)));
    v.delta1_right.push_back(multi_pairing(g1.subspan(h, h), g2.first(h)));
    v.delta2_right.push_back(multi_pairing(g1.first(h), g2.subspan(h, h)));
  }
  return DorySetup(std::move(gamma1), std::move(gamma2), std::move(v));
}

DorySetup DorySetup::prefix(unsigned log_columns) const {
  RILL_CHECK(log_columns <= max_log_columns(), "setup prefix larger than the setup");
  const std::size_t n = std::size_t{1} << log_columns;
  DoryVerifierSetup v = verifier_;
  v.max_log_columns = log_columns;
  v.chi.resize(log_columns + 1);
  v.delta1_right.resize(log_columns + 1);
  v.delta2_right.resize(log_columns + 1);
  return DorySetup(std::vector<G1Affine>(gamma1_.begin(), gamma1_.begin() + n),
                   std::vector<G2Affine>(gamma2_.begin(), gamma2_.begin() + n), std::move(v));
}

std::array<u8, 32> DorySetup::digest() const {
  const std::vector<u8> bytes = encode_setup_payload(*this);
  std::array<u8, 32> out{};
  crypto_generichash(out.data(), out.size(), bytes.data(), bytes.size(), nullptr, 0);
  return out;
}

std::array<u8, 32> DoryVerifierSetup::digest(unsigned log_columns) const {
  RILL_CHECK(log_columns <= max_log_columns, "digest of levels the setup does not have");
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  const auto absorb = [&state](std::span<const u8> bytes) {
    crypto_generichash_update(&state, bytes.data(), bytes.size());
  };
  const std::array<u8, 4> sigma = {static_cast<u8>(log_columns), static_cast<u8>(log_columns >> 8),
                                   static_cast<u8>(log_columns >> 16),
                                   static_cast<u8>(log_columns >> 24)};
  absorb(sigma);
  absorb(g1.to_uncompressed_bytes());
  absorb(h1.to_uncompressed_bytes());
  absorb(g2.to_uncompressed_bytes());
  absorb(h2.to_uncompressed_bytes());
  absorb(ht.to_bytes());
  for (unsigned k = 0; k <= log_columns; ++k) absorb(chi[k].to_bytes());
  for (unsigned k = 1; k <= log_columns; ++k) absorb(delta1_right[k].to_bytes());
  for (unsigned k = 1; k <= log_columns; ++k) absorb(delta2_right[k].to_bytes());
  std::array<u8, 32> out{};
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

std::size_t DorySetup::memory_bytes() const {
  return gamma1_.capacity() * sizeof(G1Affine) + gamma2_.capacity() * sizeof(G2Affine) +
         3 * verifier_.chi.capacity() * sizeof(GT);
}

}  // namespace rill
