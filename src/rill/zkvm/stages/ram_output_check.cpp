#include "rill/zkvm/stages/ram_output_check.hpp"

#include "rill/poly/eq.hpp"

namespace rill::zkvm {

RamOutputCheckProver::RamOutputCheckProver(const RamReadWriteProver& rw, std::vector<Fr> r_output,
                                           u64 io_words,
                                           std::span<const riscv::MemoryWord> claimed_io)
    : rw_(rw),
      log_k_(rw.log_k()),
      r_output_(std::move(r_output)),
      io_words_(io_words),
      io_(claimed_io.begin(), claimed_io.end()) {
  RILL_CHECK_EQ(r_output_.size(), std::size_t{log_k_}, "r_output has log K_ram coordinates");
  RILL_CHECK(io_words_ <= (u64{1} << log_k_), "the I/O block lies inside K_ram");
}

std::unique_ptr<PassConsumer<CycleRecord>> RamOutputCheckProver::begin_pass(unsigned) {
  RILL_CHECK(false, "the output check reads the read-write instance's pass");
  return nullptr;
}

UniPoly RamOutputCheckProver::round_poly(unsigned round, const Fr& claim) {
  if (round == 0) {
    const std::size_t k = std::size_t{1} << log_k_;
    // ValFinal = Init + Δ (the writes' total per word).
    tracked_vector<Fr> final_val(k, Fr::zero());
    const std::span<const Fr> init = rw_.round0_init(), inc = rw_.round0_increments();
    if (!init.empty()) std::copy(init.begin(), init.end(), final_val.begin());
    if (!inc.empty())
      for (std::size_t a = 0; a < k; ++a) final_val[a] += inc[a];
    tracked_vector<Fr> mask(k, Fr::zero()), neg_io(k, Fr::zero());
    for (u64 a = 0; a < io_words_; ++a) mask[a] = Fr::one();
    for (const riscv::MemoryWord& w : io_) {
      RILL_CHECK(w.index < io_words_, "an I/O word lies in the I/O block");
      neg_io[w.index] = -Fr::from_u64(w.value);
    }
    std::vector<DensePoly> factors;
    factors.emplace_back(std::move(mask));
    factors.emplace_back(std::move(final_val));
    factors.emplace_back(std::move(neg_io));
    rounds_.emplace(ProductShape(3, {{0, 1}, {0, 2}}), std::move(factors), Weight::eq(r_output_),
                    Fr::zero());
  }
  return rounds_->round_poly(round, claim);
}

void RamOutputCheckProver::bind(unsigned round, const Fr& challenge) {
  rounds_->bind(round, challenge);
}

Fr RamOutputCheckProver::val_final_claim() const { return rounds_->factor_evals()[1]; }

void RamOutputCheckProver::output_claims(const PointTable&, StageClaims& claims) const {
  claims.set({poly(PolyFamily::kRamValFinal), at(PointName::kRamAddress2)}, val_final_claim());
}

RamOutputCheckVerifier::RamOutputCheckVerifier(std::vector<Fr> r_output, const Fr& val_final,
                                               AddressMle io_mask, AddressMle val_io)
    : r_output_(std::move(r_output)),
      val_final_(val_final),
      io_mask_(std::move(io_mask)),
      val_io_(std::move(val_io)) {}

Fr RamOutputCheckVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_output_.size(), "one challenge per round");
  const std::vector<Fr> r_a(challenges.rbegin(), challenges.rend());
  return eq_eval(r_output_, r_a) * io_mask_(r_a) * (val_final_ - val_io_(r_a));
}

}  // namespace rill::zkvm
