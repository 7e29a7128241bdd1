#include "rill/zkvm/stages/instruction_read_raf.hpp"

#include "rill/poly/eq.hpp"

namespace rill::zkvm {

shout::LookupCycle lookup_cycle(const CycleRecord& record) {
  shout::LookupCycle c;
  c.index = record.lookup_index;
  if (record.table != CycleRecord::kNoTable)
    c.table = static_cast<lookups::TableKind>(record.table);
  c.raf_flag = !record.interleaved;
  return c;
}

ReadRafCycleKernel::ReadRafCycleKernel(std::vector<tracked_vector<Fr>> eq_tables,
                                       tracked_vector<Fr> values, unsigned log_chunk)
    : log_chunk_(log_chunk) {
  RILL_CHECK(eq_tables.size() + 1 <= ProductShape::kMaxFactors, "too many virtual chunks");
  for (const auto& t : eq_tables)
    RILL_CHECK_EQ(t.size(), std::size_t{1} << log_chunk, "an eq table per chunk of w bits");
  RILL_CHECK_EQ(values.size(), std::size_t{2 * (lookups::kNumTables + 1)}, "a value per slot, rf");
  eq_tables.push_back(std::move(values));
  tables_ = std::make_shared<const std::vector<tracked_vector<Fr>>>(std::move(eq_tables));
}

// One segment of a phase pass: the phase's Q tables over its rows (any order, merged by sum).
struct InstructionReadRafProver::AddressSegment final : SegmentAccumulator<CycleRecord> {
  AddressSegment(const InstructionReadRafProver& owner)
      : owner(owner), acc(owner.address_.new_accumulator()) {}
  void fold(std::span<const CycleRecord> rows, const CycleRecord&, u64 first) override {
    for (std::size_t r = 0; r < rows.size(); ++r)
      acc.add(lookup_cycle(rows[r]), owner.cycle_eq_(first + r));
  }
  void merge(SegmentAccumulator<CycleRecord>& later) override {
    acc.merge(static_cast<AddressSegment&>(later).acc);
  }
  const InstructionReadRafProver& owner;
  AddressProver::PhaseAccumulator acc;
};

struct InstructionReadRafProver::AddressConsumer final : PassConsumer<CycleRecord> {
  explicit AddressConsumer(InstructionReadRafProver& owner) : owner(owner) {}
  std::unique_ptr<SegmentAccumulator<CycleRecord>> new_segment() override {
    return std::make_unique<AddressSegment>(owner);
  }
  void finish(std::unique_ptr<SegmentAccumulator<CycleRecord>> total) override {
    owner.address_.finish_pass(std::move(static_cast<AddressSegment&>(*total).acc));
  }
  InstructionReadRafProver& owner;
};

InstructionReadRafProver::InstructionReadRafProver(const Fr& gamma, std::vector<Fr> r_c2,
                                                   unsigned log_chunk, Schedule cycle_schedule,
                                                   const Fr& claim,
                                                   std::vector<unsigned> phase_lengths)
    : address_(gamma, phase_lengths),
      r_c2_(std::move(r_c2)),
      log_t_(static_cast<unsigned>(r_c2_.size())),
      log_chunk_(log_chunk),
      num_virtual_(kInstructionLogK / log_chunk),
      cycle_eq_(r_c2_),
      cycle_schedule_(std::move(cycle_schedule)),
      claim_(claim) {
  RILL_CHECK(log_chunk_ >= 1 && kInstructionLogK % log_chunk_ == 0, "w divides LOG_K");
  RILL_CHECK_EQ(cycle_schedule_.num_rounds(), log_t_, "the cycle schedule has log T rounds");
  unsigned start = 0;
  for (unsigned len : phase_lengths) {
    phase_starts_.insert(start);
    RILL_CHECK_EQ(start / log_chunk_, (start + len - 1) / log_chunk_, "a phase inside one chunk");
    start += len;
  }
}

bool InstructionReadRafProver::needs_pass(unsigned round) const {
  if (round < kInstructionLogK) return phase_starts_.contains(round);
  // The cycle sumcheck exists from the last address round's bind on, with its final schedule (an
  // automatic one was planned with the batch, plan_request).
  return cycle_->schedule().needs_pass(round - kInstructionLogK);
}

std::unique_ptr<PassConsumer<CycleRecord>> InstructionReadRafProver::begin_pass(unsigned round) {
  if (round < kInstructionLogK) {
    RILL_CHECK(round == address_.round() && address_.needs_pass(), "phase pass out of order");
    return std::make_unique<AddressConsumer>(*this);
  }
  RILL_CHECK(cycle_ != nullptr, "cycle rounds start after the address rounds");
  return cycle_->begin_pass(round - kInstructionLogK);
}

std::optional<InstructionReadRafProver::PlanRequest> InstructionReadRafProver::plan_request()
    const {
  if (!cycle_schedule_.is_automatic() || cycle_ != nullptr) return std::nullopt;
  // The cycle sumcheck's PassCost from a kernel of the same factor kinds and table sizes (the
  // real tables need r_a).
  std::vector<tracked_vector<Fr>> eq_tables(
      num_virtual_, tracked_vector<Fr>(std::size_t{1} << log_chunk_, Fr::zero()));
  const ReadRafCycleKernel stand_in(std::move(eq_tables),
                                    tracked_vector<Fr>(2 * (lookups::kNumTables + 1), Fr::zero()),
                                    log_chunk_);
  const Weight weight = Weight::eq(r_c2_);
  return PlanRequest{kInstructionLogK, log_t_, cycle_schedule_.planned_switch(),
                     CycleSumcheck::pass_cost(stand_in, ProductShape::product(num_virtual_ + 1),
                                              std::span<const Weight>(&weight, 1)),
                     cycle_schedule_.max_window()};
}

void InstructionReadRafProver::adopt_schedule(Schedule schedule) {
  RILL_CHECK(cycle_schedule_.is_automatic() && cycle_ == nullptr,
             "only an automatic cycle schedule is planned, before the cycle phase");
  RILL_CHECK_EQ(schedule.num_rounds(), log_t_, "the cycle schedule has log T rounds");
  cycle_schedule_ = std::move(schedule);
}

UniPoly InstructionReadRafProver::round_poly(unsigned round, const Fr& claim) {
  if (round >= kInstructionLogK) return cycle_->round_poly(round - kInstructionLogK, claim);
  RILL_CHECK_EQ(round, address_.round(), "address rounds in order");
  const std::array<Fr, 3> h = address_.round_evals();
  last_poly_ = UniPoly::from_evals(h);
  return last_poly_;
}

void InstructionReadRafProver::bind(unsigned round, const Fr& r) {
  if (round >= kInstructionLogK) {
    cycle_->bind(round - kInstructionLogK, r);
    return;
  }
  address_.bind(r);
  if (round + 1 == kInstructionLogK) start_cycle_phase(last_poly_.evaluate(r));
}

void InstructionReadRafProver::start_cycle_phase(const Fr& claim) {
  const std::span<const Fr> r_a = address_.challenges();
  std::vector<tracked_vector<Fr>> eq_tables;
  for (unsigned v = 0; v < num_virtual_; ++v)
    eq_tables.push_back(eq_table(r_a.subspan(v * log_chunk_, log_chunk_)));
  // cv for every (table or none, rf): the address prover's combined value.
  tracked_vector<Fr> values(2 * (lookups::kNumTables + 1));
  for (unsigned slot = 0; slot <= lookups::kNumTables; ++slot)
    for (unsigned rf = 0; rf < 2; ++rf) {
      shout::LookupCycle c;
      if (slot < lookups::kNumTables) c.table = static_cast<lookups::TableKind>(slot);
      c.raf_flag = rf == 1;
      values[2 * slot + rf] = address_.combined_value(c);
    }
  cycle_ = std::make_unique<CycleSumcheck>(
      ReadRafCycleKernel(std::move(eq_tables), std::move(values), log_chunk_), log_t_,
      ProductShape::product(num_virtual_ + 1), Weight::eq(r_c2_), cycle_schedule_, claim);
}

void InstructionReadRafProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = cycle_->factor_evals();
  for (unsigned v = 0; v < num_virtual_; ++v)
    claims.set({poly(PolyFamily::kInstructionRaVirtual, v),
                at_chunk(PointName::kInstructionAddress5, log_chunk_, v, PointName::kCycle5)},
               f[v]);
}

std::vector<ClaimKey> InstructionReadRafProver::sidecar_claims() const {
  std::vector<ClaimKey> keys;
  for (unsigned t = 0; t < lookups::kNumTables; ++t)
    keys.push_back({poly(PolyFamily::kLookupTableFlag, t), at(PointName::kCycle5)});
  keys.push_back({poly(PolyFamily::kInstructionRafFlag), at(PointName::kCycle5)});
  return keys;
}

InstructionReadRafVerifier::InstructionReadRafVerifier(const Fr& gamma, std::vector<Fr> r_c2,
                                                       std::array<Fr, 3> inputs,
                                                       std::vector<Fr> table_flags,
                                                       const Fr& raf_flag,
                                                       std::vector<Fr> ra_virtual)
    : gamma_(gamma),
      r_c2_(std::move(r_c2)),
      claim_(shout::read_raf_input_claim(inputs[0], inputs[1], inputs[2], gamma)),
      table_flags_(std::move(table_flags)),
      raf_flag_(raf_flag),
      ra_virtual_(std::move(ra_virtual)) {}

Fr InstructionReadRafVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), std::size_t{num_rounds()}, "one challenge per round");
  const std::span<const Fr> r_a = challenges.first(kInstructionLogK);
  const std::span<const Fr> cycle = challenges.subspan(kInstructionLogK);
  const std::vector<Fr> r_c5(cycle.rbegin(), cycle.rend());
  Fr ra = Fr::one();
  for (const Fr& v : ra_virtual_) ra *= v;
  return eq_eval(r_c2_, r_c5) * ra *
         shout::read_raf_address_value<32, Fr>(r_a, table_flags_, raf_flag_, gamma_);
}

}  // namespace rill::zkvm
