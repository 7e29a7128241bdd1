// The one-hot factors of a streaming pass (product_pass.hpp: ProductSegment) folded without a
// field multiplication per row.
//
// A pass at bound round i adds, for every row x and factor f,
//   P̂_f(z) += R[b]·P_f(x),     R = eq(r_{<i}, ·), b = x mod 2^i, z = the window bits of x,
// one multiplication per factor per row. A factor of a OneHotKernel is P_f(x) = T_f[k_f(x)], or
// zero when k_f(x) = kOneHotZero (such rows add nothing). For a small table T_f:
//   * product table, while 2^i·|T_f| <= kProductTableEntries: PT[b·|T| + k] = R[b]·T[k] is
//     computed once per accumulator (2^i·|T| multiplications, shared by the factors with the same
//     table pointer), and a row adds P̂_f(z) += PT[b·|T| + k_f(x)]: one addition;
//   * buckets, for |T_f| <= 2^{i−1}: the 2^i rows of a block with the same z (a "run": x runs
//     through b for fixed z) add B_f[k_f(x)] += R[b], and when the run ends
//       Σ_b R[b]·P_f(x) = Σ_k B_f[k]·T_f[k]
//     is added to P̂_f(z): |T_f| multiplications per 2^i rows.
// Other factors (no table, a table of more than kMaxTable entries such as Twist's eq(r_a, ·) over
// K_ram, or a round where neither rule applies) stay on ProductSegment's generic path.
//
// Additions are unreduced (FrSum) when a partial sum has 2^i >= 8 terms, as on the generic path,
// and reduced when the block is closed, complete or partial (flush). P̂ is linear in the rows,
// so a partial block's sums merge with its neighbours' like the generic path's. The arithmetic
// is exact: the sums are the same field elements, the proofs the same bytes.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "rill/field/accumulator.hpp"
#include "rill/field/fr.hpp"
#include "rill/util/check.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// The index a OneHotKernel gives a zero entry (product_pass.hpp).
inline constexpr u32 kOneHotZero = ~u32{0};

class OneHotFold {
 public:
  // Tables of more entries keep the generic path (product tables and buckets grow with |T|).
  static constexpr std::size_t kMaxTable = 256;
  // The largest product table 2^i·|T| (32 KiB of field elements, one per distinct table).
  static constexpr std::size_t kProductTableEntries = 1024;
  // Tables of at most this many entries are folded by additions at every round i: product tables
  // while 2^i·|T| <= kProductTableEntries (i <= 6 for 16), buckets from |T| <= 2^{i−1} (i >= 5).
  static constexpr std::size_t kEveryRoundTable = 16;
  static_assert(kEveryRoundTable * kEveryRoundTable <= kProductTableEntries,
                "product tables must cover the rounds i <= log2|T| before the buckets take over");

  OneHotFold() = default;
  // tables[f]: factor f's table or null; R: 2^i entries; unreduced: sum with FrSum (2^i >= 8).
  OneHotFold(std::span<const tracked_vector<Fr>* const> tables, std::span<const Fr> bound_eq,
             unsigned bound_vars, std::size_t window_points, bool unreduced)
      : bound_eq_(bound_eq), window_points_(window_points), unreduced_(unreduced) {
    std::vector<const tracked_vector<Fr>*> distinct;  // the product tables' sources
    for (unsigned f = 0; f < tables.size(); ++f) {
      const tracked_vector<Fr>* t = tables[f];
      if (t == nullptr || t->empty() || t->size() > kMaxTable) continue;
      const std::size_t size = t->size();
      if ((size << bound_vars) <= kProductTableEntries) {
        std::size_t slot = 0;
        while (slot < distinct.size() && distinct[slot] != t) ++slot;
        if (slot == distinct.size()) distinct.push_back(t);
        product_.push_back({f, static_cast<u32>(size), nullptr, slot});
      } else if (unreduced && bound_vars >= 1 && size <= (std::size_t{1} << (bound_vars - 1))) {
        bucket_.push_back({f, static_cast<u32>(size), t->data(), bucket_count_});
        bucket_count_ += size;
      } else {
        continue;
      }
      mask_ |= u32{1} << f;
    }
    // PT[b·|T| + k] = R[b]·T[k].
    product_tables_.resize(distinct.size());
    for (std::size_t s = 0; s < distinct.size(); ++s) {
      const tracked_vector<Fr>& t = *distinct[s];
      product_tables_[s].resize(bound_eq.size() * t.size());
      for (std::size_t b = 0; b < bound_eq.size(); ++b)
        for (std::size_t k = 0; k < t.size(); ++k)
          product_tables_[s][b * t.size() + k] = bound_eq[b] * t[k];
    }
    for (ProductLane& lane : product_) lane.table = product_tables_[lane.slot].data();
    if (unreduced_) sums_.assign((product_.size() + bucket_.size()) * window_points_, FrSum{});
    buckets_.assign(bucket_count_, FrSum{});
  }

  // Bit f set: factor f is folded here (the generic path must skip it).
  u32 mask() const { return mask_; }
  bool active() const { return mask_ != 0; }

  // Row x = b + 2^i·z + …, with the kernel's one-hot indices: P̂_f(z) += R[b]·P_f(x) for every
  // factor here. `part` is the block's P̂ array (factor f at part[f·2^ω + z]), written directly
  // when the sums are not unreduced.
  void add(const u32* index, u64 b, std::size_t z, Fr* part) {
    const std::size_t wp = window_points_;
    for (std::size_t l = 0; l < product_.size(); ++l) {
      const ProductLane& lane = product_[l];
      const u32 k = index[lane.factor];
      if (k == kOneHotZero) continue;
      RILL_DCHECK(k < lane.size, "a one-hot index beyond its table");
      const Fr& v = lane.table[b * lane.size + k];
      if (unreduced_) {
        sums_[l * wp + z].add(v);
      } else {
        part[lane.factor * wp + z] += v;
      }
    }
    if (bucket_.empty()) return;
    if (z != run_z_) close_run();
    run_z_ = z;
    const Fr& r = bound_eq_[b];
    for (const BucketLane& lane : bucket_) {
      const u32 k = index[lane.factor];
      if (k == kOneHotZero) continue;
      RILL_DCHECK(k < lane.size, "a one-hot index beyond its table");
      buckets_[lane.offset + k].add(r);
    }
  }

  // The block is closed: adds the unreduced P̂_f(z) into part[f·2^ω + z] and starts over.
  void flush(std::vector<Fr>& part) {
    if (!unreduced_ || !active()) return;
    close_run();
    const std::size_t wp = window_points_;
    auto out = [&](std::size_t l, unsigned f) {
      for (std::size_t z = 0; z < wp; ++z) {
        part[f * wp + z] += sums_[l * wp + z].reduce();
        sums_[l * wp + z] = FrSum{};
      }
    };
    for (std::size_t l = 0; l < product_.size(); ++l) out(l, product_[l].factor);
    for (std::size_t l = 0; l < bucket_.size(); ++l) out(product_.size() + l, bucket_[l].factor);
  }

 private:
  struct ProductLane {
    unsigned factor;
    u32 size;         // |T|
    const Fr* table;  // PT, 2^i·|T| entries
    std::size_t slot;
  };
  struct BucketLane {
    unsigned factor;
    u32 size;            // |T|
    const Fr* table;     // T
    std::size_t offset;  // B_f = buckets_[offset, offset + |T|)
  };
  static constexpr std::size_t kNoRun = ~std::size_t{0};

  // The run of z ends: P̂_f(z) += Σ_k B_f[k]·T_f[k], buckets back to zero.
  void close_run() {
    if (run_z_ == kNoRun) return;
    for (std::size_t l = 0; l < bucket_.size(); ++l) {
      const BucketLane& lane = bucket_[l];
      FrAccumulator acc;
      for (u32 k = 0; k < lane.size; ++k) {
        FrSum& bucket = buckets_[lane.offset + k];
        acc.add_product(bucket.reduce(), lane.table[k]);
        bucket = FrSum{};
      }
      sums_[(product_.size() + l) * window_points_ + run_z_].add(acc.reduce());
    }
    run_z_ = kNoRun;
  }

  std::span<const Fr> bound_eq_;
  std::size_t window_points_ = 1;
  bool unreduced_ = false;
  u32 mask_ = 0;
  std::vector<ProductLane> product_;
  std::vector<BucketLane> bucket_;
  std::size_t bucket_count_ = 0;
  // Tracked: they are a pass's per-worker memory (2^i·|T| entries per distinct table).
  std::vector<tracked_vector<Fr>> product_tables_;
  tracked_vector<FrSum> sums_;  // lane-major: sums_[l·2^ω + z], product lanes then bucket lanes
  tracked_vector<FrSum> buckets_;  // B_f[k] of the current run
  std::size_t run_z_ = kNoRun;
};

}  // namespace rill
