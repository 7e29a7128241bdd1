// Stage 2e: RAM output check (reference jolt-protocol.md §3 stage 2e and §7.4, 4-byte words).
//
//   0 = Σ_k eq(r_output, k)·io_mask(k)·(ValFinal(k) − ValIO(k))
//
// io_mask: the I/O block, words [0, io_words) (io_words a power of two, the block below the
// program image: riscv/memory_layout.hpp); ValIO: the public I/O words (input length and bytes,
// output length and bytes, panic word, termination word = 1 iff no panic); ValFinal: the RAM
// after the run. log K_ram rounds, degree 3, at offset 0 with the read-write checking (challenges
// r_a^2). The prover's ValFinal is Init + Δ, the read-write instance's round-0 tables (no pass of
// its own). Output: RamValFinal @ r_a^2.
// Verifier: eq(r_output, r_a^2)·io_mask(r_a^2)·(RamValFinal(r_a^2) − ValIO(r_a^2)), io_mask and
// ValIO evaluated by the caller's evaluators (sparse, from the statement, never from the proof).
#pragma once

#include <functional>
#include <optional>

#include "rill/riscv/memory_layout.hpp"
#include "rill/sumcheck/product.hpp"
#include "rill/zkvm/stages/ram_read_write.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRamOutputCheckDegree = 3;

class RamOutputCheckProver final : public StageProver {
 public:
  // r_output: log K_ram challenges (big-endian); io_words: the I/O block's size in words;
  // claimed_io: the statement's I/O words (sorted or not, zeros may be omitted).
  RamOutputCheckProver(const RamReadWriteProver& rw, std::vector<Fr> r_output, u64 io_words,
                       std::span<const riscv::MemoryWord> claimed_io);

  unsigned num_rounds() const override { return log_k_; }
  unsigned degree() const override { return kRamOutputCheckDegree; }
  Fr input_claim() const override { return Fr::zero(); }
  bool needs_pass(unsigned) const override { return false; }
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned) override;
  UniPoly round_poly(unsigned round, const Fr& claim) override;
  void bind(unsigned round, const Fr& challenge) override;
  // RamValFinal @ r_a^2.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  Fr val_final_claim() const;

 private:
  const RamReadWriteProver& rw_;
  unsigned log_k_;
  std::vector<Fr> r_output_;
  u64 io_words_;
  std::vector<riscv::MemoryWord> io_;
  std::optional<DenseProductSumcheck> rounds_;
};

// A multilinear evaluator at a big-endian address point.
using AddressMle = std::function<Fr(std::span<const Fr>)>;

class RamOutputCheckVerifier final : public SumcheckVerifierInstance {
 public:
  RamOutputCheckVerifier(std::vector<Fr> r_output, const Fr& val_final, AddressMle io_mask,
                         AddressMle val_io);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_output_.size()); }
  unsigned degree() const override { return kRamOutputCheckDegree; }
  Fr input_claim() const override { return Fr::zero(); }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  std::vector<Fr> r_output_;
  Fr val_final_;
  AddressMle io_mask_, val_io_;
};

}  // namespace rill::zkvm
