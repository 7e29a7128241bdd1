#include "rill/zkvm/stages/spartan_outer.hpp"

#include <algorithm>

#include "rill/sumcheck/product.hpp"
#include "rill/util/check.hpp"

namespace rill::zkvm {

namespace {

constexpr std::size_t kPairs = kNumConstraints * kNumConstraints;

// eq(a, b) for one coordinate.
Fr eq1(const Fr& a, const Fr& b) {
  const Fr ab = a * b;
  return ab + ab + Fr::one() - a - b;
}

// eq(y, c) for the 19 constraints c, with y = (y_0, …, y_4) in variable order (y_k ↔ bit k of c).
std::array<Fr, kNumConstraints> constraint_weights(std::span<const Fr> y) {
  std::array<Fr, kNumConstraints> e;
  for (std::size_t c = 0; c < kNumConstraints; ++c) {
    Fr w = Fr::one();
    for (unsigned k = 0; k < kConstraintVars; ++k) w *= ((c >> k) & 1u) ? y[k] : Fr::one() - y[k];
    e[c] = w;
  }
  return e;
}

}  // namespace

AzBzKernel::AzBzKernel(std::span<const Fr> r_c, const Fr& scale) {
  RILL_CHECK_EQ(r_c.size(), std::size_t{kConstraintVars}, "r_c has one entry per constraint bit");
  const tracked_vector<Fr> e = eq_table(r_c);
  std::array<Fr, kNumInputs> a{}, b{};
  a_.constant = b_.constant = Fr::zero();
  auto add = [&](const Affine& f, const Fr& weight, std::array<Fr, kNumInputs>& coeffs,
                 Fr& constant) {
    constant += weight.mul_i64(f.constant);
    for (const Term& t : f.active()) coeffs[index_of(t.input)] += weight.mul_i64(t.coeff);
  };
  const auto& table = constraints();
  for (std::size_t c = 0; c < kNumConstraints; ++c) {
    add(table[c].guard, scale * e[c], a, a_.constant);
    add(table[c].left, e[c], b, b_.constant);
    add(table[c].right, -e[c], b, b_.constant);
  }
  for (std::size_t i = 0; i < kNumInputs; ++i) {
    if (a[i] != Fr::zero()) a_.terms.emplace_back(static_cast<Input>(i), a[i]);
    if (b[i] != Fr::zero()) b_.terms.emplace_back(static_cast<Input>(i), b[i]);
  }
}

Fr AzBzKernel::Combined::apply(const R1csInputs& z) const {
  // A few terms per row: flags are additions, other values one-word products.
  Fr v = constant;
  for (const auto& [input, coeff] : terms) {
    const i128 k = z[input];
    if (k == 0) continue;
    if (k == 1) {
      v += coeff;
    } else if (k > 0 && k <= static_cast<i128>(~u64{0})) {
      v += coeff.mul_u64(static_cast<u64>(k));
    } else {
      v += coeff.mul_i128(k);
    }
  }
  return v;
}

void AzBzKernel::factors(const CycleRecord& record, const CycleRecord&, u64, Fr* out) const {
  out[0] = a_.apply(record.z);
  out[1] = b_.apply(record.z);
}

// One segment of the rounds-0–4 pass: its share of M.
class PairSumsSegment final : public SegmentAccumulator<CycleRecord> {
 public:
  explicit PairSumsSegment(const HalvedEqTable& eq) : eq_(eq) {}

  void fold(std::span<const CycleRecord> rows, const CycleRecord&, u64 first) override {
    const auto& table = constraints();
    std::array<i64, kNumConstraints> a;
    std::array<i128, kNumConstraints> b;
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const R1csInputs& z = rows[j].z;
      for (std::size_t c = 0; c < kNumConstraints; ++c) {
        a[c] = static_cast<i64>(row_a(table[c], z));  // guards are small flag combinations
        b[c] = row_b(table[c], z);
      }
      const Fr w = eq_(first + j);
      // M[c][c'] += eq(τ_x, x)·Az(x, c)·Bz(x, c'), touching only non-zero pairs; the integer
      // product Az·Bz (at most 68 bits) meets the field once.
      for (std::size_t c2 = 0; c2 < kNumConstraints; ++c2) {
        if (b[c2] == 0) continue;
        for (std::size_t c1 = 0; c1 < kNumConstraints; ++c1)
          if (a[c1] != 0) sums_[c1 * kNumConstraints + c2].add(w, a[c1] * b[c2]);
      }
    }
  }

  void merge(SegmentAccumulator<CycleRecord>& later) override {
    const auto& other = static_cast<PairSumsSegment&>(later).sums_;
    for (std::size_t k = 0; k < kPairs; ++k) sums_[k].merge(other[k]);
  }

  ConstraintPairSums sums() const {
    ConstraintPairSums m;
    for (std::size_t k = 0; k < kPairs; ++k) m[k] = sums_[k].reduce();
    return m;
  }

 private:
  const HalvedEqTable& eq_;
  std::array<SmallValueSum, kPairs> sums_;
};

struct SpartanOuterProver::PairSumsConsumer final : PassConsumer<CycleRecord> {
  PairSumsConsumer(SpartanOuterProver& owner, std::span<const Fr> tau_x)
      : owner(owner), eq(tau_x) {}
  std::unique_ptr<SegmentAccumulator<CycleRecord>> new_segment() override {
    return std::make_unique<PairSumsSegment>(eq);
  }
  void finish(std::unique_ptr<SegmentAccumulator<CycleRecord>> total) override {
    owner.pair_sums_ = static_cast<PairSumsSegment&>(*total).sums();
  }
  SpartanOuterProver& owner;
  HalvedEqTable eq;
};

SpartanOuterProver::SpartanOuterProver(std::vector<Fr> tau, unsigned log_t, Schedule cycle_schedule)
    : tau_(std::move(tau)), log_t_(log_t), cycle_schedule_(std::move(cycle_schedule)) {
  RILL_CHECK_EQ(tau_.size(), std::size_t{log_t_ + kConstraintVars}, "τ has log T + 5 entries");
  RILL_CHECK_EQ(cycle_schedule_.num_rounds(), log_t_, "the cycle schedule has log T rounds");
}

SpartanOuterProver::~SpartanOuterProver() = default;

bool SpartanOuterProver::needs_pass(unsigned round) const {
  if (round < kConstraintVars) return round == 0;
  return cycle_schedule_.needs_pass(round - kConstraintVars);
}

std::unique_ptr<PassConsumer<CycleRecord>> SpartanOuterProver::begin_pass(unsigned round) {
  if (round == 0) return std::make_unique<PairSumsConsumer>(*this, std::span(tau_).first(log_t_));
  RILL_CHECK(cycle_ != nullptr, "cycle rounds start after the constraint rounds");
  return cycle_->begin_pass(round - kConstraintVars);
}

std::vector<ClaimKey> SpartanOuterProver::sidecar_claims() const {
  std::vector<ClaimKey> keys;
  for (std::size_t i = 0; i < kNumInputs; ++i)
    keys.push_back({poly(static_cast<Input>(i)), at(PointName::kCycle1)});
  return keys;
}

UniPoly SpartanOuterProver::round_poly(unsigned round, const Fr& claim) {
  if (round >= kConstraintVars) return cycle_->round_poly(round - kConstraintVars, claim);
  RILL_CHECK(pair_sums_.has_value(), "the constraint-pair pass has not run");
  RILL_CHECK_EQ(constraint_challenges_.size(), std::size_t{round}, "rounds out of order");
  const std::span<const Fr> tau_c = std::span(tau_).subspan(log_t_);
  const ConstraintPairSums& m = *pair_sums_;
  // h_j(X) = Σ_{y_{>j}} eq(τ_c, y)·Σ_{c,c'} eq(y, c)·eq(y, c')·M[c][c'], y = (r_{<j}, X, y_{>j}).
  std::array<Fr, kSpartanOuterDegree + 1> evals;
  std::array<Fr, kConstraintVars> y;
  std::copy(constraint_challenges_.begin(), constraint_challenges_.end(), y.begin());
  const unsigned free_bits = kConstraintVars - 1 - round;
  for (unsigned x = 0; x <= kSpartanOuterDegree; ++x) {
    y[round] = Fr::from_u64(x);
    Fr sum = Fr::zero();
    for (u64 rest = 0; rest < (u64{1} << free_bits); ++rest) {
      for (unsigned k = 0; k < free_bits; ++k)
        y[round + 1 + k] = ((rest >> k) & 1u) ? Fr::one() : Fr::zero();
      Fr eq_tau = Fr::one();
      for (unsigned k = 0; k < kConstraintVars; ++k)
        eq_tau *= eq1(tau_c[kConstraintVars - 1 - k], y[k]);
      const auto e = constraint_weights(y);
      Fr g = Fr::zero();
      for (std::size_t c1 = 0; c1 < kNumConstraints; ++c1) {
        Fr row = Fr::zero();
        for (std::size_t c2 = 0; c2 < kNumConstraints; ++c2)
          row += m[c1 * kNumConstraints + c2] * e[c2];
        g += e[c1] * row;
      }
      sum += eq_tau * g;
    }
    evals[x] = sum;
  }
  last_constraint_poly_ = UniPoly::from_evals(evals);
  return last_constraint_poly_;
}

void SpartanOuterProver::bind(unsigned round, const Fr& challenge) {
  if (round >= kConstraintVars) {
    cycle_->bind(round - kConstraintVars, challenge);
    return;
  }
  constraint_challenges_.push_back(challenge);
  if (round + 1 < kConstraintVars) return;
  // The constraint bits are bound: the rest is a product sumcheck over the cycle bits with
  // weight eq(τ_x, ·) and factors eq(τ_c, r_c)·Az(·, r_c), Bz(·, r_c).
  std::vector<Fr> r_c(constraint_challenges_.rbegin(), constraint_challenges_.rend());
  const std::span<const Fr> tau_c = std::span(tau_).subspan(log_t_);
  const Fr scale = eq_eval(tau_c, r_c);
  std::vector<Fr> tau_x(tau_.begin(), tau_.begin() + log_t_);
  cycle_ = std::make_unique<CycleSumcheck>(AzBzKernel(r_c, scale), log_t_, ProductShape::product(2),
                                           Weight::eq(std::move(tau_x)), cycle_schedule_,
                                           last_constraint_poly_.evaluate(challenge));
  pair_sums_.reset();
}

SpartanOuterVerifier::SpartanOuterVerifier(std::vector<Fr> tau, unsigned log_t,
                                           std::vector<Fr> input_claims)
    : tau_(std::move(tau)), log_t_(log_t), input_claims_(std::move(input_claims)) {
  RILL_CHECK_EQ(tau_.size(), std::size_t{log_t_ + kConstraintVars}, "τ has log T + 5 entries");
  RILL_CHECK_EQ(input_claims_.size(), kNumInputs, "one claim per R1CS input");
}

Fr SpartanOuterVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), std::size_t{num_rounds()}, "one challenge per round");
  std::vector<Fr> point(challenges.rbegin(), challenges.rend());  // (r_x ‖ r_c), big-endian
  const Fr eq_tau = eq_eval(tau_, point);
  const auto e = constraint_weights(challenges.first(kConstraintVars));
  Fr az = Fr::zero(), bz = Fr::zero();
  const auto& table = constraints();
  for (std::size_t c = 0; c < kNumConstraints; ++c) {
    az += e[c] * evaluate(table[c].guard, input_claims_);
    bz += e[c] * (evaluate(table[c].left, input_claims_) - evaluate(table[c].right, input_claims_));
  }
  return eq_tau * az * bz;
}

std::vector<Fr> spartan_outer_cycle_point(std::span<const Fr> challenges) {
  RILL_CHECK(challenges.size() >= kConstraintVars, "stage 1 has at least the constraint rounds");
  return std::vector<Fr>(challenges.rbegin(), challenges.rend() - kConstraintVars);
}

}  // namespace rill::zkvm
