// Stage 5a: instruction read + RAF (reference jolt-protocol.md §3 stage 5a, §5; docs/protocol.md,
// "Shout"), the whole instance: LOG_K = 64 address rounds then log T cycle rounds.
//
//   LookupOutput(r_c^2) + γ·LeftLookupOperand(r_c^2) + γ²·RightLookupOperand(r_c^2)
//     = Σ_{k ∈ {0,1}^64} Σ_j eq(r_c^2, j)·ra(k, j)·V_j(k),
//   V_j(k) = Val_{t(j)}(k) + γ·(1−rf_j)·(LeftOp(k) + γ·RightOp(k)) + γ²·rf_j·Id(k),
//
// ra(k, j) = [k = k_j] (k_j the lookup index of cycle j), t(j) its table (none: Val = 0), rf_j its
// InstructionRafFlag.
//   * Rounds 0 … 63 bind k most significant bit first (degree 2): shout::ReadRafAddressProver,
//     one pushforward pass per phase of 8 bits; its challenges are r_a^5 in round order.
//   * Rounds 64 … 64 + log T − 1 bind j low to high (degree n_virtual + 2) through the product
//     engine: with n_virtual virtual chunks of w bits (w = LOG_K / n_virtual),
//       claim_64 = Σ_j eq(r_c^2, j)·Π_v ra_v(j)·cv(j),
//       ra_v(j) = eq(chunk_v(r_a^5), chunk_v(k_j))   (chunk_v: bits [v·w, (v+1)·w), MSB first),
//       cv(j)   = Val_{t(j)}(r_a^5) + γ·(1−rf_j)·(LeftOp(r_a^5) + γ·RightOp(r_a^5))
//                 + γ²·rf_j·Id(r_a^5),
//     one term of n_virtual + 1 factors with weight eq(r_c^2, ·) (Π_v ra_v(j) = eq(r_a^5, k_j)).
//     cv(j) takes one of 2·27 values (table or none × rf), read from a small table.
// Outputs at r_c^5 (the cycle challenges reversed): InstructionRaVirtual(v) @
// (chunk_v(r_a^5) ‖ r_c^5) = the factors ra_v; LookupTableFlag(t) (26) and InstructionRafFlag as
// sidecar claims (cv is not a product of the flags, so they cannot be factors without raising the
// degree; the stage's sidecar pass at r_c^5 evaluates all 27 in one pass).
// Verifier: eq(r_c^2, r_c^5)·Π_v ra_v·read_raf_address_value(r_a^5, flags, rf, γ).
#pragma once

#include <memory>
#include <optional>
#include <set>

#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/zkvm/shout/instruction_read_raf.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/stages/stage_prover.hpp"
#include "rill/zkvm/stages/stage_table.hpp"

namespace rill::zkvm {

inline constexpr unsigned kInstructionLogK = 64;

// The read-RAF's view of a record's lookup.
shout::LookupCycle lookup_cycle(const CycleRecord& record);

// The cycle rounds' factors per record: ra_v (v < n_virtual), then cv. Also a OneHotKernel
// (sumcheck/product_pass.hpp): every factor is a table lookup, ra_v into eq(chunk_v(r_a), ·) by
// the chunk and cv into the values by 2·slot + rf, so the linear schedule keeps them as u8/u16
// indices (never zero) through the first binds.
class ReadRafCycleKernel {
 public:
  using Record = CycleRecord;
  // eq tables: eq(chunk_v(r_a), ·) over w bits, one per virtual chunk; values[2·slot + rf] with
  // slot = the table kind, or kNumTables for none.
  ReadRafCycleKernel(std::vector<tracked_vector<Fr>> eq_tables, tracked_vector<Fr> values,
                     unsigned log_chunk);
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64, Fr* out) const {
    const auto& tables = *tables_;
    u32 index[ProductShape::kMaxFactors];
    one_hot_indices(r, index);
    for (std::size_t f = 0; f < tables.size(); ++f) out[f] = tables[f][index[f]];
  }
  const tracked_vector<Fr>* one_hot_table(unsigned f) const {
    return f < tables_->size() ? &(*tables_)[f] : nullptr;
  }
  bool one_hot_never_zero(unsigned) const { return true; }
  void one_hot_indices(const CycleRecord& r, u32* out) const {
    const unsigned n = static_cast<unsigned>(tables_->size()) - 1;
    const u64 mask = (u64{1} << log_chunk_) - 1;
    for (unsigned v = 0; v < n; ++v)
      out[v] =
          static_cast<u32>((r.lookup_index >> (kInstructionLogK - (v + 1) * log_chunk_)) & mask);
    const unsigned slot = r.table == CycleRecord::kNoTable ? lookups::kNumTables : r.table;
    out[n] = 2 * slot + (r.interleaved ? 0 : 1);
  }

 private:
  // The n_virtual eq tables, then the values.
  std::shared_ptr<const std::vector<tracked_vector<Fr>>> tables_;
  unsigned log_chunk_;
};

class InstructionReadRafProver final : public StageProver {
 public:
  using AddressProver = shout::ReadRafAddressProver<32, Fr>;

  // r_c2: the eq point (big-endian, log T); log_chunk: w, the virtual chunk width (divides 64, a
  // union of whole phases); cycle_schedule: log T rounds; claim: the input claim above.
  InstructionReadRafProver(
      const Fr& gamma, std::vector<Fr> r_c2, unsigned log_chunk, Schedule cycle_schedule,
      const Fr& claim,
      std::vector<unsigned> phase_lengths = shout::default_phase_lengths(kInstructionLogK));

  unsigned num_rounds() const override { return kInstructionLogK + log_t_; }
  unsigned degree() const override { return num_virtual_ + 2; }
  Fr input_claim() const override { return claim_; }
  bool needs_pass(unsigned round) const override;
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned round) override;
  // The cycle phase joins its batch's plan when its schedule is automatic (PassDriver::plan).
  std::optional<PlanRequest> plan_request() const override;
  void adopt_schedule(Schedule schedule) override;
  UniPoly round_poly(unsigned round, const Fr& claim) override;
  void bind(unsigned round, const Fr& r) override;

  // InstructionRaVirtual(v) @ (chunk_v(r_a^5) ‖ r_c^5).
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  // LookupTableFlag(t) (26) and InstructionRafFlag @ r_c^5.
  std::vector<ClaimKey> sidecar_claims() const override;

  const AddressProver& address_prover() const { return address_; }
  // After the last round: the cycle factors at (r_a^5, r_c^5): ra_v (v < n_virtual), then cv.
  std::vector<Fr> factor_evals() const { return cycle_->factor_evals(); }
  // Bytes held by the address rounds' phase tables now, for reports.
  std::size_t table_bytes() const { return address_.table_bytes(); }

 private:
  using CycleSumcheck = StreamingProductSumcheck<ReadRafCycleKernel>;
  struct AddressSegment;
  struct AddressConsumer;
  void start_cycle_phase(const Fr& claim);

  AddressProver address_;
  std::set<unsigned> phase_starts_;
  std::vector<Fr> r_c2_;
  unsigned log_t_, log_chunk_, num_virtual_;
  HalvedEqTable cycle_eq_;
  Schedule cycle_schedule_;
  Fr claim_;
  UniPoly last_poly_;
  std::unique_ptr<CycleSumcheck> cycle_;
};

class InstructionReadRafVerifier final : public SumcheckVerifierInstance {
 public:
  // inputs: LookupOutput, LeftLookupOperand, RightLookupOperand @ r_c^2; table_flags (26),
  // raf_flag @ r_c^5; ra_virtual: InstructionRaVirtual(v) claims.
  InstructionReadRafVerifier(const Fr& gamma, std::vector<Fr> r_c2, std::array<Fr, 3> inputs,
                             std::vector<Fr> table_flags, const Fr& raf_flag,
                             std::vector<Fr> ra_virtual);
  unsigned num_rounds() const override {
    return kInstructionLogK + static_cast<unsigned>(r_c2_.size());
  }
  unsigned degree() const override { return static_cast<unsigned>(ra_virtual_.size()) + 2; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  Fr gamma_;
  std::vector<Fr> r_c2_;
  Fr claim_;
  std::vector<Fr> table_flags_;
  Fr raf_flag_;
  std::vector<Fr> ra_virtual_;
};

}  // namespace rill::zkvm
