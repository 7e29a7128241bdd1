// One mechanism gives every lookup table its multilinear extension and its prefix/suffix
// decomposition: each table is written as a small linear automaton that reads the 2·XLEN index
// bits most significant first.
//
// A table supplies (see tables_index.hpp, tables_operands.hpp):
//   kXlen, kDim, kName, entry(index)   – the table's definition, written directly from its meaning;
//   init<V>(s)                         – the start state α ∈ Z^kDim;
//   pair_step<V>(i, x, y, in, out)     – out = in·M_i(x, y) for the i-th bit pair (x = index bit at
//                                        position 2i, y = position 2i+1; positions count from the
//                                        most significant bit), linear in the state;
//   output<V>(s)                       – the linear read-out ω.
// so that entry(index) = α · M_0(x_0, y_0) ⋯ M_{XLEN−1}(x_{XLEN−1}, y_{XLEN−1}) · ω.
//
// Multilinear extension. Replacing every M_i(x, y) by its multilinear interpolation
// M_i(r_x, r_y) = Σ_{a,b∈{0,1}} eq(a, r_x)·eq(b, r_y)·M_i(a, b) gives a polynomial that is affine
// in each variable separately (each variable appears in exactly one factor) and agrees with the
// table on {0,1}^{2·XLEN}: it is the table's MLE, evaluated in O(XLEN·kDim²) field operations
// (in practice a few per pair, the matrices being sparse; see evaluate_mle).
//
// Bit-level form. The prover binds one index bit per round, so pairs are split into two bit steps:
// reading the x bit a turns the state s into the half state (s·(1−a), s·a) of dimension 2·kDim;
// reading the y bit b then applies M_i(0, b) to the first half and M_i(1, b) to the second and
// adds. Both steps are affine in their bit. The state dimension before position p is therefore
// kDim for even p and 2·kDim for odd p.
//
// Prefix/suffix decomposition at any split m ∈ [0, 2·XLEN]: writing the product as (prefix part)
// times (suffix part), entry = Σ_k P_k(b_0 … b_{m−1}) · S_k(b_m … b_{2·XLEN−1}), where P_k is the
// k-th coordinate of the state after the first m bits and S_k is the read-out of a run started at
// the unit state e_k over the remaining bits. P_k is multilinear in the prefix bits, so binding
// them to challenges one at a time (PrefixCheckpoint::bind) keeps the identity for the MLE:
// MLE(r_0 … r_{m−1}, b_m …) = Σ_k P_k(r) · S_k(b). Any phase length works because every split
// point is supported, odd ones included.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <utility>

#include "rill/util/check.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/lookups/scalar.hpp"

namespace rill::zkvm::lookups {

template <class T>
concept LookupTable = requires(u64 index, const i64* in, i64* out) {
  { T::kXlen } -> std::convertible_to<unsigned>;
  { T::kDim } -> std::convertible_to<unsigned>;
  { T::kName } -> std::convertible_to<std::string_view>;
  { T::entry(index) } -> std::same_as<u64>;
  T::template init<i64>(out);
  T::template pair_step<i64>(0u, false, false, in, out);
  { T::template output<i64>(in) } -> std::same_as<i64>;
};

template <LookupTable Table>
struct TableAutomaton {
  static constexpr unsigned kXlen = Table::kXlen;
  static constexpr unsigned kBits = 2 * kXlen;
  static constexpr unsigned kDim = Table::kDim;
  static constexpr unsigned kMaxTerms = 2 * kDim;
  static_assert(kXlen >= 4 && kXlen <= 32 && kXlen % 4 == 0, "XLEN must be 4, 8, …, 32");

  template <class V>
  using State = std::array<V, kMaxTerms>;

  // Number of prefix (and suffix) terms when the first `split` index bits form the prefix.
  static constexpr unsigned num_terms(unsigned split) { return split % 2 == 0 ? kDim : 2 * kDim; }

  // out = in · M_position(bit) for a boolean bit.
  template <LookupScalar V>
  static void step_bit(unsigned position, bool bit, const V* in, V* out) {
    if (position % 2 == 0) {
      for (unsigned k = 0; k < kDim; ++k) {
        out[k] = bit ? scalar_zero<V>() : in[k];
        out[kDim + k] = bit ? in[k] : scalar_zero<V>();
      }
      return;
    }
    combine_halves(position / 2, bit, in, out);
  }

  // out = in · M_position(r) for a field value r: the affine interpolation
  // M(r) = M(0) + r·(M(1) − M(0)).
  template <LookupField F>
  static void step_point(unsigned position, const F& r, const F* in, F* out) {
    if (position % 2 == 0) {
      for (unsigned k = 0; k < kDim; ++k) {
        const F t = in[k] * r;
        out[k] = in[k] - t;
        out[kDim + k] = t;
      }
      return;
    }
    State<F> at0{}, at1{};
    combine_halves(position / 2, false, in, at0.data());
    combine_halves(position / 2, true, in, at1.data());
    for (unsigned k = 0; k < kDim; ++k) out[k] = at0[k] + r * (at1[k] - at0[k]);
  }

  // The table's value at `index` computed by the automaton (the tests compare it with entry()).
  static i64 evaluate_bits(u64 index) {
    State<i64> s{};
    Table::template init<i64>(s.data());
    s = run<i64>(0, kBits, index, s);
    return Table::template output<i64>(s.data());
  }

  // The MLE at r = (r_0 … r_{2·XLEN−1}), r_0 the most significant index bit. Per pair, the state
  // is multiplied by the interpolated matrix M(r_x, r_y) = Σ_ab w_ab·M(a, b) with
  // w_ab = eq(a, r_x)·eq(b, r_y); its entries are small-integer combinations of the four weights.
  // An entry that is the same integer c in all four matrices equals c (the weights sum to 1) and
  // costs no multiplication, so a pair costs 1 + (number of entries that depend on its bits)
  // multiplications — e.g. 3 for a comparison, 0 for a pair a range check ignores.
  template <LookupField F>
  static F evaluate_mle(std::span<const F> r) {
    RILL_CHECK_EQ(r.size(), std::size_t{kBits}, "lookup MLE point has 2·XLEN coordinates");
    const auto& plans = pair_plans();
    std::array<F, kDim> s{}, t{};
    Table::template init<F>(s.data());
    std::array<F, 4> w{};
    for (unsigned pair = 0; pair < kXlen; ++pair) {
      const PairPlan& plan = plans[pair];
      if (plan.identity) continue;
      if (plan.reads_bits) {
        const F& rx = r[2 * pair];
        const F& ry = r[2 * pair + 1];
        w[3] = rx * ry;               // x = 1, y = 1
        w[2] = rx - w[3];             // x = 1, y = 0
        w[1] = ry - w[3];             // x = 0, y = 1
        w[0] = F::one() - rx - w[1];  // x = 0, y = 0
      }
      t.fill(F::zero());
      for (unsigned e = 0; e < plan.num_entries; ++e) {
        const MatrixEntry& entry = plan.entries[e];
        if (entry.constant) {
          t[entry.to] = t[entry.to] + scaled_signed(s[entry.from], entry.coefficient[0]);
          continue;
        }
        F coefficient = F::zero();
        for (unsigned ab = 0; ab < 4; ++ab) {
          coefficient = coefficient + scaled_signed(w[ab], entry.coefficient[ab]);
        }
        t[entry.to] = t[entry.to] + s[entry.from] * coefficient;
      }
      std::swap(s, t);
    }
    return Table::template output<F>(s.data());
  }

  // Suffix terms S_k, k < num_terms(split), of the low `kBits − split` index bits `suffix_bits`.
  // Computed backwards, S = M_split ⋯ M_{2·XLEN−1} · ω, from tabulated integer matrices: products
  // of two consecutive pair matrices for the aligned blocks of pairs (2b, 2b+1), one pair matrix
  // for a leading unaligned pair. The per-cycle work is branch-free, kDim² multiply-adds per
  // remaining block of four index bits.
  static void suffix_terms(unsigned split, u64 suffix_bits, std::span<i64> out) {
    RILL_CHECK(split <= kBits, "split point inside the index");
    RILL_CHECK_EQ(out.size(), std::size_t{num_terms(split)}, "one value per suffix term");
    const auto& blocks = block_matrices();
    Vector s = readout_vector();
    const unsigned first_full_pair = (split + 1) / 2;
    for (unsigned block = kXlen / 2; block-- > (first_full_pair + 1) / 2;) {
      const unsigned shift = kBits - 4 - 4 * block;
      s = times(blocks[block][(suffix_bits >> shift) & 15], s);
    }
    if (first_full_pair % 2 == 1 && first_full_pair < kXlen) {
      const unsigned shift = kBits - 2 - 2 * first_full_pair;
      s = times(pair_matrices()[first_full_pair][(suffix_bits >> shift) & 3], s);
    }
    if (split % 2 == 0) {
      for (unsigned k = 0; k < kDim; ++k) out[k] = s[k];
      return;
    }
    // The suffix starts with the y bit of pair split/2; term a·kDim + k is the half state's part
    // that came through x bit a, continued by M(a, y).
    const unsigned pair = split / 2;
    const unsigned y = static_cast<unsigned>((suffix_bits >> (kBits - 1 - split)) & 1);
    for (unsigned a = 0; a < 2; ++a) {
      const Vector half = times(pair_matrices()[pair][2 * a + y], s);
      for (unsigned k = 0; k < kDim; ++k) out[a * kDim + k] = half[k];
    }
  }

  // Σ_k prefix_k · suffix_k: the table's value (or its MLE over bound prefix bits).
  template <LookupField F>
  static F combine(std::span<const F> prefix, std::span<const i64> suffix) {
    RILL_CHECK_EQ(prefix.size(), suffix.size(), "as many prefix terms as suffix terms");
    F sum = F::zero();
    for (std::size_t k = 0; k < prefix.size(); ++k) {
      if (suffix[k] != 0) sum = sum + prefix[k] * field_from_i64<F>(suffix[k]);
    }
    return sum;
  }

  // Runs the automaton from state s before bit `begin` over bits [begin, end) whose values are the
  // low end − begin bits of `bits` (most significant first).
  template <LookupScalar V>
  static State<V> run(unsigned begin, unsigned end, u64 bits, State<V> s) {
    State<V> t{};
    auto bit_at = [&](unsigned position) { return ((bits >> (end - 1 - position)) & 1) != 0; };
    unsigned p = begin;
    if (p < end && p % 2 == 1) {
      step_bit(p, bit_at(p), s.data(), t.data());
      s = t;
      ++p;
    }
    for (; p + 1 < end; p += 2) {
      Table::template pair_step<V>(p / 2, bit_at(p), bit_at(p + 1), s.data(), t.data());
      s = t;
    }
    if (p < end) {
      step_bit(p, bit_at(p), s.data(), t.data());
      s = t;
    }
    return s;
  }

 private:
  // M_i(a, b) as integer matrices, indexed [pair][2a + b][k][j] = (e_k · M_i(a, b))_j, obtained by
  // running pair_step on unit states.
  using PairMatrix = std::array<std::array<i64, kDim>, kDim>;
  static const std::array<std::array<PairMatrix, 4>, kXlen>& pair_matrices() {
    static const auto matrices = [] {
      std::array<std::array<PairMatrix, 4>, kXlen> m{};
      for (unsigned pair = 0; pair < kXlen; ++pair) {
        for (unsigned ab = 0; ab < 4; ++ab) {
          for (unsigned k = 0; k < kDim; ++k) {
            std::array<i64, kDim> unit{};
            unit[k] = 1;
            Table::template pair_step<i64>(pair, ab >= 2, (ab & 1) != 0, unit.data(),
                                           m[pair][ab][k].data());
          }
        }
      }
      return m;
    }();
    return matrices;
  }

  using Vector = std::array<i64, kDim>;

  static Vector times(const PairMatrix& m, const Vector& v) {
    Vector out{};
    for (unsigned k = 0; k < kDim; ++k) {
      for (unsigned j = 0; j < kDim; ++j) out[k] += m[k][j] * v[j];
    }
    return out;
  }

  // Products M_{2b}(a, b) · M_{2b+1}(c, d) for each block b of two pairs, indexed by the block's
  // four index bits (a b c d, most significant first).
  static const std::array<std::array<PairMatrix, 16>, kXlen / 2>& block_matrices() {
    static const auto blocks = [] {
      std::array<std::array<PairMatrix, 16>, kXlen / 2> m{};
      const auto& pairs = pair_matrices();
      for (unsigned block = 0; block < kXlen / 2; ++block) {
        for (unsigned bits = 0; bits < 16; ++bits) {
          const PairMatrix& first = pairs[2 * block][bits >> 2];
          const PairMatrix& second = pairs[2 * block + 1][bits & 3];
          for (unsigned k = 0; k < kDim; ++k) {
            for (unsigned j = 0; j < kDim; ++j) {
              for (unsigned l = 0; l < kDim; ++l)
                m[block][bits][k][j] += first[k][l] * second[l][j];
            }
          }
        }
      }
      return m;
    }();
    return blocks;
  }

  // The non-zero entries of a pair's four matrices, for evaluate_mle: entry (from → to) has
  // coefficient[2a + b] = M(a, b)[from][to]; `constant` when the four are equal.
  struct MatrixEntry {
    u8 from = 0, to = 0;
    bool constant = false;
    std::array<i64, 4> coefficient{};
  };
  struct PairPlan {
    std::array<MatrixEntry, kDim * kDim> entries{};
    unsigned num_entries = 0;
    bool reads_bits = false;  // some entry is not constant
    bool identity = false;    // M(a, b) is the identity matrix for every a, b
  };
  static const std::array<PairPlan, kXlen>& pair_plans() {
    static const auto plans = [] {
      std::array<PairPlan, kXlen> all{};
      const auto& m = pair_matrices();
      for (unsigned pair = 0; pair < kXlen; ++pair) {
        PairPlan& plan = all[pair];
        for (unsigned from = 0; from < kDim; ++from) {
          for (unsigned to = 0; to < kDim; ++to) {
            MatrixEntry entry{static_cast<u8>(from), static_cast<u8>(to), true, {}};
            for (unsigned ab = 0; ab < 4; ++ab) {
              entry.coefficient[ab] = m[pair][ab][from][to];
              entry.constant = entry.constant && entry.coefficient[ab] == entry.coefficient[0];
            }
            if (entry.constant && entry.coefficient[0] == 0) continue;
            plan.reads_bits = plan.reads_bits || !entry.constant;
            plan.entries[plan.num_entries++] = entry;
          }
        }
        plan.identity = !plan.reads_bits && plan.num_entries == kDim;
        for (unsigned e = 0; e < plan.num_entries; ++e) {
          const MatrixEntry& entry = plan.entries[e];
          plan.identity = plan.identity && entry.from == entry.to && entry.coefficient[0] == 1;
        }
      }
      return all;
    }();
    return plans;
  }

  // c·v for a small integer c (0 and 1 cost nothing).
  template <LookupField F>
  static F scaled_signed(const F& v, i64 c) {
    if (c == 0) return F::zero();
    if (c == 1) return v;
    return c > 0 ? scaled(v, static_cast<u64>(c)) : F::zero() - scaled(v, static_cast<u64>(-c));
  }

  // ω as a vector: ω_j = output(e_j).
  static const std::array<i64, kDim>& readout_vector() {
    static const auto readout = [] {
      std::array<i64, kDim> w{};
      for (unsigned j = 0; j < kDim; ++j) {
        std::array<i64, kDim> unit{};
        unit[j] = 1;
        w[j] = Table::template output<i64>(unit.data());
      }
      return w;
    }();
    return readout;
  }

  // y-bit step of pair i: out = half0 · M_i(0, y) + half1 · M_i(1, y).
  template <LookupScalar V>
  static void combine_halves(unsigned pair, bool y, const V* in, V* out) {
    State<V> from1{};
    Table::template pair_step<V>(pair, false, y, in, out);
    Table::template pair_step<V>(pair, true, y, in + kDim, from1.data());
    for (unsigned k = 0; k < kDim; ++k) out[k] = out[k] + from1[k];
  }
};

// The prover's prefix state ("checkpoint"): the automaton state after the index bits bound so far,
// i.e. the prefix terms P_k(r_0 … r_{j−1}) at split j. Binding updates it in O(kDim) field
// operations per bit; expand() gives the prefix terms of a whole phase at once.
template <LookupTable Table, LookupField F>
class PrefixCheckpoint {
 public:
  using Automaton = TableAutomaton<Table>;

  PrefixCheckpoint() { Table::template init<F>(state_.data()); }

  unsigned bound_bits() const { return bound_; }

  std::span<const F> terms() const { return {state_.data(), Automaton::num_terms(bound_)}; }

  // Binds the next index bit to the challenge r.
  void bind(const F& r) {
    RILL_CHECK(bound_ < Automaton::kBits, "every index bit is already bound");
    typename Automaton::template State<F> next{};
    Automaton::step_point(bound_, r, state_.data(), next.data());
    state_ = next;
    ++bound_;
  }

  // For every boolean assignment c of the next `len` bits (c read as an integer, first bit most
  // significant): the prefix terms at split bound_bits() + len, written to
  // out[c·num_terms(split) + k]. The values are the evaluations on {0,1}^len of prefix functions
  // that are multilinear in those bits, so a sumcheck over the phase can bind them as dense tables.
  void expand(unsigned len, std::span<F> out) const {
    const unsigned split = bound_ + len;
    RILL_CHECK(split <= Automaton::kBits, "phase inside the index");
    const unsigned terms = Automaton::num_terms(split);
    RILL_CHECK_EQ(out.size(), (std::size_t{1} << len) * terms, "2^len prefix term vectors");
    expand_into(bound_, split, state_, 0, out);
  }

 private:
  using State = typename Automaton::template State<F>;

  static void expand_into(unsigned position, unsigned split, const State& s, u64 prefix,
                          std::span<F> out) {
    if (position == split) {
      const unsigned terms = Automaton::num_terms(split);
      for (unsigned k = 0; k < terms; ++k) out[prefix * terms + k] = s[k];
      return;
    }
    State next{};
    for (unsigned bit = 0; bit < 2; ++bit) {
      Automaton::step_bit(position, bit != 0, s.data(), next.data());
      expand_into(position + 1, split, next, (prefix << 1) | bit, out);
    }
  }

  State state_{};
  unsigned bound_ = 0;
};

}  // namespace rill::zkvm::lookups
