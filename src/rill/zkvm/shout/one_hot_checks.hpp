// Booleanity, Hamming weight and the stage-7 claim reduction for committed one-hot chunks
// (reference jolt-protocol.md §9, §3 stages 6a/6b/7): dense reference evaluators over small
// K_chunk × T matrices, for the tests of the streaming instances, and the verifier's closed forms.
//
// A chunk ra_i is a K × T matrix (K = 2^log_k addresses, T = 2^log_t cycles), ra(k, j); its point
// is (r_a ‖ r_c) with both parts big-endian (r_a[0] pairs with the most significant address bit).
// One-hot: column j has a single 1 at k = k_i(j) (instruction and bytecode chunks), or is all zero
// (a RAM chunk on a cycle without a RAM access).
//
//   MLE            ra(r_a, r_c) = Σ_{k,j} eq(r_a, k)·eq(r_c, j)·ra(k, j)
//                               = Σ_j eq(r_c, j)·eq(r_a, k(j))        for a one-hot chunk
//   Booleanity     0 = Σ_{k,j} eq(r_a, k)·eq(r_c, j)·Σ_i γ^{2i}·(ra_i(k, j)² − ra_i(k, j))
//                  final value at the bound point (ρ_a, ρ_c), from the claims v_i = ra_i(ρ_a, ρ_c):
//                  eq(r_a, ρ_a)·eq(r_c, ρ_c)·Σ_i γ^{2i}·(v_i² − v_i)
//   RAM Hamming    0 = Σ_j eq(r, j)·(H(j)² − H(j)),   H(j) = Σ_k ra(k, j)
//   booleanity
//   G tables       G_i(k) = Σ_j eq(r_c, j)·ra_i(k, j)   (one pushforward pass for one-hot chunks)
//   Stage 7        Σ_i [γ^{3i}·A_i + γ^{3i+1}·bool_i + γ^{3i+2}·virt_i]
//                    = Σ_k Σ_i G_i(k)·[γ^{3i} + γ^{3i+1}·eq(r_bool, k) + γ^{3i+2}·eq(r_virt_i, k)]
//                  with A_i = Σ_k G_i(k) (= 1 for instruction/bytecode chunks, H(r_c) for RAM),
//                  bool_i = ra_i(r_bool, r_c), virt_i = ra_i(r_virt_i, r_c); after binding k to ρ
//                  the final value is Σ_i ra_i(ρ, r_c)·[γ^{3i} + γ^{3i+1}·eq(r_bool, ρ)
//                  + γ^{3i+2}·eq(r_virt_i, ρ)].
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"

namespace rill::zkvm::shout {

// A K × T matrix of field values, stored cycle-major: values[k·T + j] (the commitment layout).
struct DenseRa {
  unsigned log_k = 0;
  unsigned log_t = 0;
  std::vector<Fr> values;

  std::size_t num_addresses() const { return std::size_t{1} << log_k; }
  std::size_t num_cycles() const { return std::size_t{1} << log_t; }
  const Fr& at(std::size_t k, std::size_t j) const { return values[k * num_cycles() + j]; }
  Fr& at(std::size_t k, std::size_t j) { return values[k * num_cycles() + j]; }
};

// The one-hot matrix of per-cycle indices (nullopt: an all-zero column); T = indices.size().
DenseRa dense_ra_from_indices(unsigned log_k, std::span<const std::optional<u32>> indices);

// ra(r_a, r_c) by the dense double sum.
Fr dense_ra_mle(const DenseRa& ra, std::span<const Fr> r_a, std::span<const Fr> r_c);
// ra(r_a, r_c) = Σ_j eq(r_c, j)·eq(r_a, k(j)) for one-hot indices.
Fr one_hot_ra_mle(unsigned log_k, std::span<const std::optional<u32>> indices,
                  std::span<const Fr> r_a, std::span<const Fr> r_c);

// Σ_{k,j} eq(r_a, k)·eq(r_c, j)·Σ_i γ^{2i}·(ra_i(k, j)² − ra_i(k, j)).
Fr booleanity_sum(std::span<const DenseRa> ra, std::span<const Fr> r_a, std::span<const Fr> r_c,
                  const Fr& gamma);
// eq(r_a, ρ_a)·eq(r_c, ρ_c)·Σ_i γ^{2i}·(v_i² − v_i).
Fr booleanity_final_value(std::span<const Fr> r_a, std::span<const Fr> r_c,
                          std::span<const Fr> rho_a, std::span<const Fr> rho_c,
                          std::span<const Fr> claims, const Fr& gamma);

// Σ_j eq(r, j)·(H(j)² − H(j)) with H(j) = Σ_k ra(k, j).
Fr ram_hamming_booleanity_sum(const DenseRa& ra, std::span<const Fr> r);

// G(k) = Σ_j eq(r_c, j)·ra(k, j), densely and by one pushforward pass over one-hot indices.
std::vector<Fr> dense_hamming_g(const DenseRa& ra, std::span<const Fr> r_c);
std::vector<Fr> one_hot_hamming_g(unsigned log_k, std::span<const std::optional<u32>> indices,
                                  std::span<const Fr> r_c);

// Stage-7 input claim Σ_i γ^{3i}·A_i + γ^{3i+1}·bool_i + γ^{3i+2}·virt_i.
Fr hamming_reduction_input(std::span<const Fr> activation, std::span<const Fr> booleanity_claims,
                           std::span<const Fr> virtualization_claims, const Fr& gamma);
// The per-address weight of chunk i: γ^{3i} + γ^{3i+1}·eq(r_bool, k) + γ^{3i+2}·eq(r_virt_i, k),
// as a table over k (2^log_k entries), i = `chunk`.
std::vector<Fr> hamming_reduction_weights(std::span<const Fr> r_bool, std::span<const Fr> r_virt,
                                          std::size_t chunk, const Fr& gamma);
// Σ_k Σ_i G_i(k)·weight_i(k).
Fr hamming_reduction_sum(std::span<const std::vector<Fr>> g, std::span<const Fr> r_bool,
                         std::span<const std::vector<Fr>> r_virt, const Fr& gamma);
// The verifier's final value at ρ: Σ_i ra_i(ρ, r_c)·[γ^{3i} + γ^{3i+1}·eq(r_bool, ρ)
// + γ^{3i+2}·eq(r_virt_i, ρ)], from the claims ra_i(ρ, r_c).
Fr hamming_reduction_final_value(std::span<const Fr> ra_claims, std::span<const Fr> r_bool,
                                 std::span<const std::vector<Fr>> r_virt, std::span<const Fr> rho,
                                 const Fr& gamma);

}  // namespace rill::zkvm::shout
