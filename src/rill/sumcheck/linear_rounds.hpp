// The linear phase of a product sumcheck  Σ_x Σ_g W_g(x)·B_g(x),  B_g = Σ_{t∈g} c_t·Π_f P_f(x),
// on dense arrays (product_shape.hpp).
//
// This is the linear schedule itself, and the tail every streaming schedule hands over to after
// its switch. Round j sends h(X) = Σ_{x'} W(X, x')·G(X, x') for the current lowest variable,
// with every multilinear V stepped as V(X, x') = V(2x') + X·(V(2x'+1) − V(2x')). Binding r folds
// each array, V'(x') = V(2x') + r·(V(2x'+1) − V(2x')), and in the same sweep computes the next
// round's sums from the freshly bound values, so each round reads every array once. Arrays
// alternate between two buffers allocated up front; sums use unreduced accumulators.
//
// Each W_g is held in one of these ways (LinearWeight):
//   * none (W_g = 1): no column;
//   * a dense column, bound like a factor;
//   * a compact column bound like a compact factor (SplitWeightColumn: Σ_k prefix_k·suffix_k
//     split at n/2, tables of √T entries until the prefixes are bound);
// and h is computed at X = 0, 2, …, D with h(1) = claim − h(0). An instance with a single group
// may instead hold
//   * eq in split form (poly/split_eq.hpp): W(X, x') = C·eq(u_0, X)·E_lo[x'_lo]·E_hi[x'_hi].
//     The round sends h(X) = C·eq(u_0, X)·q(X) with q(X) = Σ_{x'} eq(u_{>0}, x')·G(X, x') of
//     degree d (one less than h); q is computed at X = 0, 2, …, d and
//     q(1) = (claim − C·(1 − u_0)·q(0)) / (C·u_0) (computed directly when C·u_0 = 0). The sweep
//     sums E_lo·G inside blocks and multiplies each block total by E_hi once.
//
// Compact round 0. A factor column may start as a CompactColumn (small integers; ARCHITECTURE.md
// §8: linear mode keeps small values small until a challenge meets them): round 0 converts its
// entries to field elements range by range into a per-thread scratch of at most a few thousand
// entries. A compact column may stay compact through later binds (CompactColumn::bound): a
// small-integer column (SmallIntColumn) keeps its integers and a one-hot column
// (OneHotIndexColumn) its indices for the first few rounds, next to tables of 2^m entries for
// the m bound variables, and then materializes a field array of 2^{n−m−1} entries. So a small
// factor costs about sizeof(T)·2^n bytes at its peak instead of 32·2^n + 32·2^{n−1}.
#pragma once

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include "rill/field/accumulator.hpp"
#include "rill/field/fr.hpp"
#include "rill/poly/compact.hpp"
#include "rill/poly/split_eq.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/product_shape.hpp"
#include "rill/sumcheck/weight.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// A factor column held compactly until a bind turns it into a field array.
class CompactColumn {
 public:
  virtual ~CompactColumn() = default;
  virtual std::size_t size() const = 0;
  // out[k] = P[begin + k] as a field element, k < count.
  virtual void to_field(std::uint64_t begin, std::size_t count, Fr* out) const = 0;
  // P bound at its lowest variable to r, P'(x') = P(2x') + r·(P(2x'+1) − P(2x')), still compact;
  // or null: the bind writes P' as a field array of size()/2 entries.
  virtual std::unique_ptr<CompactColumn> bound(const Fr&) const { return nullptr; }
};

// A weight W(x) = Σ_k prefix_k[x_lo]·suffix_k[x_hi] kept in its split (sumcheck/weight.hpp) at m
// low bits: entry x costs one multiplication per term. Binding a low variable binds the prefixes
// only, so the column stays split for the first m binds (tables of 2^m and 2^{n−m} entries
// instead of 2^n) and materializes a 2^{n−m−1}-entry field array at the next one.
class SplitWeightColumn final : public CompactColumn {
 public:
  // split: at m low bits of an n-variable weight; scale multiplies every entry.
  SplitWeightColumn(PrefixSuffix split, unsigned num_vars, const Fr& scale = Fr::one());
  std::size_t size() const override { return size_; }
  void to_field(std::uint64_t begin, std::size_t count, Fr* out) const override;
  std::unique_ptr<CompactColumn> bound(const Fr& r) const override;

 private:
  PrefixSuffix split_;
  std::size_t size_;
};

// Small-integer entries (u8 … i128), e.g. increments and flags, kept as integers through the
// first binds: after m binds with r_1..r_m, P'(i) = Σ_b eq(r_{1..m}, b)·v[2^m·i + b]
// (little-endian: r_1 meets the lowest bit of b), 2^m small-by-field products per entry. The
// column materializes (bound() returns null) once the next level would exceed max_level, or its
// eq table would outgrow the bound field array.
template <SmallInt T>
class SmallIntColumn final : public CompactColumn {
 public:
  explicit SmallIntColumn(tracked_vector<T> values, unsigned max_level = 0)
      : values_(std::make_shared<const tracked_vector<T>>(std::move(values))),
        eq_(1, Fr::one()),
        max_level_(max_level) {}
  std::size_t size() const override { return values_->size() >> level_; }
  void to_field(std::uint64_t begin, std::size_t count, Fr* out) const override {
    const T* v = values_->data() + (begin << level_);
    if (level_ == 0) {
      for (std::size_t k = 0; k < count; ++k) out[k] = small_to_field(v[k]);
      return;
    }
    const std::size_t group = std::size_t{1} << level_;
    for (std::size_t k = 0; k < count; ++k, v += group) {
      if constexpr (sizeof(T) <= 8) {
        FrAccumulator acc;
        for (std::size_t b = 0; b < group; ++b) {
          if constexpr (std::is_signed_v<T>) {
            acc.add_product_i64(eq_[b], static_cast<i64>(v[b]));
          } else {
            acc.add_product_u64(eq_[b], static_cast<u64>(v[b]));
          }
        }
        out[k] = acc.reduce();
      } else {
        Fr w = Fr::zero();
        for (std::size_t b = 0; b < group; ++b)
          if (v[b] != T{0}) w += eq_[b] * small_to_field(v[b]);
        out[k] = w;
      }
    }
  }
  std::unique_ptr<CompactColumn> bound(const Fr& r) const override {
    const std::size_t next_table = eq_.size() * 2;
    if (level_ + 1 > max_level_ || next_table > size() / 2) return nullptr;
    auto out = std::unique_ptr<SmallIntColumn>(new SmallIntColumn(*this));
    out->level_ = level_ + 1;
    out->eq_ = tracked_vector<Fr>(next_table);
    const std::size_t half = eq_.size();
    for (std::size_t b = 0; b < half; ++b) {
      out->eq_[half + b] = eq_[b] * r;
      out->eq_[b] = eq_[b] - out->eq_[half + b];
    }
    return out;
  }

 private:
  SmallIntColumn(const SmallIntColumn&) = default;
  std::shared_ptr<const tracked_vector<T>> values_;
  tracked_vector<Fr> eq_;  // eq(r_{1..level}, b), 2^level entries
  unsigned level_ = 0;
  unsigned max_level_;
};

// A one-hot factor P(j) = T[k(j)] (e.g. ra(ρ, j) = eq(ρ, k(j))), kept as the per-cycle index k(j)
// (u8, u16 or u32; index |T| stands for a zero entry) and, after m binds with r_1..r_m, as tables
//   T_b[v] = eq(r_{1..m}, b)·T[v],  b < 2^m  (little-endian: r_1 meets the lowest bit of b),
// so that P'(i) = Σ_b T_b[k(2^m·i + b)]. Binding only rescales 2^m·(|T| + 1) table entries; the
// index array is shared by every level. The column materializes (bound() returns null) once
// the next level would exceed max_level, or its tables would outgrow the bound field array.
template <class I>
requires(std::is_same_v<I, u8> || std::is_same_v<I, u16> ||
         std::is_same_v<I, u32>) class OneHotIndexColumn final : public CompactColumn {
 public:
  // indices: k(j) for every j (|table| for a zero entry); table: T. never_zero: no entry is zero
  // (no index |table|), so a table of 2^{8·sizeof(I)} entries fits.
  OneHotIndexColumn(tracked_vector<I> indices, std::span<const Fr> table, unsigned max_level,
                    bool never_zero = false)
      : indices_(std::make_shared<const tracked_vector<I>>(std::move(indices))),
        stride_(table.size() + 1),
        tables_(table.size() + 1, Fr::zero()),
        max_level_(max_level) {
    RILL_CHECK(table.size() - (never_zero ? 1 : 0) <= std::numeric_limits<I>::max(),
               "index type too narrow");
    std::copy(table.begin(), table.end(), tables_.begin());
  }
  std::size_t size() const override { return indices_->size() >> level_; }
  void to_field(std::uint64_t begin, std::size_t count, Fr* out) const override {
    const I* k = indices_->data() + (begin << level_);
    const Fr* t = tables_.data();
    if (level_ == 0) {
      for (std::size_t i = 0; i < count; ++i) out[i] = t[k[i]];
      return;
    }
    const std::size_t group = std::size_t{1} << level_;
    for (std::size_t i = 0; i < count; ++i, k += group) {
      Fr v = t[k[0]];
      for (std::size_t b = 1; b < group; ++b) v += t[b * stride_ + k[b]];
      out[i] = v;
    }
  }
  std::unique_ptr<CompactColumn> bound(const Fr& r) const override {
    const std::size_t next_tables = stride_ << (level_ + 1);
    if (level_ + 1 > max_level_ || next_tables > size() / 2) return nullptr;
    auto out = std::unique_ptr<OneHotIndexColumn>(new OneHotIndexColumn(*this));
    out->level_ = level_ + 1;
    out->tables_ = tracked_vector<Fr>(next_tables);
    const std::size_t half = tables_.size();
    const Fr s = Fr::one() - r;
    for (std::size_t e = 0; e < half; ++e) {
      out->tables_[e] = s * tables_[e];
      out->tables_[half + e] = r * tables_[e];
    }
    return out;
  }

 private:
  OneHotIndexColumn(const OneHotIndexColumn&) = default;
  std::shared_ptr<const tracked_vector<I>> indices_;
  std::size_t stride_;         // |T| + 1
  tracked_vector<Fr> tables_;  // 2^level tables of stride_ entries, the last entry of each 0
  unsigned level_ = 0;
  unsigned max_level_;
};

struct LinearWeight {
  tracked_vector<Fr> table;  // dense W over the variables (empty unless dense or compact)
  std::vector<Fr> eq_point;  // big-endian point of eq over the variables (split form)
  Fr eq_scale = Fr::one();   // W = eq_scale·eq(eq_point, ·) in split form
  bool split_eq = false;
  std::unique_ptr<CompactColumn> compact;  // W as a compact column (e.g. SplitWeightColumn)

  static LinearWeight none() { return {}; }
  static LinearWeight dense(tracked_vector<Fr> table) {
    return {std::move(table), {}, Fr::one(), false, nullptr};
  }
  static LinearWeight eq(std::vector<Fr> point, const Fr& scale) {
    return {{}, std::move(point), scale, true, nullptr};
  }
  static LinearWeight column(std::unique_ptr<CompactColumn> compact) {
    return {{}, {}, Fr::one(), false, std::move(compact)};
  }
};

// One factor's values over the hypercube: a field array, or a compact column.
struct FactorColumn {
  tracked_vector<Fr> field;
  std::unique_ptr<CompactColumn> compact;
};

// q(X)·C·eq(u, X) = q(X)·C·((1 − u) + (2u − 1)·X): a round polynomial of a split-eq weight.
UniPoly times_eq_factor(const UniPoly& q, const Fr& scale, const Fr& u);

class LinearProductRounds {
 public:
  // factors[f] (and a dense weight) all hold 2^n entries; an eq weight has n coordinates.
  LinearProductRounds(ProductShape shape, std::vector<tracked_vector<Fr>> factors,
                      LinearWeight weight);
  // One weight per group of the shape. With several groups an eq weight is held as a dense
  // column (the split form serves a single eq weight).
  LinearProductRounds(ProductShape shape, std::vector<tracked_vector<Fr>> factors,
                      std::vector<LinearWeight> weights);
  // Factors given as field arrays or compact columns (bound to field arrays by the first bind).
  LinearProductRounds(ProductShape shape, std::vector<FactorColumn> factors,
                      std::vector<LinearWeight> weights);

  unsigned num_vars() const { return num_vars_; }
  // Round-polynomial degree: max_g (deg B_g + 1 if W_g is not constant).
  unsigned degree() const { return degree_; }

  UniPoly round_poly(const Fr& claim);
  void bind(const Fr& r);

  // After all rounds: P_f(r) for every factor, and W_g(r) for group g.
  std::vector<Fr> factor_evals() const;
  Fr weight_eval(unsigned group = 0) const;

 private:
  // Degree of what the sweep sums: h for none/dense, q for split eq.
  unsigned swept_degree() const { return split_eq_ ? shape_.degree() : degree(); }
  // Values at X = 0..swept_degree() over the current arrays; X = 1 only if with_one.
  std::vector<Fr> sums(bool with_one) const;
  std::vector<Fr> bind_and_sum(const Fr& r, bool want_sums);

  ProductShape shape_;
  unsigned degree_ = 0;
  bool split_eq_ = false;
  std::vector<int> weight_column_;           // per group: its dense column, or −1 (W_g = 1)
  std::vector<tracked_vector<Fr>> columns_;  // factors, then the dense weights
  std::vector<tracked_vector<Fr>> spare_;    // the other buffer of each column
  // Round 0 only: the compact factor columns (null for field columns, whose array is live).
  std::vector<std::unique_ptr<CompactColumn>> compact_;
  std::size_t size_;  // live entries per column: 2^num_vars_
  unsigned num_vars_;
  std::optional<std::vector<Fr>> next_sums_;  // computed by the last bind
  SplitEq eq_;                                // split-eq weight, when split_eq_
};

}  // namespace rill
