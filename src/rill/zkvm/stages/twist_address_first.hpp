// Address-first Twist read-write checking (ARCHITECTURE.md §3; docs/protocol.md, "Twist read-write
// checking"): the engine shared by RAM (stage 2b) and registers (stage 4a).
//
// Relation, over addresses k ∈ {0,1}^n (n = log K) and cycles j ∈ {0,1}^{log T}:
//
//   claim = Σ_{k,j} eq(r_c, j)·Σ_ℓ c_ℓ·ra_ℓ(k, j)·(A·Val(k, j) + B·δ_ℓ·Inc(j))
//
// with one address a_ℓ(j) per leg ℓ of row j (ra_ℓ(k, j) = [a_ℓ(j) = k], zero without one), leg
// coefficients c_ℓ, leg flags δ_ℓ (1 for the leg that sees the value after the write) and
//   Val(k, j) = Init(k) + Σ_{j' < j} Inc(j')·[wa(j') = k]
// (wa: the row's write address). RAM: one leg, c = 1, δ = 1, A = 1 + γ, B = γ. Registers: legs
// (rd, rs1, rs2) with c = (1, γ, γ²), δ = (1, 0, 0), A = B = 1, Init = 0.
//
// Rounds 0 … n−1 bind the address bits low to high, rounds n … n + log T − 1 the cycle bits.
// Address round i (bits below i bound to r_{<i}, e_j = eq(r_{<i}, low_i(a))): with t = a >> i
// (β = t >> 1 the unbound high bits, b = t & 1 the bit of the round),
//
//   h_i(X) = A·[Σ_t C[t]·eq(X, b)·Init_i(X, β) + Σ_{b,b'} M[b][b']·eq(X, b)·eq(X, b')]
//            + B·Σ_b L[b]·eq(X, b),
//   C[t] = Σ_{legs at t} eq(r_c, j)·c_ℓ·e,   Δ[t] = Σ_{writes at t} Inc(j)·e,
//   M[b][b'] = Σ_{legs, b} eq(r_c, j)·c_ℓ·e·Δ_{<j}[2β + b'],   L[b] = Σ_{legs with δ, b}
//   eq·c·e·Inc,
//
// Δ_{<j} the writes before row j. One pass per address round: each segment folds its rows in
// order (tables of K/2^i entries), and segments merge in index order with the cross term
// M[b][b'] += Σ_β C_later[2β + b]·Δ_earlier[2β + b'] (the ordered pair pass of
// sumcheck/ordered_pairs.hpp, with keys β and components b). Init enters once, from the merged C.
//
// After the address rounds, ra_ℓ(r_a, j) = eq(r_a, a_ℓ(j)) is a lookup in the K-entry table
// eq(r_a, ·), and Val(r_a, j) = Init(r_a) + Σ_{j' < j} Inc(j')·eq(r_a, wa(j')) a running sum; the
// running sum at each segment start comes from the last address pass, whose per-segment Δ
// (two entries) give the segment's total once r_{n−1} is known (prefix sums, no extra pass).
// The cycle rounds are then an ordinary streaming product sumcheck with weight eq(r_c, ·), planned
// for log T rounds: each cycle pass turns the records into factor rows (adapter below: leg
// addresses, running Val, Inc) and feeds the generic engine (sumcheck/streaming_product.hpp)
// through TwistCycleKernel, whose leg factors are one-hot lookups in scale·eq(r_a, ·) and whose Inc
// is an integer, so the linear schedule holds them as indices and integers, not field arrays.
#pragma once

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "rill/field/accumulator.hpp"
#include "rill/field/fr.hpp"
#include "rill/poly/eq.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/ordered_pairs.hpp"
#include "rill/sumcheck/schedule.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/util/check.hpp"
#include "rill/util/int.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/stages/stage_prover.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {

inline constexpr unsigned kTwistReadWriteDegree = 3;
inline constexpr unsigned kMaxTwistFactors = 8;
inline constexpr unsigned kMaxTwistLegs = 3;

// One row of the cycle phase: the row's leg addresses (kNoAccess: absent), Val(r_a, j) before
// the row and Inc(j) (0 without a write).
struct TwistFactorRow {
  std::array<u32, kMaxTwistLegs> address{kNoAccess, kNoAccess, kNoAccess};
  Fr val = Fr::zero();
  i64 inc = 0;
};

// What factor f of the cycle phase is: scale·ra_ℓ(r_a, j) = scale·eq(r_a, a_ℓ(j)) of a leg ℓ (a
// one-hot lookup), the running Val(r_a, j), or Inc(j) (a small integer).
struct TwistFactor {
  enum class Kind : u8 { kLeg, kVal, kInc };
  Kind kind = Kind::kVal;
  unsigned leg = 0;
  Fr scale = Fr::one();
  static TwistFactor leg_ra(unsigned leg, const Fr& scale = Fr::one()) {
    return {Kind::kLeg, leg, scale};
  }
  static TwistFactor val() { return {Kind::kVal, 0, Fr::one()}; }
  static TwistFactor inc() { return {Kind::kInc, 0, Fr::one()}; }
};

// The cycle phase's kernel (a mixed one-hot kernel, sumcheck/product_pass.hpp): a leg factor is
// tables[t][a] with tables[t] = scale_t·eq(r_a, ·) (zero without an access), Val a field value,
// Inc an i64. The linear schedule keeps leg factors as their addresses (OneHotIndexColumn) and Inc
// as integers (SmallIntColumn) through the first binds; only Val is a field array at round 0.
class TwistCycleKernel {
 public:
  using Record = TwistFactorRow;
  using Value = i64;
  // eq: eq(r_a, ·) over the K addresses; tables[0] is eq itself, one more table per other scale.
  TwistCycleKernel(std::span<const TwistFactor> factors, tracked_vector<Fr> eq) {
    RILL_CHECK(factors.size() <= kMaxTwistFactors, "too many Twist cycle factors");
    auto tables = std::make_shared<std::vector<tracked_vector<Fr>>>();
    std::vector<Fr> scales{Fr::one()};
    tables->push_back(std::move(eq));
    for (const TwistFactor& f : factors) {
      factors_.push_back(f);
      if (f.kind != TwistFactor::Kind::kLeg) {
        table_of_.push_back(0);
        if (f.kind == TwistFactor::Kind::kVal) field_mask_ |= u32{1} << (factors_.size() - 1);
        continue;
      }
      RILL_CHECK(f.leg < kMaxTwistLegs, "leg out of range");
      field_mask_ |= u32{1} << (factors_.size() - 1);
      const auto it = std::find(scales.begin(), scales.end(), f.scale);
      table_of_.push_back(static_cast<unsigned>(it - scales.begin()));
      if (it != scales.end()) continue;
      scales.push_back(f.scale);
      tracked_vector<Fr> t((*tables)[0].size());
      for (std::size_t k = 0; k < t.size(); ++k) t[k] = f.scale * (*tables)[0][k];
      tables->push_back(std::move(t));
    }
    tables_ = std::move(tables);
  }
  unsigned log_block() const { return 0; }
  u32 field_factors() const { return field_mask_; }
  // eq(r_a, ·).
  std::span<const Fr> eq() const { return (*tables_)[0]; }
  void factors(const TwistFactorRow& row, const TwistFactorRow&, u64, i64* small, Fr* field) const {
    for (std::size_t f = 0; f < factors_.size(); ++f) {
      switch (factors_[f].kind) {
        case TwistFactor::Kind::kLeg: {
          const u32 a = row.address[factors_[f].leg];
          field[f] = a == kNoAccess ? Fr::zero() : (*tables_)[table_of_[f]][a];
          break;
        }
        case TwistFactor::Kind::kVal:
          field[f] = row.val;
          break;
        case TwistFactor::Kind::kInc:
          small[f] = row.inc;
          break;
      }
    }
  }
  const tracked_vector<Fr>* one_hot_table(unsigned f) const {
    if (f >= factors_.size() || factors_[f].kind != TwistFactor::Kind::kLeg) return nullptr;
    return &(*tables_)[table_of_[f]];
  }
  void one_hot_indices(const TwistFactorRow& row, u32* out) const {
    for (std::size_t f = 0; f < factors_.size(); ++f) {
      const bool leg = factors_[f].kind == TwistFactor::Kind::kLeg;
      const u32 a = leg ? row.address[factors_[f].leg] : kNoAccess;
      out[f] = a == kNoAccess ? kOneHotZero : a;
    }
  }

 private:
  std::vector<TwistFactor> factors_;
  std::vector<unsigned> table_of_;
  u32 field_mask_ = 0;
  std::shared_ptr<const std::vector<tracked_vector<Fr>>> tables_;
};

// What a Twist policy supplies (RamTwistPolicy, RegistersTwistPolicy):
//   kLegs; legs(record) → kLegs addresses (kNoAccess: absent); write_address, increment;
//   leg_coeff(ℓ), leg_adds_inc(ℓ), val_scale() (A), inc_scale() (B);
//   kFactors, cycle_shape() and cycle_factors(), what each factor of the shape is.
template <class P>
concept TwistPolicy = requires(const P& p, const CycleRecord& r) {
  { P::kLegs } -> std::convertible_to<unsigned>;
  { P::kFactors } -> std::convertible_to<unsigned>;
  { p.legs(r) } -> std::same_as<std::array<u32, P::kLegs>>;
  { p.write_address(r) } -> std::same_as<u32>;
  { p.increment(r) } -> std::same_as<i64>;
  { p.leg_coeff(0u) } -> std::convertible_to<Fr>;
  { p.leg_adds_inc(0u) } -> std::same_as<bool>;
  { p.val_scale() } -> std::convertible_to<Fr>;
  { p.inc_scale() } -> std::convertible_to<Fr>;
  { p.cycle_shape() } -> std::same_as<ProductShape>;
  { p.cycle_factors() } -> std::same_as<std::array<TwistFactor, P::kFactors>>;
}
&&(P::kLegs <= kMaxTwistLegs) && (P::kFactors <= kMaxTwistFactors);

// The merged result of one address pass, and the per-segment write totals of the last one.
struct TwistAddressSums {
  tracked_vector<Fr> access;      // C, K/2^i entries (empty: no access)
  tracked_vector<Fr> increments;  // Δ, K/2^i entries (empty: no write)
  std::array<Fr, 4> pairs{};      // M[b][b'] at 2b + b'
  std::array<Fr, 2> own_inc{};    // L[b]
  struct Run {
    u64 start;
    std::array<Fr, 2> inc;  // Δ of the run's rows in the last address round
  };
  std::vector<Run> runs;  // index order
};

// One segment of an address pass: the ordered pair sums (sumcheck/ordered_pairs.hpp) over the
// pairs β = t >> 1 with two components b = t & 1, i.e. reads C[2β + b] (the accesses, value
// eq(r_c, j)·c_ℓ·e) and writes Δ[2β + b] (value Inc(j)·e), whose pair sums are M[b][b']. A row's
// legs read before its write, so an access sees only the writes of earlier rows. The pair tables
// are sparse while few β are touched (a short segment costs memory in its accesses, not in K).
// What is Twist's own: L[b] (the legs that see their row's Inc) and the last round's runs.
template <TwistPolicy Policy>
class TwistAddressSegment final : public SegmentAccumulator<CycleRecord> {
 public:
  struct Context {
    const Policy* policy;
    unsigned round;              // i
    unsigned log_k;              // n
    std::span<const Fr> low_eq;  // eq(r_{<i}, ·), 2^i entries
    const HalvedEqTable* cycle_eq;
    std::array<Fr, Policy::kLegs> coeff;
    std::array<bool, Policy::kLegs> coeff_is_one;
  };
  using PairSums = OrderedPairSums<2>;

  explicit TwistAddressSegment(const Context& ctx)
      : ctx_(ctx), sums_(std::size_t{1} << (ctx.log_k - ctx.round - 1)) {}

  void fold(std::span<const CycleRecord> rows, const CycleRecord&, u64 first) override {
    RILL_CHECK(!started_ || first == end_, "an address-pass segment folds contiguous rows");
    if (!started_) {
      started_ = true;
      start_ = first;
    }
    const unsigned i = ctx_.round;
    const u32 low_mask = (u32{1} << i) - 1;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const CycleRecord& rec = rows[r];
      const std::array<u32, Policy::kLegs> legs = ctx_.policy->legs(rec);
      const i64 inc = ctx_.policy->increment(rec);
      bool any = false;
      for (u32 a : legs) any |= a != kNoAccess;
      if (any) {
        const Fr w = (*ctx_.cycle_eq)(first + r);
        for (unsigned l = 0; l < Policy::kLegs; ++l) {
          const u32 a = legs[l];
          if (a == kNoAccess) continue;
          RILL_DCHECK((a >> ctx_.log_k) == 0, "address inside K");
          Fr c = w * ctx_.low_eq[a & low_mask];
          if (!ctx_.coeff_is_one[l]) c *= ctx_.coeff[l];
          const u32 t = a >> i;
          const unsigned b = t & 1u;
          sums_.read(t >> 1, b, c);
          if (inc != 0 && ctx_.policy->leg_adds_inc(l)) own_inc_[b] += c.mul_i64(inc);
        }
      }
      // After the legs: the row's own write is not seen by its accesses.
      const u32 wa = ctx_.policy->write_address(rec);
      if (wa != kNoAccess && inc != 0) {
        const u32 t = wa >> i;
        sums_.write_after_reads(t >> 1, t & 1u, ctx_.low_eq[wa & low_mask].mul_i64(inc));
      }
    }
    end_ = first + rows.size();
  }

  void merge(SegmentAccumulator<CycleRecord>& later_base) override {
    auto& later = static_cast<TwistAddressSegment&>(later_base);
    seal();
    later.seal();
    runs_.insert(runs_.end(), later.runs_.begin(), later.runs_.end());
    sums_.merge(later.sums_);
    own_inc_[0] += later.own_inc_[0];
    own_inc_[1] += later.own_inc_[1];
    end_ = later.end_;
  }

  TwistAddressSums take() {
    seal();
    TwistAddressSums s;
    if (sums_.touched()) {
      s.access.assign(2 * sums_.num_keys(), Fr::zero());
      s.increments.assign(2 * sums_.num_keys(), Fr::zero());
      sums_.for_each([&](u32 beta, const PairSums::Entry& e) {
        s.access[2 * beta] = e.reads[0];
        s.access[2 * beta + 1] = e.reads[1];
        s.increments[2 * beta] = e.writes[0];
        s.increments[2 * beta + 1] = e.writes[1];
      });
      sums_.release();
    }
    for (unsigned b = 0; b < 2; ++b)
      for (unsigned bp = 0; bp < 2; ++bp) s.pairs[2 * b + bp] = sums_.pairs(b, bp);
    s.own_inc = own_inc_;
    s.runs = std::move(runs_);
    return s;
  }

 private:
  // Records this segment's own write totals (last address round only: then there is one pair)
  // before it absorbs any other segment.
  void seal() {
    if (sealed_ || !started_) return;
    sealed_ = true;
    if (ctx_.round + 1 != ctx_.log_k) return;
    TwistAddressSums::Run run{start_, {Fr::zero(), Fr::zero()}};
    if (const PairSums::Entry* e = sums_.find(0)) run.inc = e->writes;
    runs_.push_back(run);
  }

  const Context& ctx_;
  bool started_ = false, sealed_ = false;
  u64 start_ = 0, end_ = 0;
  PairSums sums_;
  std::array<Fr, 2> own_inc_{Fr::zero(), Fr::zero()};
  std::vector<TwistAddressSums::Run> runs_;
};

// The read-write checking prover of a policy (stage_prover.hpp); the RAM and register instances
// derive from it and name their claims.
template <TwistPolicy Policy>
class TwistReadWriteProver : public StageProver {
 public:
  // cycle_point: r_c of the eq weight (big-endian, log T); init: Init over the K addresses (K
  // entries) or empty for Init = 0; cycle_schedule: the schedule of the log T cycle rounds.
  TwistReadWriteProver(Policy policy, unsigned log_k, unsigned log_t, std::vector<Fr> cycle_point,
                       tracked_vector<Fr> init, Schedule cycle_schedule, const Fr& claim)
      : policy_(std::move(policy)),
        log_k_(log_k),
        log_t_(log_t),
        cycle_point_(std::move(cycle_point)),
        cycle_eq_(cycle_point_),
        init_(std::move(init)),
        cycle_schedule_(std::move(cycle_schedule)),
        claim_(claim) {
    RILL_CHECK(log_k_ >= 1, "at least one address variable");
    RILL_CHECK_EQ(cycle_point_.size(), std::size_t{log_t_}, "r_c has log T coordinates");
    RILL_CHECK_EQ(cycle_schedule_.num_rounds(), log_t_, "the cycle schedule has log T rounds");
    RILL_CHECK(init_.empty() || init_.size() == (std::size_t{1} << log_k_), "Init has K entries");
    low_eq_.assign(1, Fr::one());
    for (unsigned l = 0; l < Policy::kLegs; ++l) {
      ctx_.coeff[l] = policy_.leg_coeff(l);
      ctx_.coeff_is_one[l] = ctx_.coeff[l] == Fr::one();
    }
    ctx_.policy = &policy_;
    ctx_.log_k = log_k_;
    ctx_.cycle_eq = &cycle_eq_;
  }

  unsigned num_rounds() const override { return log_k_ + log_t_; }
  unsigned degree() const override { return kTwistReadWriteDegree; }
  Fr input_claim() const override { return claim_; }
  unsigned log_k() const { return log_k_; }

  bool needs_pass(unsigned round) const override {
    // The cycle sumcheck exists from the last address round's bind on, with its final schedule
    // (an automatic one was planned with the batch, plan_request).
    return round < log_k_ || cycle_->schedule().needs_pass(round - log_k_);
  }

  // The cycle phase joins its batch's plan (PassDriver::plan) when its schedule is automatic: its
  // PassCost is the cycle sumcheck's, from a kernel of the same factor kinds whose tables have
  // priced_table_entries(K) entries (the real tables need r_a, and K_ram can be millions).
  std::optional<PlanRequest> plan_request() const override {
    if (!cycle_schedule_.is_automatic() || cycle_ != nullptr) return std::nullopt;
    const TwistCycleKernel stand_in(
        policy_.cycle_factors(),
        tracked_vector<Fr>(priced_table_entries(std::size_t{1} << log_k_), Fr::zero()));
    const Weight weight = Weight::eq(cycle_point_);
    return PlanRequest{log_k_, log_t_, cycle_schedule_.planned_switch(),
                       CycleSumcheck::pass_cost(stand_in, policy_.cycle_shape(),
                                                std::span<const Weight>(&weight, 1)),
                       cycle_schedule_.max_window()};
  }
  void adopt_schedule(Schedule schedule) override {
    RILL_CHECK(cycle_schedule_.is_automatic() && cycle_ == nullptr,
               "only an automatic cycle schedule is planned, before the cycle phase");
    RILL_CHECK_EQ(schedule.num_rounds(), log_t_, "the cycle schedule has log T rounds");
    cycle_schedule_ = std::move(schedule);
  }

  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned round) override {
    if (round < log_k_) {
      RILL_CHECK_EQ(low_eq_.size(), std::size_t{1} << round, "address passes in order");
      ctx_.round = round;
      ctx_.low_eq = low_eq_;
      return std::make_unique<AddressConsumer>(*this);
    }
    RILL_CHECK(cycle_ != nullptr, "cycle rounds start after the address rounds");
    return std::make_unique<CycleConsumer>(*this, cycle_->begin_pass(round - log_k_));
  }

  UniPoly round_poly(unsigned round, const Fr& claim) override {
    if (round >= log_k_) return cycle_->round_poly(round - log_k_, claim);
    RILL_CHECK(sums_.has_value(), "the address pass has not run");
    const TwistAddressSums& s = *sums_;
    // Coefficients of (1−X)², X(1−X), X² in the Init and pair terms; of (1−X), X in L.
    Fr a = s.pairs[0], m = s.pairs[1] + s.pairs[2], z = s.pairs[3];
    if (!init_.empty() && !s.access.empty()) {
      FrAccumulator s00, s01, s11;
      for (std::size_t base = 0; base < s.access.size(); base += 2) {
        s00.add_product(s.access[base], init_[base]);
        s01.add_product(s.access[base], init_[base + 1]);
        s01.add_product(s.access[base + 1], init_[base]);
        s11.add_product(s.access[base + 1], init_[base + 1]);
      }
      a += s00.reduce();
      m += s01.reduce();
      z += s11.reduce();
    }
    const Fr va = policy_.val_scale(), ib = policy_.inc_scale();
    a *= va;
    m *= va;
    z *= va;
    const Fr l0 = ib * s.own_inc[0], l1 = ib * s.own_inc[1];
    // a(1 − 2X + X²) + m(X − X²) + zX² + l0(1 − X) + l1·X
    // Degree 2 in the address rounds (the batch serializes each round at its own degree).
    last_poly_ = UniPoly(std::vector<Fr>{a + l0, m - a - a + l1 - l0, a - m + z});
    (void)claim;
    return last_poly_;
  }

  void bind(unsigned round, const Fr& r) override {
    if (round >= log_k_) {
      cycle_->bind(round - log_k_, r);
      return;
    }
    address_challenges_.push_back(r);
    runs_ = std::move(sums_->runs);
    sums_.reset();
    // eq(r_{≤i}, ·): E'[x + 2^i·t] = E[x]·(t ? r : 1 − r).
    const std::size_t size = low_eq_.size();
    low_eq_.resize(2 * size);
    for (std::size_t x = 0; x < size; ++x) {
      low_eq_[x + size] = low_eq_[x] * r;
      low_eq_[x] -= low_eq_[x + size];
    }
    if (!init_.empty()) {
      tracked_vector<Fr> bound(init_.size() / 2);
      for (std::size_t b = 0; b < bound.size(); ++b)
        bound[b] = init_[2 * b] + r * (init_[2 * b + 1] - init_[2 * b]);
      init_ = std::move(bound);
    }
    if (round + 1 == log_k_) start_cycle_phase(last_poly_.evaluate(r));
  }

  // The address point r_a (big-endian) once the address rounds are over.
  std::vector<Fr> address_point() const {
    return std::vector<Fr>(address_challenges_.rbegin(), address_challenges_.rend());
  }
  // Init(r_a), after the address rounds.
  const Fr& init_at_address_point() const { return init_at_r_; }
  // Factor values at the final point, after the last round (order: the policy's factors).
  std::vector<Fr> factor_evals() const { return cycle_->factor_evals(); }

  // The merged tables of the round-0 pass, readable from that pass until bind(0) (the RAF and
  // output-check instances of stage 2 read them in their round 0): C[k] = Σ_j eq(r_c, j)·Σ_ℓ
  // c_ℓ·[a_ℓ(j) = k] and Δ[k] = Σ_j Inc(j)·[wa(j) = k]. Empty spans when nothing was accessed.
  std::span<const Fr> round0_access() const {
    RILL_CHECK(sums_.has_value() && address_challenges_.empty(), "round-0 tables not available");
    return sums_->access;
  }
  std::span<const Fr> round0_increments() const {
    RILL_CHECK(sums_.has_value() && address_challenges_.empty(), "round-0 tables not available");
    return sums_->increments;
  }
  // Init over the K addresses (empty for Init = 0), until bind(0).
  std::span<const Fr> round0_init() const {
    RILL_CHECK(address_challenges_.empty(), "Init is bound after round 0");
    return init_;
  }

 protected:
  const Policy& policy() const { return policy_; }

 private:
  using Segment = TwistAddressSegment<Policy>;
  using CycleSumcheck = StreamingProductSumcheck<TwistCycleKernel>;

  struct AddressConsumer final : PassConsumer<CycleRecord> {
    explicit AddressConsumer(TwistReadWriteProver& owner) : owner(owner) {}
    std::unique_ptr<SegmentAccumulator<CycleRecord>> new_segment() override {
      return std::make_unique<Segment>(owner.ctx_);
    }
    void finish(std::unique_ptr<SegmentAccumulator<CycleRecord>> total) override {
      owner.sums_ = static_cast<Segment&>(*total).take();
    }
    TwistReadWriteProver& owner;
  };

  // One segment of a cycle pass: turns records into factor rows, carrying the running Val.
  class CycleSegment final : public SegmentAccumulator<CycleRecord> {
   public:
    CycleSegment(const TwistReadWriteProver& owner,
                 std::unique_ptr<SegmentAccumulator<TwistFactorRow>> inner)
        : owner_(owner), inner_(std::move(inner)) {}
    void fold(std::span<const CycleRecord> rows, const CycleRecord&, u64 first) override {
      if (!started_ || first != end_) running_ = owner_.val_at(first);
      started_ = true;
      const Policy& policy = owner_.policy_;
      const std::span<const Fr> eq = owner_.cycle_kernel_->eq();
      buffer_.resize(rows.size());
      for (std::size_t r = 0; r < rows.size(); ++r) {
        TwistFactorRow& out = buffer_[r];
        const std::array<u32, Policy::kLegs> legs = policy.legs(rows[r]);
        std::copy(legs.begin(), legs.end(), out.address.begin());
        out.val = running_;
        out.inc = policy.increment(rows[r]);
        // Val after the row: the write adds Inc at its address.
        const u32 wa = policy.write_address(rows[r]);
        if (out.inc != 0 && wa != kNoAccess) running_ += eq[wa].mul_i64(out.inc);
      }
      inner_->fold(buffer_, TwistFactorRow{}, first);
      end_ = first + rows.size();
    }
    void merge(SegmentAccumulator<CycleRecord>& later) override {
      inner_->merge(*static_cast<CycleSegment&>(later).inner_);
    }
    std::unique_ptr<SegmentAccumulator<TwistFactorRow>> release() { return std::move(inner_); }

   private:
    const TwistReadWriteProver& owner_;
    std::unique_ptr<SegmentAccumulator<TwistFactorRow>> inner_;
    bool started_ = false;
    u64 end_ = 0;
    Fr running_ = Fr::zero();
    std::vector<TwistFactorRow> buffer_;
  };

  struct CycleConsumer final : PassConsumer<CycleRecord> {
    CycleConsumer(TwistReadWriteProver& owner, std::unique_ptr<PassConsumer<TwistFactorRow>> inner)
        : owner(owner), inner(std::move(inner)) {}
    std::unique_ptr<SegmentAccumulator<CycleRecord>> new_segment() override {
      return std::make_unique<CycleSegment>(owner, inner->new_segment());
    }
    void finish(std::unique_ptr<SegmentAccumulator<CycleRecord>> total) override {
      inner->finish(static_cast<CycleSegment&>(*total).release());
    }
    TwistReadWriteProver& owner;
    std::unique_ptr<PassConsumer<TwistFactorRow>> inner;
  };

  // Val(r_a, first) for a row where a segment of the last address pass started.
  Fr val_at(u64 first) const {
    const auto it = std::lower_bound(val_starts_.begin(), val_starts_.end(), first,
                                     [](const auto& e, u64 x) { return e.first < x; });
    RILL_CHECK(it != val_starts_.end() && it->first == first,
               "cycle passes start segments where the last address pass did");
    return it->second;
  }

  void start_cycle_phase(const Fr& claim) {
    const Fr r = address_challenges_.back();
    init_at_r_ = init_.empty() ? Fr::zero() : init_[0];
    init_ = tracked_vector<Fr>();
    // Val at each segment start: Init(r_a) + the totals of the segments before it.
    Fr running = init_at_r_;
    val_starts_.clear();
    for (const auto& run : runs_) {
      val_starts_.emplace_back(run.start, running);
      running += run.inc[0] + r * (run.inc[1] - run.inc[0]);
    }
    runs_.clear();
    const std::array<TwistFactor, Policy::kFactors> factors = policy_.cycle_factors();
    cycle_kernel_.emplace(factors, std::move(low_eq_));
    low_eq_ = tracked_vector<Fr>();
    cycle_ = std::make_unique<CycleSumcheck>(*cycle_kernel_, log_t_, policy_.cycle_shape(),
                                             Weight::eq(cycle_point_), cycle_schedule_, claim);
  }

  Policy policy_;
  unsigned log_k_, log_t_;
  std::vector<Fr> cycle_point_;
  HalvedEqTable cycle_eq_;
  tracked_vector<Fr> init_;  // Init bound to the address challenges so far
  Schedule cycle_schedule_;
  Fr claim_;
  typename Segment::Context ctx_{};
  tracked_vector<Fr> low_eq_;  // eq(r_{<i}, ·) during the address rounds
  // The cycle kernel (sharing its tables with the cycle sumcheck's copy), after the address rounds.
  std::optional<TwistCycleKernel> cycle_kernel_;
  std::optional<TwistAddressSums> sums_;
  std::vector<TwistAddressSums::Run> runs_;
  std::vector<std::pair<u64, Fr>> val_starts_;
  std::vector<Fr> address_challenges_;
  UniPoly last_poly_;
  Fr init_at_r_ = Fr::zero();
  std::unique_ptr<CycleSumcheck> cycle_;
};

}  // namespace rill::zkvm
