// One pass of a streaming product sumcheck over a ChunkSource (reference streaming.md §2.2, §2.4).
//
// With rounds 0..i−1 bound to r_0..r_{i−1}, split an index as x = h·2^{i+ω} + z·2^i + b
// (b: the i bound bits, z: the ω window bits, h: the head). For every head block h the pass
// computes, for each factor and each z in {0,1}^ω,
//   P̂_{f,h}(z) = Σ_b R[b]·P_f(b + z·2^i + h·2^{i+ω}),     R[b] = eq(r_{<i}, b),
// which is P_f(r_{<i}, z, h) by multilinearity. Then:
//   * a window pass (ω >= 1) extends every P̂_{f,h} and Ŵ_h(z) = W(r_{<i}, z, h) to the grid
//     {0..D}^ω and adds Ŵ_h·Σ_terms Π_f P̂_{f,h} into the window grid t (window_grid.hpp);
//   * the materializing pass (ω = 0) stores P̂_{f,h} as entry h of the bound factor arrays.
// A head block covers 2^{i+ω} consecutive indices. A segment may start or end inside a block (or
// lie inside one): such partial blocks stay "open" and are completed when neighbouring segments
// merge, so results do not depend on segment or span sizes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

#include "rill/field/accumulator.hpp"
#include "rill/field/fr.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/sumcheck/one_hot_fold.hpp"
#include "rill/sumcheck/product.hpp"
#include "rill/sumcheck/window_grid.hpp"
#include "rill/util/check.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

template <class V>
concept FactorValue = std::is_same_v<V, Fr> || std::is_same_v<V, u64> || std::is_same_v<V, i64> ||
    std::is_same_v<V, i128>;

// A kernel supplies the factor values of one record: each record covers 2^m consecutive indices
// (m = log_block()), and `next` is the following record. Three forms:
//   * field:  factors(row, next, j, Fr* out) writes out[f·2^m + t] = P_f(j·2^m + t) for every
//             factor f and t < 2^m;
//   * small:  `using Value = u64 | i64 | i128;` and factors(row, next, j, Value* out), likewise
//             (small integers stay integers until they meet a challenge);
//   * mixed:  `using Value = …;` plus `u32 field_factors() const`, a mask whose bit f says factor
//             f is a field element, and factors(row, next, j, Value* small, Fr* field): factor f
//             goes to field[f·2^m + t] if its bit is set and to small[f·2^m + t] otherwise (e.g.
//             ra(r_a, j) = eq(r_a, addr_j) is a field value, RamInc a small integer).
template <class K>
concept MixedKernel = requires(const K& k, const typename K::Record& row, std::uint64_t j,
                               typename K::Value* small, Fr* field) {
  { k.field_factors() } -> std::convertible_to<u32>;
  k.factors(row, row, j, small, field);
};

// How the engine reads any kernel form: Small is the kernel's small type (u64 if it has none),
// field_mask(k, F) the factors given as field elements, load() fills both buffers.
template <class K>
struct KernelTraits {
  using Small = u64;
  static u32 field_mask(const K&, unsigned num_factors) {
    return num_factors >= 32 ? ~u32{0} : (u32{1} << num_factors) - 1;
  }
  template <class R>
  static void load(const K& k, const R& row, const R& next, std::uint64_t j, Small*, Fr* field) {
    k.factors(row, next, j, field);
  }
};
template <class K>
requires requires { typename K::Value; }
struct KernelTraits<K> {
  using Small = typename K::Value;
  static u32 field_mask(const K& k, unsigned) {
    if constexpr (MixedKernel<K>) {
      return k.field_factors();
    } else {
      return 0;
    }
  }
  template <class R>
  static void load(const K& k, const R& row, const R& next, std::uint64_t j, Small* small,
                   Fr* field) {
    if constexpr (MixedKernel<K>) {
      k.factors(row, next, j, small, field);
    } else {
      k.factors(row, next, j, small);
    }
  }
};

// The single value type of a non-mixed kernel (Fr for a field kernel), kept for callers.
template <class K>
using KernelValue = std::conditional_t < requires {
  typename K::Value;
}
, typename KernelTraits<K>::Small, Fr > ;

template <class K>
concept ProductKernel = requires(const K& k, const typename K::Record& row, std::uint64_t j,
                                 typename KernelTraits<K>::Small* small, Fr* field) {
  typename K::Record;
  { k.log_block() } -> std::convertible_to<unsigned>;
  KernelTraits<K>::load(k, row, row, j, small, field);
}
&&FactorValue<typename KernelTraits<K>::Small>;

// Optional one-hot form of a kernel with log_block() == 0: one_hot_table(f) is null, or a table
// T_f such that factor f of every record is T_f[k] for an index k < |T_f| or zero;
// one_hot_indices(row, out) writes that k (kOneHotZero for zero) to out[f] for every factor with
// a table. The linear schedule's round-0 pass keeps such factors as indices (linear_rounds.hpp:
// OneHotIndexColumn); the other passes fold those with small tables without multiplications
// (one_hot_fold.hpp) and read the field values of factors() for the rest.
template <class K>
concept OneHotKernel = requires(const K& k, const typename K::Record& row, u32* out) {
  { k.one_hot_table(0u) } -> std::convertible_to<const tracked_vector<Fr>*>;
  k.one_hot_indices(row, out);
};
// Optional member of a OneHotKernel: one_hot_never_zero(f) true says factor f is never zero (its
// index is never kOneHotZero), so a table of 2^8 (2^16) entries still fits u8 (u16) indices.
template <class K>
bool one_hot_never_zero(const K& k, unsigned f) {
  if constexpr (requires {
                  { k.one_hot_never_zero(f) } -> std::convertible_to<bool>;
                }) {
    return k.one_hot_never_zero(f);
  } else {
    return false;
  }
}

// Where the round-0 pass writes a one-hot factor's indices (one of the three arrays is set).
struct OneHotIndexOut {
  u8* narrow = nullptr;
  u16* wide = nullptr;
  u32* full = nullptr;  // tables of 2^16 − 1 entries or more (e.g. eq(r_a, ·) over K_ram words)
  u32 zero = 0;         // the index stored for a zero entry: |T_f|
};

template <FactorValue V>
Fr factor_to_field(const V& v) {
  if constexpr (std::is_same_v<V, Fr>) {
    return v;
  } else if constexpr (std::is_same_v<V, i64>) {
    return Fr::from_i64(v);
  } else if constexpr (std::is_same_v<V, i128>) {
    return Fr::from_i128(v);
  } else {
    return Fr::from_u64(v);
  }
}

// r·v for a factor value; small integers use the cheaper word multiplications.
template <FactorValue V>
Fr scale_factor(const Fr& r, const V& v) {
  if constexpr (std::is_same_v<V, Fr>) {
    return r * v;
  } else if constexpr (std::is_same_v<V, i64>) {
    return r.mul_i64(v);
  } else if constexpr (std::is_same_v<V, i128>) {
    return r.mul_i128(v);
  } else {
    return r.mul_u64(v);
  }
}

template <FactorValue V>
void add_scaled_factor(FrAccumulator& acc, const Fr& r, const V& v) {
  if constexpr (std::is_same_v<V, Fr>) {
    acc.add_product(r, v);
  } else if constexpr (std::is_same_v<V, i64>) {
    acc.add_product_i64(r, v);
  } else if constexpr (std::is_same_v<V, i128>) {
    acc.add_product(r, Fr::from_i128(v));  // no 128-bit accumulator path in the field layer yet
  } else {
    acc.add_product_u64(r, v);
  }
}

// The prefix × suffix split of one non-constant weight W_g, as a pass reads it.
struct GroupWeightSpans {
  unsigned group;
  std::vector<std::span<const Fr>> prefix;  // bound to r_{<i}: 2^{m−i} entries each
  std::vector<std::span<const Fr>> suffix;  // 2^{n−m} entries each
};

// What a pass reads from its instance: all spans stay valid for the whole pass.
struct ProductPassContext {
  const ProductShape* shape;
  unsigned bound_vars;   // i
  unsigned window_vars;  // ω (0 for the materializing pass)
  unsigned degree;       // D, the grid degree
  // A window of one round whose h(1) follows from the claim (h(0) + h(1) = claim, as in the
  // linear rounds): the grid point z = 1 is left 0 and not evaluated, a third (D = 2) of the
  // window's summand evaluations.
  bool skip_point_one = false;
  std::span<const Fr> bound_eq;  // R, 2^i entries
  // The weights W_g other than eq-in-split-form and none, each one more grid column, with their
  // split at m (weight_split); empty when every weight is constant or eq is split.
  std::vector<GroupWeightSpans> weights;
  // A single eq weight in split form (the grid then has no weight column): the block of head h
  // is scaled by eq(u_head, h) = eq_head_lo[h_lo]·eq_head_hi[h_hi]; the window and bound
  // variables' eq factors are applied when the rounds are answered.
  std::span<const Fr> eq_head_lo;
  std::span<const Fr> eq_head_hi;
  unsigned weight_split = 0;  // m
  // Materializing pass only: one output array of 2^{n−i} entries per factor.
  std::vector<std::span<Fr>> materialized;
  // Materializing pass at round 0 only (the linear schedule): per factor, null or an array of
  // 2^n KernelTraits<Kernel>::Small that receives a small factor's values as they are (the
  // factor's `materialized` span is then empty).
  std::vector<void*> compact_out;
  // Materializing pass at round 0 of a OneHotKernel: per factor, where its indices go (or
  // nothing; empty when no factor is one-hot).
  std::vector<OneHotIndexOut> one_hot_out;
};

// The factor values of one record, read through KernelTraits into a small-integer buffer and a
// field buffer, with the factors of each kind listed once; visit() leaves out the factors of
// `skip` (bit f: factor f is folded elsewhere).
template <ProductKernel Kernel>
class FactorReader {
 public:
  using Small = typename KernelTraits<Kernel>::Small;

  FactorReader(const Kernel& kernel, unsigned num_factors, u32 skip = 0)
      : kernel_(kernel), per_record_(std::size_t{1} << kernel.log_block()) {
    const u32 mask = KernelTraits<Kernel>::field_mask(kernel, num_factors);
    for (unsigned f = 0; f < num_factors; ++f)
      if (((skip >> f) & 1) == 0) ((mask >> f) & 1 ? field_ : small_).push_back(f);
    small_values_.resize(num_factors * per_record_);
    field_values_.resize(num_factors * per_record_);
  }

  std::size_t per_record() const { return per_record_; }
  template <class Record>
  void load(const Record& row, const Record& next, std::uint64_t j) {
    KernelTraits<Kernel>::load(kernel_, row, next, j, small_values_.data(), field_values_.data());
  }
  // Calls small(f, v) and field(f, v) with every factor's value at offset t of the record.
  template <class OnSmall, class OnField>
  void visit(std::size_t t, const OnSmall& small, const OnField& field) const {
    for (unsigned f : small_) small(f, small_values_[f * per_record_ + t]);
    for (unsigned f : field_) field(f, field_values_[f * per_record_ + t]);
  }
  Fr field_value(unsigned f, std::size_t t) const {
    return is_field(f) ? field_values_[f * per_record_ + t]
                       : factor_to_field(small_values_[f * per_record_ + t]);
  }
  bool is_field(unsigned f) const {
    for (unsigned g : field_)
      if (g == f) return true;
    return false;
  }
  const std::vector<unsigned>& small_factors() const { return small_; }
  const std::vector<unsigned>& field_factors() const { return field_; }
  const Small* small_values() const { return small_values_.data(); }
  const Fr* field_values() const { return field_values_.data(); }

 private:
  const Kernel& kernel_;
  std::size_t per_record_;
  std::vector<unsigned> small_, field_;
  std::vector<Small> small_values_;
  std::vector<Fr> field_values_;
};

template <ProductKernel Kernel>
class ProductSegment final : public SegmentAccumulator<typename Kernel::Record> {
  using Record = typename Kernel::Record;

 public:
  ProductSegment(const Kernel& kernel, const ProductPassContext& ctx)
      : kernel_(kernel),
        ctx_(ctx),
        num_factors_(ctx.shape->num_factors()),
        log_block_(kernel.log_block()),
        block_bits_(ctx.bound_vars + ctx.window_vars),
        window_points_(std::size_t{1} << ctx.window_vars),
        one_hot_(make_one_hot_fold()),
        reader_(kernel, num_factors_, one_hot_.mask()),
        read_factors_(one_hot_.mask() != all_factors()) {}

  void fold(std::span<const Record> rows, const Record& next, std::uint64_t first) override {
    const std::size_t per_record = std::size_t{1} << log_block_;
    const u64 bound_mask = (u64{1} << ctx_.bound_vars) - 1;
    const u64 window_mask = window_points_ - 1;
    const std::size_t wp = window_points_;
    using Small = typename FactorReader<Kernel>::Small;
    u32 index[ProductShape::kMaxFactors];  // one-hot indices of the record (one_hot_ active)
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const Record& after = j + 1 < rows.size() ? rows[j + 1] : next;
      if constexpr (OneHotKernel<Kernel>) {
        if (one_hot_.active()) kernel_.one_hot_indices(rows[j], index);
      }
      // With every factor folded by one_hot_, the kernel's field values are not needed.
      if (read_factors_) reader_.load(rows[j], after, first + j);
      const u64 base = (first + j) << log_block_;
      if (block_bits_ == 0 && ctx_.window_vars == 0) {
        // Materializing at round 0: every index is its own block, P_f(x) is stored as it is.
        for (std::size_t t = 0; t < per_record; ++t) {
          const u64 x = base + t;
          reader_.visit(
              t,
              [&](unsigned f, const Small& v) {
                if (f < ctx_.compact_out.size() && ctx_.compact_out[f] != nullptr) {
                  static_cast<Small*>(ctx_.compact_out[f])[x] = v;
                } else {
                  ctx_.materialized[f][x] = factor_to_field(v);
                }
              },
              [&](unsigned f, const Fr& v) {
                if (!ctx_.materialized[f].empty()) ctx_.materialized[f][x] = v;
              });
        }
        if constexpr (OneHotKernel<Kernel>) {
          if (!ctx_.one_hot_out.empty()) {
            u32 index[ProductShape::kMaxFactors];
            kernel_.one_hot_indices(rows[j], index);
            for (unsigned f = 0; f < num_factors_; ++f) {
              const OneHotIndexOut& o = ctx_.one_hot_out[f];
              const u32 k = index[f] == kOneHotZero ? o.zero : index[f];
              if (o.narrow != nullptr) {
                RILL_DCHECK(k <= 0xff, "a one-hot index beyond u8");
                o.narrow[base] = static_cast<u8>(k);
              } else if (o.wide != nullptr) {
                RILL_DCHECK(k <= 0xffff, "a one-hot index beyond u16");
                o.wide[base] = static_cast<u16>(k);
              } else if (o.full != nullptr) {
                o.full[base] = k;
              }
            }
          }
        }
        continue;
      }
      for (std::size_t t = 0; t < per_record; ++t) {
        const u64 x = base + t;
        const u64 head = x >> block_bits_;
        if (!has_current_ || current_head_ != head) start_block(head);
        const std::size_t z = (x >> ctx_.bound_vars) & window_mask;
        // P̂_f(z) += R[b]·P_f(x), b = x mod 2^i (R = 1 when nothing is bound).
        if (ctx_.bound_vars == 0) {
          Fr* part = current_part_.data() + z;
          reader_.visit(
              t, [&](unsigned f, const auto& v) { part[f * wp] += factor_to_field(v); },
              [&](unsigned f, const Fr& v) { part[f * wp] += v; });
        } else if (!unreduced_) {
          Fr* part = current_part_.data() + z;
          const Fr& r = ctx_.bound_eq[x & bound_mask];
          reader_.visit(
              t, [&](unsigned f, const auto& v) { part[f * wp] += scale_factor(r, v); },
              [&](unsigned f, const Fr& v) { part[f * wp] += r * v; });
        } else {
          FrAccumulator* part = current_acc_.data() + z;
          const Fr& r = ctx_.bound_eq[x & bound_mask];
          reader_.visit(
              t, [&](unsigned f, const auto& v) { add_scaled_factor(part[f * wp], r, v); },
              [&](unsigned f, const Fr& v) { part[f * wp].add_product(r, v); });
        }
        // The one-hot factors (log_block() is 0 then, so t = 0 and x = base).
        if (one_hot_.active()) one_hot_.add(index, x & bound_mask, z, current_part_.data());
        if (++current_count_ == block_len()) {
          reduce_current();
          finalize(current_head_, current_part_);
          has_current_ = false;
        }
      }
    }
  }

  void merge(SegmentAccumulator<Record>& later_base) override {
    auto& later = static_cast<ProductSegment&>(later_base);
    close_current();
    later.close_current();
    for (Block& b : later.open_) {
      Block* mine = nullptr;
      for (Block& o : open_)
        if (o.head == b.head) mine = &o;
      if (mine == nullptr) {
        open_.push_back(std::move(b));
        continue;
      }
      for (std::size_t k = 0; k < mine->part.size(); ++k) mine->part[k] += b.part[k];
      mine->count += b.count;
      if (mine->count == block_len()) {
        finalize(mine->head, mine->part);
        open_.erase(open_.begin() + (mine - open_.data()));
      }
    }
    if (!later.grid_.empty()) {
      if (grid_.empty()) grid_.assign(later.grid_.size(), Fr::zero());
      for (std::size_t g = 0; g < grid_.size(); ++g) grid_[g] += later.grid_[g];
    }
  }

  // The window grid of the whole pass (after all merges); checks no block was left partial.
  tracked_vector<Fr> take_grid() {
    close_current();
    RILL_CHECK(open_.empty(), "a head block was not completed by the pass");
    if (grid_.empty()) grid_.assign(grid_size(ctx_.window_vars, ctx_.degree), Fr::zero());
    return std::move(grid_);
  }
  void check_complete() {
    close_current();
    RILL_CHECK(open_.empty(), "a head block was not completed by the pass");
  }

 private:
  struct Block {
    u64 head;
    u64 count;
    std::vector<Fr> part;  // num_factors × 2^ω partial sums P̂_{f,h}(z)
  };

  u64 block_len() const { return u64{1} << block_bits_; }
  u32 all_factors() const { return num_factors_ >= 32 ? ~u32{0} : (u32{1} << num_factors_) - 1; }

  // The one-hot factors with small tables (one_hot_fold.hpp), in every pass but the
  // materializing pass at round 0 (which stores the indices themselves).
  OneHotFold make_one_hot_fold() const {
    if constexpr (OneHotKernel<Kernel>) {
      if (log_block_ != 0 || block_bits_ == 0) return {};
      std::vector<const tracked_vector<Fr>*> tables(num_factors_);
      for (unsigned f = 0; f < num_factors_; ++f) tables[f] = kernel_.one_hot_table(f);
      return OneHotFold(tables, ctx_.bound_eq, ctx_.bound_vars, window_points_, unreduced_);
    } else {
      return {};
    }
  }

  // The block being accumulated reuses one buffer; only partial blocks at the segment's ends
  // are copied out (into open_).
  void start_block(u64 head) {
    close_current();
    has_current_ = true;
    current_head_ = head;
    current_count_ = 0;
    if (unreduced_) {
      current_acc_.assign(num_factors_ * window_points_, FrAccumulator{});
    } else {
      current_part_.assign(num_factors_ * window_points_, Fr::zero());
    }
  }
  void reduce_current() {
    if (!unreduced_) return;
    current_part_.resize(current_acc_.size());
    for (std::size_t k = 0; k < current_acc_.size(); ++k)
      current_part_[k] = current_acc_[k].reduce();
    one_hot_.flush(current_part_);
  }
  void close_current() {
    if (has_current_) {
      reduce_current();
      open_.push_back(Block{current_head_, current_count_, current_part_});
    }
    has_current_ = false;
  }

  // Adds head block h's share to the grid:
  //   t(z) += Σ_g Ŵ_{g,h}(z)·B_g(P̂_h(z))   on {0..D}^ω,
  // every P̂_{f,h} and Ŵ_{g,h} extended from {0,1}^ω to the grid (extension is linear).
  void finalize(u64 head, std::vector<Fr>& part) {
    if (ctx_.window_vars == 0) {
      for (unsigned f = 0; f < num_factors_; ++f) ctx_.materialized[f][head] = part[f];
      return;
    }
    const unsigned dims = ctx_.window_vars;
    const std::size_t size = grid_size(dims, ctx_.degree);
    const std::size_t weighted = ctx_.weights.size();
    const auto columns = static_cast<unsigned>(num_factors_ + weighted);
    // h = h_hi·2^{m−i−ω} + h_lo: the head bits below and above the weight split.
    const unsigned low_head_bits = ctx_.weight_split - ctx_.bound_vars - dims;
    const u64 h_lo = head & ((u64{1} << low_head_bits) - 1);
    const u64 h_hi = head >> low_head_bits;
    const ProductShape& shape = *ctx_.shape;
    const bool plain = shape.is_plain_product();
    const bool eq_scaled = !ctx_.eq_head_lo.empty();
    const Fr head_eq = eq_scaled ? ctx_.eq_head_lo[h_lo] * ctx_.eq_head_hi[h_hi] : Fr::one();
    if (eq_scaled && plain) {
      // Extension is linear and factor 0 occurs once in the product: scaling its Boolean
      // values scales the block's products.
      for (std::size_t z = 0; z < window_points_; ++z) part[z] *= head_eq;
    }
    if (grid_.empty()) grid_.assign(size, Fr::zero());
    extended_.resize(columns * size);
    scratch_.resize(size);
    for (unsigned f = 0; f < num_factors_; ++f)
      extend_to_grid(std::span<const Fr>(part).subspan(f * window_points_, window_points_), dims,
                     ctx_.degree, std::span<Fr>(extended_).subspan(f * size, size), scratch_);
    for (std::size_t c = 0; c < weighted; ++c) {
      // Ŵ_{g,h}(z) = Σ_k prefix_k[z + 2^ω·h_lo]·suffix_k[h_hi].
      const GroupWeightSpans& w = ctx_.weights[c];
      weight_bits_.assign(window_points_, Fr::zero());
      for (std::size_t k = 0; k < w.prefix.size(); ++k) {
        const Fr& s = w.suffix[k][h_hi];
        const Fr* p = w.prefix[k].data() + (h_lo << dims);
        for (std::size_t z = 0; z < window_points_; ++z) weight_bits_[z] += p[z] * s;
      }
      extend_to_grid(weight_bits_, dims, ctx_.degree,
                     std::span<Fr>(extended_).subspan((num_factors_ + c) * size, size), scratch_);
    }
    if (plain && weighted <= 1) {
      // Π over all columns (factors, then the weight), column by column.
      product_.assign(extended_.begin(), extended_.begin() + size);
      for (unsigned c = 1; c < columns; ++c)
        for (std::size_t g = 0; g < size; ++g)
          if (!(ctx_.skip_point_one && g == 1)) product_[g] *= extended_[c * size + g];
      for (std::size_t g = 0; g < size; ++g)
        if (!(ctx_.skip_point_one && g == 1)) grid_[g] += product_[g];
      return;
    }
    Fr values[ProductShape::kMaxFactors];
    Fr w[ProductShape::kMaxGroups];
    for (unsigned g = 0; g < shape.num_groups(); ++g) w[g] = head_eq;
    for (std::size_t g = 0; g < size; ++g) {
      if (ctx_.skip_point_one && g == 1) continue;
      for (unsigned f = 0; f < num_factors_; ++f) values[f] = extended_[f * size + g];
      if (weighted == 0) {
        const Fr b =
            shape.num_groups() == 1 ? shape.combine(values) : shape.combine_weighted(values, w);
        grid_[g] += eq_scaled && shape.num_groups() == 1 ? head_eq * b : b;
        continue;
      }
      for (std::size_t c = 0; c < weighted; ++c)
        w[ctx_.weights[c].group] = extended_[(num_factors_ + c) * size + g];
      grid_[g] += shape.combine_weighted(values, w);
    }
  }

  const Kernel& kernel_;
  const ProductPassContext& ctx_;
  unsigned num_factors_;
  unsigned log_block_;
  unsigned block_bits_;
  std::size_t window_points_;
  // With 2^i >= 8 terms per partial sum, sum R[b]·P unreduced and reduce once per block.
  bool unreduced_ = ctx_.bound_vars >= 3;
  OneHotFold one_hot_;
  FactorReader<Kernel> reader_;  // the factors one_hot_ does not fold
  bool read_factors_;            // false: one_hot_ folds every factor
  std::vector<FrAccumulator> current_acc_;
  bool has_current_ = false;
  u64 current_head_ = 0;
  u64 current_count_ = 0;
  std::vector<Fr> current_part_;
  std::vector<Block> open_;
  tracked_vector<Fr> grid_;
  std::vector<Fr> extended_, scratch_, weight_bits_, product_;
};

}  // namespace rill
