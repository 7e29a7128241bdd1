// Dory's transparent setup (reference dory.md §1.3–1.4).
//
// Generators: Γ1[i] = hash_to_g1(kGammaSeed, i), Γ2[i] = hash_to_g2(kGammaSeed, i) for
// i < 2^K, and h1 = hash_to_g1(kBlindSeed, 0), h2 = hash_to_g2(kBlindSeed, 0). Nobody knows a
// discrete-log relation between any two of them, and the generators do not depend on K, so the
// setup for a smaller size is a prefix of the setup for a larger one.
//
// Verifier tables, for every level k = 0..K (the reduction at length 2^k uses level k):
//   χ_k   = Σ_{i<2^k} e(Γ1[i], Γ2[i])                          (GT written additively)
//   Δ1R_k = Σ_{i<h} e(Γ1[h+i], Γ2[i]),   Δ2R_k = Σ_{i<h} e(Γ1[i], Γ2[h+i]),   h = 2^(k−1)
//   Δ1L_k = Δ2L_k = χ_{k−1}  (not stored twice);  HT = e(h1, h2).
// Building them costs about 3·2^K Miller loops.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/curve/gt.hpp"
#include "rill/util/int.hpp"

namespace rill {

// What the verifier needs: no generator vectors, only O(K) group elements.
struct DoryVerifierSetup {
  unsigned max_log_columns = 0;  // K: the largest σ this setup can open
  G1Affine g1, h1;               // g1 = Γ1[0]
  G2Affine g2, h2;               // g2 = Γ2[0]
  GT ht;                         // e(h1, h2)
  std::vector<GT> chi;           // χ_k, k = 0..K
  std::vector<GT> delta1_right;  // Δ1R_k (index 0 unused: the identity)
  std::vector<GT> delta2_right;  // Δ2R_k (index 0 unused: the identity)

  const GT& delta_left(unsigned k) const { return chi[k - 1]; }

  // BLAKE2b-256 of what the verifier uses to open a σ-round proof (σ ≤ K): u32le σ ‖ g1 ‖ h1 ‖
  // g2 ‖ h2 (uncompressed) ‖ HT ‖ χ_0..χ_σ ‖ Δ1R_1..Δ1R_σ ‖ Δ2R_1..Δ2R_σ (GT, 384 B each). It
  // depends on σ only, not on K (a setup's levels ≤ σ are those of its σ-prefix), so a proof's
  // preamble can bind the setup whichever cached size either side loaded. O(σ) elements: cheap.
  std::array<u8, 32> digest(unsigned log_columns) const;
};

class DorySetup {
 public:
  // Domain-separation seeds of the hash-to-curve calls (part of the protocol: changing them
  // changes every commitment).
  static constexpr std::string_view kGammaSeed = "rill/dory/v1/gamma";
  static constexpr std::string_view kBlindSeed = "rill/dory/v1/blind";

  // The setup for polynomials of up to 2^max_log_n coefficients: K = ⌈max_log_n/2⌉ (odd sizes
  // round up, so n and n + 1 share one setup). Parallel; deterministic.
  static DorySetup generate(unsigned max_log_n);
  // Assembles a setup from its parts (the cache loader); checks the sizes, not the values.
  DorySetup(std::vector<G1Affine> gamma1, std::vector<G2Affine> gamma2, DoryVerifierSetup verifier);
  DorySetup() = default;

  static unsigned log_columns_for(unsigned max_log_n) { return (max_log_n + 1) / 2; }

  unsigned max_log_columns() const { return verifier_.max_log_columns; }
  std::span<const G1Affine> gamma1() const { return gamma1_; }  // Γ1, 2^K points
  std::span<const G2Affine> gamma2() const { return gamma2_; }  // Γ2, 2^K points
  const DoryVerifierSetup& verifier() const { return verifier_; }

  // The setup for K' ≤ K: the first 2^K' generators and the first K' + 1 levels.
  DorySetup prefix(unsigned log_columns) const;

  // BLAKE2b-256 of the canonical encoding (setup_cache.hpp), for statements that bind the setup.
  std::array<u8, 32> digest() const;

  std::size_t memory_bytes() const;

 private:
  std::vector<G1Affine> gamma1_;
  std::vector<G2Affine> gamma2_;
  DoryVerifierSetup verifier_;
};

}  // namespace rill
