// Stage 2d: RAM RAF evaluation (reference jolt-protocol.md §3 stage 2d, 4-byte words).
//
//   RamAddress(r_c^1) = Σ_k F(k)·unmap(k),   F(k) = Σ_j eq(r_c^1, j)·ra(k, j),
//   unmap(k) = lowest + 4·k
//
// log K_ram rounds, degree 2, at offset 0 with the RAM read-write checking, so its challenges are
// r_a^2. A row without an access has RamAddress = 0 and a zero ra row, so both sides agree; an
// accessed address must be exactly lowest + 4k. F is the read-write instance's round-0 access
// table C (the same eq(r_c^1, ·) weight, leg coefficient 1): the RAF reads it instead of a pass of
// its own. Output: RamRa @ (r_a^2 ‖ r_c^1) = F(r_a^2).
// Verifier: RamRa(r_a^2, r_c^1)·(lowest + 4·Σ_b 2^b·r_b) (r_b the challenge of address bit b).
#pragma once

#include <optional>

#include "rill/sumcheck/product.hpp"
#include "rill/zkvm/stages/ram_read_write.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRamRafDegree = 2;

class RamRafProver final : public StageProver {
 public:
  // rw: the RAM read-write prover of the same batch at the same offset (its round-0 tables);
  // claim: RamAddress(r_c^1).
  RamRafProver(const RamReadWriteProver& rw, u32 lowest_address, const Fr& claim);

  unsigned num_rounds() const override { return log_k_; }
  unsigned degree() const override { return kRamRafDegree; }
  Fr input_claim() const override { return claim_; }
  bool needs_pass(unsigned) const override { return false; }
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned) override;
  UniPoly round_poly(unsigned round, const Fr& claim) override;
  void bind(unsigned round, const Fr& challenge) override;
  // RamRa @ (r_a^2 ‖ r_c^1).
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  Fr ra_claim() const;

 private:
  const RamReadWriteProver& rw_;
  unsigned log_k_;
  u32 lowest_;
  Fr claim_;
  std::optional<DenseProductSumcheck> rounds_;
};

class RamRafVerifier final : public SumcheckVerifierInstance {
 public:
  RamRafVerifier(unsigned log_k, u32 lowest_address, const Fr& ram_address, const Fr& ra);
  unsigned num_rounds() const override { return log_k_; }
  unsigned degree() const override { return kRamRafDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  unsigned log_k_;
  u32 lowest_;
  Fr claim_, ra_;
};

// unmap(r) = lowest + 4·Σ_b 2^b·r_b for the challenges in round order (r_0 binds bit 0).
Fr ram_unmap_eval(u32 lowest_address, std::span<const Fr> challenges);

}  // namespace rill::zkvm
