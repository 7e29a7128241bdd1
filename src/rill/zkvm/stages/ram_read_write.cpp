#include "rill/zkvm/stages/ram_read_write.hpp"

#include "rill/poly/eq.hpp"

namespace rill::zkvm {

RamReadWriteProver::RamReadWriteProver(const Fr& gamma, unsigned log_k, unsigned log_t,
                                       std::vector<Fr> r_c1, tracked_vector<Fr> init,
                                       Schedule cycle_schedule, const Fr& claim)
    : TwistReadWriteProver<RamTwistPolicy>(RamTwistPolicy{gamma}, log_k, log_t, std::move(r_c1),
                                           std::move(init), std::move(cycle_schedule), claim) {}

void RamReadWriteProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  using PN = PointName;
  claims.set({poly(PolyFamily::kRamVal), at(PN::kRamAddress2, PN::kCycle2)}, f[1]);
  claims.set({poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle2)}, f[0]);
  claims.set({poly(PolyFamily::kRamInc), at(PN::kCycle2)}, f[2]);
}

RamReadWriteVerifier::RamReadWriteVerifier(const Fr& gamma, unsigned log_k, unsigned log_t,
                                           std::vector<Fr> r_c1, const Fr& read_value,
                                           const Fr& write_value, const Fr& val, const Fr& ra,
                                           const Fr& inc)
    : gamma_(gamma),
      log_k_(log_k),
      log_t_(log_t),
      r_c1_(std::move(r_c1)),
      claim_(read_value + gamma * write_value),
      val_(val),
      ra_(ra),
      inc_(inc) {}

Fr RamReadWriteVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), std::size_t{num_rounds()}, "one challenge per round");
  // r_c^2: the cycle challenges reversed.
  const std::vector<Fr> r_c2(challenges.rbegin(), challenges.rbegin() + log_t_);
  return eq_eval(r_c1_, r_c2) * ra_ * ((Fr::one() + gamma_) * val_ + gamma_ * inc_);
}

tracked_vector<Fr> ram_init_table(std::span<const u32> initial_memory, u64 k_ram) {
  tracked_vector<Fr> t(k_ram, Fr::zero());
  for (std::size_t k = 0; k < initial_memory.size(); ++k) {
    if (initial_memory[k] == 0) continue;
    RILL_CHECK(k < k_ram, "the initial image fits in K_ram words");
    t[k] = Fr::from_u64(initial_memory[k]);
  }
  return t;
}

}  // namespace rill::zkvm
