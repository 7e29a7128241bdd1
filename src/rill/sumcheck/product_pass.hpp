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
#include "rill/sumcheck/product.hpp"
#include "rill/sumcheck/window_grid.hpp"
#include "rill/util/check.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// The type of a kernel's factor values: K::Value when the kernel declares one (u64, i64 or i128:
// small integers that stay integers until they meet a challenge), Fr otherwise.
template <class K>
struct KernelValueOf {
  using type = Fr;
};
template <class K>
requires requires { typename K::Value; }
struct KernelValueOf<K> {
  using type = typename K::Value;
};
template <class K>
using KernelValue = typename KernelValueOf<K>::type;

template <class V>
concept FactorValue = std::is_same_v<V, Fr> || std::is_same_v<V, u64> || std::is_same_v<V, i64> ||
    std::is_same_v<V, i128>;

// A kernel supplies the factor values of one record: each record covers 2^log_block()
// consecutive indices, and factors(row, next, j, out) writes out[f·2^m + t] = P_f(j·2^m + t)
// for every factor f and t < 2^m (m = log_block(); `next` is the following record).
template <class K>
concept ProductKernel = requires(const K& k, const typename K::Record& row, std::uint64_t j,
                                 KernelValue<K>* out) {
  typename K::Record;
  { k.log_block() } -> std::convertible_to<unsigned>;
  k.factors(row, row, j, out);
}
&&FactorValue<KernelValue<K>>;

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

// What a pass reads from its instance: all spans stay valid for the whole pass.
struct ProductPassContext {
  const ProductShape* shape;
  unsigned bound_vars;           // i
  unsigned window_vars;          // ω (0 for the materializing pass)
  unsigned degree;               // D, the grid degree
  std::span<const Fr> bound_eq;  // R, 2^i entries
  // A weight other than eq, as one more grid column: its prefix tables bound to r_{<i}
  // (2^{m−i} entries, m the weight split) and its suffix tables (2^{n−m}); empty otherwise.
  std::vector<std::span<const Fr>> weight_prefix;
  std::vector<std::span<const Fr>> weight_suffix;
  // An eq weight in split form (the grid then has no weight column): the block of head h is
  // scaled by eq(u_head, h) = eq_head_lo[h_lo]·eq_head_hi[h_hi]; the window and bound
  // variables' eq factors are applied when the rounds are answered.
  std::span<const Fr> eq_head_lo;
  std::span<const Fr> eq_head_hi;
  unsigned weight_split = 0;  // m
  // Materializing pass only: one output array of 2^{n−i} entries per factor.
  std::vector<std::span<Fr>> materialized;
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
        window_points_(std::size_t{1} << ctx.window_vars) {}

  void fold(std::span<const Record> rows, const Record& next, std::uint64_t first) override {
    const std::size_t per_record = std::size_t{1} << log_block_;
    values_.resize(num_factors_ * per_record);
    const u64 bound_mask = (u64{1} << ctx_.bound_vars) - 1;
    const u64 window_mask = window_points_ - 1;
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const Record& after = j + 1 < rows.size() ? rows[j + 1] : next;
      kernel_.factors(rows[j], after, first + j, values_.data());
      const u64 base = (first + j) << log_block_;
      for (std::size_t t = 0; t < per_record; ++t) {
        const u64 x = base + t;
        const u64 head = x >> block_bits_;
        if (!has_current_ || current_head_ != head) start_block(head);
        const std::size_t z = (x >> ctx_.bound_vars) & window_mask;
        if (ctx_.bound_vars == 0) {
          Fr* part = current_part_.data() + z;
          for (unsigned f = 0; f < num_factors_; ++f)
            part[f * window_points_] += factor_to_field(values_[f * per_record + t]);
        } else if (!unreduced_) {
          Fr* part = current_part_.data() + z;
          const Fr& r = ctx_.bound_eq[x & bound_mask];
          for (unsigned f = 0; f < num_factors_; ++f)
            part[f * window_points_] += scale_factor(r, values_[f * per_record + t]);
        } else {
          FrAccumulator* part = current_acc_.data() + z;
          const Fr& r = ctx_.bound_eq[x & bound_mask];
          for (unsigned f = 0; f < num_factors_; ++f)
            add_scaled_factor(part[f * window_points_], r, values_[f * per_record + t]);
        }
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
  }
  void close_current() {
    if (has_current_) {
      reduce_current();
      open_.push_back(Block{current_head_, current_count_, current_part_});
    }
    has_current_ = false;
  }

  void finalize(u64 head, std::vector<Fr>& part) {
    if (ctx_.window_vars == 0) {
      for (unsigned f = 0; f < num_factors_; ++f) ctx_.materialized[f][head] = part[f];
      return;
    }
    const unsigned dims = ctx_.window_vars;
    const std::size_t size = grid_size(dims, ctx_.degree);
    const bool weighted = !ctx_.weight_prefix.empty();
    const unsigned columns = num_factors_ + (weighted ? 1 : 0);
    // h = h_hi·2^{m−i−ω} + h_lo: the head bits below and above the weight split.
    const unsigned low_head_bits = ctx_.weight_split - ctx_.bound_vars - dims;
    const u64 h_lo = head & ((u64{1} << low_head_bits) - 1);
    const u64 h_hi = head >> low_head_bits;
    const bool plain = ctx_.shape->is_plain_product();
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
    if (weighted) {
      // Ŵ_h(z) = Σ_k prefix_k[z + 2^ω·h_lo]·suffix_k[h_hi].
      weight_bits_.assign(window_points_, Fr::zero());
      for (std::size_t k = 0; k < ctx_.weight_prefix.size(); ++k) {
        const Fr& s = ctx_.weight_suffix[k][h_hi];
        const Fr* p = ctx_.weight_prefix[k].data() + (h_lo << dims);
        for (std::size_t z = 0; z < window_points_; ++z) weight_bits_[z] += p[z] * s;
      }
      extend_to_grid(weight_bits_, dims, ctx_.degree,
                     std::span<Fr>(extended_).subspan(num_factors_ * size, size), scratch_);
    }
    if (plain) {
      // Π over all columns (factors, then the weight), column by column.
      product_.assign(extended_.begin(), extended_.begin() + size);
      for (unsigned c = 1; c < columns; ++c)
        for (std::size_t g = 0; g < size; ++g) product_[g] *= extended_[c * size + g];
      for (std::size_t g = 0; g < size; ++g) grid_[g] += product_[g];
      return;
    }
    Fr values[ProductShape::kMaxFactors];
    for (std::size_t g = 0; g < size; ++g) {
      for (unsigned f = 0; f < num_factors_; ++f) values[f] = extended_[f * size + g];
      const Fr term = ctx_.shape->combine(values);
      if (weighted) {
        grid_[g] += extended_[num_factors_ * size + g] * term;
      } else {
        grid_[g] += eq_scaled ? head_eq * term : term;
      }
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
  std::vector<FrAccumulator> current_acc_;
  bool has_current_ = false;
  u64 current_head_ = 0;
  u64 current_count_ = 0;
  std::vector<Fr> current_part_;
  std::vector<Block> open_;
  tracked_vector<Fr> grid_;
  std::vector<KernelValue<Kernel>> values_;
  std::vector<Fr> extended_, scratch_, weight_bits_, product_;
};

}  // namespace rill
