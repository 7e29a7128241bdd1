// The read-RAF address rounds as a sumcheck instance (sumcheck/instance.hpp), over Fr at the
// protocol's XLEN = 32: LOG_K = 64 rounds of degree 2, one pass over the cycles at the first round
// of every phase. It runs the address rounds alone through the batched prover and verifier (the
// tests' harness); the whole instance, cycle rounds included, is
// zkvm/stages/instruction_read_raf.hpp.
//
// Rounds bind the address bits most significant first (reference §3 stage 5a): the instance's
// challenges r_0 … r_63 are r_a in order, no reversal.
#pragma once

#include <utility>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/zkvm/shout/instruction_read_raf.hpp"

namespace rill::zkvm::shout {

// Visit: callable as visit(sink), calling sink(const LookupCycle&, const Fr& eq_weight) once per
// cycle; it is called once per phase (a pass over the trace).
template <class Visit>
class ReadRafAddressInstance final : public SumcheckInstance {
 public:
  using Prover = ReadRafAddressProver<32, Fr>;

  ReadRafAddressInstance(const Fr& gamma, const Fr& input_claim,
                         std::vector<unsigned> phase_lengths, Visit visit)
      : prover_(gamma, std::move(phase_lengths)),
        input_claim_(input_claim),
        visit_(std::move(visit)) {}

  unsigned num_rounds() const override { return Prover::kLogK; }
  unsigned degree() const override { return Prover::kDegree; }
  Fr input_claim() const override { return input_claim_; }

  UniPoly round_poly(unsigned round, const Fr&) override {
    RILL_CHECK_EQ(round, prover_.round(), "rounds in order");
    if (prover_.needs_pass()) {
      prover_.run_pass(visit_);
      ++passes_;
    }
    const auto h = prover_.round_evals();
    return UniPoly::from_evals(std::vector<Fr>(h.begin(), h.end()));
  }

  void bind(unsigned round, const Fr& challenge) override {
    RILL_CHECK_EQ(round, prover_.round(), "rounds in order");
    prover_.bind(challenge);
  }

  const Prover& prover() const { return prover_; }
  unsigned passes() const { return passes_; }

 private:
  Prover prover_;
  Fr input_claim_;
  Visit visit_;
  unsigned passes_ = 0;
};

}  // namespace rill::zkvm::shout
