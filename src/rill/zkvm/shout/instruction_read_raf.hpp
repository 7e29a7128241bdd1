// Instruction read + RAF (reference jolt-protocol.md §3 stage 5a, §5.3; streaming.md §3 note B):
// the prover's address rounds, as a component the sumcheck engine will drive, and the verifier's
// formulas for the address part.
//
// Relation. With per-cycle eq weights w_j = eq(r, j) (r = the instruction claim-reduction point),
// γ the instance's challenge, k_j the lookup index of cycle j, t(j) its table (or none), rf_j its
// InstructionRafFlag (1 iff the operands are not interleaved):
//   Σ_j w_j·(LookupOutput_j + γ·LeftLookupOperand_j + γ²·RightLookupOperand_j)
//     = Σ_{k ∈ {0,1}^{LOG_K}} Σ_j w_j·ra(k, j)·V_j(k),
//   V_j(k) = Val_{t(j)}(k) + γ·(1−rf_j)·LeftOp(k) + γ²·(1−rf_j)·RightOp(k) + γ²·rf_j·Id(k),
// ra(k, j) = [k = k_j]. The first LOG_K = 2·XLEN rounds bind the address variables most
// significant first (k_0, k_1, …: the tables' big-endian bit order; reference §3 "no reversal"),
// each round polynomial of degree 2; the cycle rounds follow (degree n_virtual + 2, not here).
//
// After binding the address bits r_0 … r_{b−1}, the remaining sum is over the unbound bits x:
//   g_b(x) = Σ_j u_j^{(b)}·[x = k_j[≥b]]·V_j(r_{<b}, x),   u_j^{(b)} = w_j·eq(r_{<b}, k_j[<b]).
//
// Phases. The address bits are cut into phases (lengths chosen by the prover: 8 phases of 8 bits
// by default; any lengths summing to LOG_K work, the tables decompose at every split). For the
// phase covering bits [s, s+L), every V_j splits at m = s+L into prefix terms (multilinear in the
// bits before m) times suffix terms (small integers of k_j's bits after m), table by table
// (lookups::TableAutomaton, PrefixCheckpoint) and leg by leg (lookups::RafLegs):
//   V_j(r_{<s}, y, k_j[≥m]) = Σ_τ P_{t(j),τ}(r_{<s}, y)·S_{t(j),τ}(k_j[≥m]) + RAF legs alike,
// so, with c_j = k_j's phase chunk (bits [s, m)) and y the phase bits,
//   g_s summed over the suffix = Σ_y Σ_{t,τ} P_{t,τ}(y)·Q_{t,τ}(y),
//   Q_{t,τ}[c] = Σ_{j: t(j)=t, c_j=c} u_j^{(s)}·S_{t,τ}(k_j[≥m])
// (and for the legs Q with weight (1−rf_j) or rf_j and γ, γ² as outer coefficients). P and Q are
// tables of 2^L entries per term, bound most significant bit first during the phase's L rounds:
// h(X) = Σ_{y'} Σ P(X, y')·Q(X, y'), degree 2. Nothing here grows with T.
//
// Passes. Q is filled by one pass over the cycles at the start of each phase (PhaseAccumulator:
// add() per cycle, merge() of consecutive segments, so a pass can run over a streamed trace in
// parallel). The caller supplies each cycle's lookup (index, table, raf flag) and w_j; u_j is
// recomputed on the fly: u_j^{(s)} = w_j·Π_{q < p} v_q[chunk_q(k_j)] with v_q the eq table of
// phase q's challenges (2^{L_q} entries each).
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "rill/util/check.hpp"
#include "rill/util/int.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/lookups/raf_legs.hpp"
#include "rill/zkvm/lookups/table_kind.hpp"

namespace rill::zkvm::shout {

using lookups::LookupField;
using lookups::RafLeg;
using lookups::TableKind;

// One cycle's lookup as the read-RAF instance sees it.
struct LookupCycle {
  u64 index = 0;                   // the 2·XLEN-bit lookup index k_j
  std::optional<TableKind> table;  // t(j); none for NoOp, loads, stores, FENCE (all flags 0)
  bool raf_flag = false;           // InstructionRafFlag: operands not interleaved
};

// 8 phases of 8 bits for XLEN = 32; in general phases of 8 bits (or fewer, the last).
inline std::vector<unsigned> default_phase_lengths(unsigned log_k) {
  std::vector<unsigned> lengths;
  for (unsigned b = 0; b < log_k; b += 8) lengths.push_back(std::min(8u, log_k - b));
  return lengths;
}

// The coefficient of each RAF leg in V_j: γ·(1−rf)·LeftOp + γ²·(1−rf)·RightOp + γ²·rf·Id.
template <LookupField F>
std::array<F, 3> raf_leg_coefficients(const F& gamma) {
  return {gamma, gamma * gamma, gamma * gamma};
}

// The verifier's address part of the final claim (reference §3 stage 5a "Verifier final check"):
// with r_a the LOG_K address challenges and the cycle-side claims flag_t(r_c), rf(r_c),
//   Σ_t flag_t·Val_t(r_a) + γ·(1−rf)·(LeftOp(r_a) + γ·RightOp(r_a)) + γ²·rf·Id(r_a).
// The final claim is eq(r, r_c)·Π_v ra_v(r_c)·(this value).
template <unsigned XLEN, LookupField F>
F read_raf_address_value(std::span<const F> r_address, std::span<const F> table_flags,
                         const F& raf_flag, const F& gamma) {
  RILL_CHECK_EQ(table_flags.size(), lookups::kNumTables, "one flag claim per table");
  using Legs = lookups::RafLegs<XLEN>;
  F sum = F::zero();
  for (TableKind kind : lookups::all_table_kinds()) {
    const F& flag = table_flags[static_cast<std::size_t>(kind)];
    sum = sum + flag * lookups::evaluate_table_mle<XLEN, F>(kind, r_address);
  }
  const F left = Legs::evaluate_mle(RafLeg::kLeftOperand, r_address);
  const F right = Legs::evaluate_mle(RafLeg::kRightOperand, r_address);
  const F id = Legs::evaluate_mle(RafLeg::kIdentity, r_address);
  return sum + gamma * (F::one() - raf_flag) * (left + gamma * right) +
         gamma * gamma * raf_flag * id;
}

// The instance's input claim: LookupOutput(r) + γ·LeftLookupOperand(r) + γ²·RightLookupOperand(r).
template <LookupField F>
F read_raf_input_claim(const F& lookup_output, const F& left_operand, const F& right_operand,
                       const F& gamma) {
  return lookup_output + gamma * (left_operand + gamma * right_operand);
}

namespace detail {

// u·s for a small integer s, with the field's word multiplication when it has one (Fr: mul_i64 /
// mul_u64 cost a fraction of a full product).
template <LookupField F>
F times_i64(const F& u, i64 s) {
  if constexpr (requires { u.mul_i64(s); }) {
    return u.mul_i64(s);
  } else {
    return u * lookups::field_from_i64<F>(s);
  }
}
template <LookupField F>
F times_u64(const F& u, u64 s) {
  if constexpr (requires { u.mul_u64(s); }) {
    return u.mul_u64(s);
  } else {
    return u * F::from_u64(s);
  }
}

}  // namespace detail

template <unsigned XLEN, LookupField F>
class ReadRafAddressProver {
 public:
  static constexpr unsigned kLogK = 2 * XLEN;
  static constexpr unsigned kDegree = 2;
  static constexpr std::size_t kNumLegs = 3;
  using Legs = lookups::RafLegs<XLEN>;

  ReadRafAddressProver(const F& gamma, std::vector<unsigned> phase_lengths)
      : leg_coefficients_(raf_leg_coefficients(gamma)) {
    unsigned start = 0;
    for (unsigned len : phase_lengths) {
      RILL_CHECK(len >= 1 && len <= 20, "phase length in [1, 20]");
      phases_.push_back({start, len});
      start += len;
    }
    RILL_CHECK_EQ(start, kLogK, "phase lengths sum to LOG_K");
    for (RafLeg leg : lookups::kRafLegs) leg_checkpoints_.emplace_back(leg);
  }

  unsigned num_rounds() const { return kLogK; }
  unsigned round() const { return round_; }
  std::size_t num_phases() const { return phases_.size(); }
  // The current round starts a phase whose pass has not run yet.
  bool needs_pass() const {
    return round_ < kLogK && !pass_done_ && phases_[phase_].start == round_;
  }

  // The Q tables of one phase for a segment of cycles. Lives no longer than its prover.
  class PhaseAccumulator {
   public:
    // Adds cycle j with eq weight w_j.
    void add(const LookupCycle& cycle, const F& eq_weight) {
      const auto& prover = *prover_;
      const Phase& phase = prover.phases_[prover.phase_];
      // u_j = w_j·Π_{q<p} v_q[chunk_q(k_j)].
      F u = eq_weight;
      for (std::size_t q = 0; q < prover.phase_; ++q) {
        u = u * prover.phase_eq_[q][prover.chunk(q, cycle.index)];
      }
      const u64 c = prover.chunk(prover.phase_, cycle.index);
      const unsigned split = phase.start + phase.len;
      const u64 suffix = cycle.index & lookups::low_mask(kLogK - split);
      if (cycle.table) {
        const auto t = static_cast<std::size_t>(*cycle.table);
        lookups::visit_table<XLEN>(*cycle.table, [&](auto table) {
          using Automaton = lookups::TableAutomaton<decltype(table)>;
          const unsigned terms = Automaton::num_terms(split);
          touch(tables_[t], std::size_t{terms} << phase.len);
          std::array<i64, Automaton::kMaxTerms> s{};
          Automaton::suffix_terms(split, suffix, std::span<i64>(s.data(), terms));
          F* q = tables_[t].q.data() + c * terms;
          for (unsigned tau = 0; tau < terms; ++tau) {
            if (s[tau] != 0) q[tau] = q[tau] + detail::times_i64(u, s[tau]);
          }
        });
      }
      // The legs: Q[2c] += weight·u (times the constant suffix term 1), Q[2c+1] += weight·u·S_1.
      for (std::size_t l = 0; l < kNumLegs; ++l) {
        const RafLeg leg = lookups::kRafLegs[l];
        const bool on = leg == RafLeg::kIdentity ? cycle.raf_flag : !cycle.raf_flag;
        if (!on) continue;
        touch(legs_[l], std::size_t{2} << phase.len);
        F* q = legs_[l].q.data() + 2 * c;
        q[0] = q[0] + u;
        const u64 s1 = Legs::suffix_terms(leg, split, suffix)[1];
        if (s1 != 0) q[1] = q[1] + detail::times_u64(u, s1);
      }
    }

    // Absorbs another segment's tables (addition: the order of segments does not matter).
    void merge(const PhaseAccumulator& other) {
      RILL_CHECK(prover_ == other.prover_ && phase_ == other.phase_, "same prover and phase");
      auto add_into = [](Part& into, const Part& from) {
        if (!from.touched) return;
        touch(into, from.q.size());
        for (std::size_t i = 0; i < into.q.size(); ++i) into.q[i] = into.q[i] + from.q[i];
      };
      for (std::size_t t = 0; t < tables_.size(); ++t) add_into(tables_[t], other.tables_[t]);
      for (std::size_t l = 0; l < kNumLegs; ++l) add_into(legs_[l], other.legs_[l]);
    }

   private:
    friend class ReadRafAddressProver;
    struct Part {
      tracked_vector<F> q;
      bool touched = false;
    };
    // The Q tables are allocated when first touched: a segment holds only the tables its cycles
    // use.
    explicit PhaseAccumulator(const ReadRafAddressProver& prover)
        : prover_(&prover), phase_(prover.phase_), tables_(lookups::kNumTables) {}
    static void touch(Part& part, std::size_t size) {
      if (part.touched) return;
      part.q.assign(size, F::zero());
      part.touched = true;
    }
    const ReadRafAddressProver* prover_;
    std::size_t phase_;
    std::vector<Part> tables_;
    std::array<Part, kNumLegs> legs_;
  };

  // A fresh accumulator for the current phase's pass.
  PhaseAccumulator new_accumulator() const {
    RILL_CHECK(needs_pass(), "the current round does not start a phase");
    return PhaseAccumulator(*this);
  }

  // Installs the pass's Q tables and expands the prefix terms of the phase.
  void finish_pass(PhaseAccumulator total) {
    RILL_CHECK(needs_pass(), "the current round does not start a phase");
    RILL_CHECK(total.prover_ == this && total.phase_ == phase_, "accumulator of this phase");
    const Phase& phase = phases_[phase_];
    const unsigned split = phase.start + phase.len;
    active_.clear();
    // Tables, in TableKind order: P from the table's checkpoint.
    std::size_t t = 0;
    lookups::for_each_table<XLEN>([&](auto table) {
      using Table = decltype(table);
      auto& part = total.tables_[t++];
      if (!part.touched) return;
      Active a;
      a.coefficient = F::one();
      a.terms = lookups::TableAutomaton<Table>::num_terms(split);
      a.p.resize(part.q.size());
      std::get<Checkpoint<Table>>(checkpoints_).expand(phase.len, a.p);
      a.q = std::move(part.q);
      active_.push_back(std::move(a));
    });
    for (std::size_t l = 0; l < kNumLegs; ++l) {
      auto& part = total.legs_[l];
      if (!part.touched) continue;
      Active a;
      a.coefficient = leg_coefficients_[l];
      a.terms = 2;
      a.p.resize(part.q.size());
      leg_checkpoints_[l].expand(phase.len, a.p);
      a.q = std::move(part.q);
      active_.push_back(std::move(a));
    }
    size_ = std::size_t{1} << phase.len;
    pass_done_ = true;
  }

  // Runs a whole pass: visit(sink) must call sink(const LookupCycle&, const F& w_j) once per
  // cycle (any order).
  template <class Visit>
  void run_pass(Visit&& visit) {
    PhaseAccumulator acc = new_accumulator();
    visit([&](const LookupCycle& cycle, const F& w) { acc.add(cycle, w); });
    finish_pass(std::move(acc));
  }

  // h(0), h(1), h(2) of the current round: with n = the current table size and the top phase bit
  // X, h(X) = Σ_{y'<n/2} Σ_parts coefficient·Σ_τ P_X[y']_τ·Q_X[y']_τ, where
  // P_X = P[y'] + X·(P[n/2 + y'] − P[y']) (and Q alike).
  std::array<F, 3> round_evals() const {
    RILL_CHECK(round_ < kLogK && pass_done_, "a phase pass must precede its rounds");
    std::array<F, 3> h = {F::zero(), F::zero(), F::zero()};
    const std::size_t half = size_ / 2;
    for (const Active& a : active_) {
      F e0 = F::zero(), e1 = F::zero(), e2 = F::zero();
      const std::size_t n = half * a.terms;
      for (std::size_t i = 0; i < n; ++i) {
        const F& p0 = a.p[i];
        const F& p1 = a.p[n + i];
        const F& q0 = a.q[i];
        const F& q1 = a.q[n + i];
        e0 = e0 + p0 * q0;
        e1 = e1 + p1 * q1;
        e2 = e2 + (p1 + p1 - p0) * (q1 + q1 - q0);
      }
      h[0] = h[0] + a.coefficient * e0;
      h[1] = h[1] + a.coefficient * e1;
      h[2] = h[2] + a.coefficient * e2;
    }
    return h;
  }

  // Binds the current round's address bit to r (P, Q: top variable; every checkpoint: one bit).
  void bind(const F& r) {
    RILL_CHECK(round_ < kLogK && pass_done_, "a phase pass must precede its rounds");
    const std::size_t half = size_ / 2;
    for (Active& a : active_) {
      const std::size_t n = half * a.terms;
      for (std::size_t i = 0; i < n; ++i) {
        a.p[i] = a.p[i] + r * (a.p[n + i] - a.p[i]);
        a.q[i] = a.q[i] + r * (a.q[n + i] - a.q[i]);
      }
      a.p.resize(n);
      a.q.resize(n);
    }
    size_ = half;
    std::apply([&](auto&... checkpoint) { (checkpoint.bind(r), ...); }, checkpoints_);
    for (auto& leg : leg_checkpoints_) leg.bind(r);
    challenges_.push_back(r);
    ++round_;
    const Phase& phase = phases_[phase_];
    if (round_ == phase.start + phase.len) {
      // v_p[c] = eq(r_phase, c), c read most significant bit first.
      tracked_vector<F> v(1, F::one());
      for (unsigned i = 0; i < phase.len; ++i) {
        const F& ri = challenges_[phase.start + i];
        tracked_vector<F> next(v.size() * 2);
        for (std::size_t c = 0; c < v.size(); ++c) {
          next[2 * c + 1] = v[c] * ri;
          next[2 * c] = v[c] - next[2 * c + 1];
        }
        v = std::move(next);
      }
      phase_eq_.push_back(std::move(v));
      active_.clear();
      ++phase_;
      pass_done_ = false;
    }
    if (round_ == kLogK) {
      for (TableKind kind : lookups::all_table_kinds()) {
        final_values_[static_cast<std::size_t>(kind)] = table_value(kind);
      }
    }
  }

  // After all LOG_K rounds: the address challenges r_a (most significant bit first).
  std::span<const F> challenges() const { return challenges_; }

  // Val_t(r_a) from the table's checkpoint (the prefix terms with the empty suffix), and the
  // legs' MLEs at r_a: what the cycle rounds' combined value needs.
  F table_value(TableKind kind) const {
    RILL_CHECK_EQ(round_, kLogK, "every address bit is bound");
    return lookups::visit_table<XLEN>(kind, [&](auto table) {
      using Table = decltype(table);
      using Automaton = lookups::TableAutomaton<Table>;
      std::array<i64, Automaton::kMaxTerms> s{};
      const unsigned terms = Automaton::num_terms(kLogK);
      Automaton::suffix_terms(kLogK, 0, std::span<i64>(s.data(), terms));
      return Automaton::combine(std::get<Checkpoint<Table>>(checkpoints_).terms(),
                                std::span<const i64>(s.data(), terms));
    });
  }
  F leg_value(RafLeg leg) const {
    RILL_CHECK_EQ(round_, kLogK, "every address bit is bound");
    return leg_checkpoints_[static_cast<std::size_t>(leg)].terms()[0];
  }

  // What the cycle rounds read per cycle, O(1) from small tables once the address is bound:
  //   combined_value(j) = Val_{t(j)}(r_a) + γ·(1−rf_j)·(LeftOp(r_a) + γ·RightOp(r_a))
  //                       + γ²·rf_j·Id(r_a),
  //   virtual_ra(j)_v   = eq(r_a[v·c, (v+1)·c), chunk_v(k_j)) for virtual chunks of c bits,
  // so that Σ_j w_j·Π_v virtual_ra(j)_v·combined_value(j) is the address rounds' last claim.
  F combined_value(const LookupCycle& cycle) const {
    RILL_CHECK_EQ(round_, kLogK, "every address bit is bound");
    const F& g = leg_coefficients_[0];
    F v = cycle.table ? final_values_[static_cast<std::size_t>(*cycle.table)] : F::zero();
    if (cycle.raf_flag) return v + g * g * leg_value(RafLeg::kIdentity);
    return v + g * (leg_value(RafLeg::kLeftOperand) + g * leg_value(RafLeg::kRightOperand));
  }
  // Π_v virtual_ra(j)_v = eq(r_a, k_j) = Π_p v_p[chunk_p(k_j)]; `log_chunk` must be a union of
  // whole phases (8, 16, …, with the default layout).
  std::vector<F> virtual_ra(u64 index, unsigned log_chunk) const {
    RILL_CHECK_EQ(round_, kLogK, "every address bit is bound");
    RILL_CHECK(log_chunk >= 1 && kLogK % log_chunk == 0, "chunks divide LOG_K");
    std::vector<F> ra(kLogK / log_chunk, F::one());
    for (std::size_t p = 0; p < phases_.size(); ++p) {
      const Phase& phase = phases_[p];
      const unsigned v = phase.start / log_chunk;
      RILL_CHECK_EQ((phase.start + phase.len - 1) / log_chunk, v, "a phase inside one chunk");
      ra[v] = ra[v] * phase_eq_[p][chunk(p, index)];
    }
    return ra;
  }

  // Bytes held by the phase tables now (P and Q of the active parts, and the v tables).
  std::size_t table_bytes() const {
    std::size_t bytes = 0;
    for (const Active& a : active_) bytes += (a.p.capacity() + a.q.capacity()) * sizeof(F);
    for (const auto& v : phase_eq_) bytes += v.capacity() * sizeof(F);
    return bytes;
  }

 private:
  struct Phase {
    unsigned start = 0;
    unsigned len = 0;
  };
  // One (table or leg) part of the phase: P and Q laid out [y·terms + τ].
  struct Active {
    F coefficient;
    unsigned terms = 0;
    tracked_vector<F> p, q;
  };

  template <class Table>
  using Checkpoint = lookups::PrefixCheckpoint<Table, F>;

  template <class Tuple>
  struct CheckpointsOf;
  template <class... Tables>
  struct CheckpointsOf<std::tuple<Tables...>> {
    using type = std::tuple<Checkpoint<Tables>...>;
  };

  // Bits [start_q, start_q + len_q) of the index (most significant first) as an integer.
  u64 chunk(std::size_t q, u64 index) const {
    const Phase& phase = phases_[q];
    return (index >> (kLogK - phase.start - phase.len)) & lookups::low_mask(phase.len);
  }

  std::array<F, kNumLegs> leg_coefficients_;
  std::vector<Phase> phases_;
  typename CheckpointsOf<lookups::TableList<XLEN>>::type checkpoints_;
  std::vector<lookups::RafPrefixCheckpoint<XLEN, F>> leg_checkpoints_;
  std::vector<tracked_vector<F>> phase_eq_;  // v_q for the finished phases
  std::vector<Active> active_;
  std::vector<F> challenges_;
  std::array<F, lookups::kNumTables> final_values_{};  // Val_t(r_a), after the last round
  std::size_t size_ = 0;
  std::size_t phase_ = 0;
  unsigned round_ = 0;
  bool pass_done_ = false;
};

}  // namespace rill::zkvm::shout
