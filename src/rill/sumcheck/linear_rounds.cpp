#include "rill/sumcheck/linear_rounds.hpp"

#include <array>

#include "rill/field/accumulator.hpp"
#include "rill/poly/dense.hpp"
#include "rill/poly/eq.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {

constexpr u64 kGrain = 1 << 11;
constexpr unsigned kMaxColumns = ProductShape::kMaxFactors + ProductShape::kMaxGroups;
constexpr unsigned kMaxDegree = ProductShape::kMaxFactors + 1;
using Accumulators = std::array<FrAccumulator, kMaxDegree + 1>;

// The summand Σ_g W_g·B_g at one point from the columns' values there: add() accumulates it with
// the weight multiplications unreduced; value() returns it reduced (to be scaled by an eq entry).
struct GenericSummand {
  const ProductShape* shape;
  const int* weight_column;  // per group: column of W_g, or −1
  Fr value(const Fr* v) const {
    if (shape->num_groups() == 1) {
      const Fr b = shape->combine(v);
      return weight_column[0] < 0 ? b : b * v[weight_column[0]];
    }
    Fr w[ProductShape::kMaxGroups];
    for (unsigned g = 0; g < shape->num_groups(); ++g)
      w[g] = weight_column[g] < 0 ? Fr::one() : v[weight_column[g]];
    return shape->combine_weighted(v, w);
  }
  void add(const Fr* v, FrAccumulator& acc) const {
    if (shape->num_groups() == 1) {
      const Fr b = shape->combine(v);
      if (weight_column[0] < 0) {
        acc.add(b);
      } else {
        acc.add_product(b, v[weight_column[0]]);
      }
      return;
    }
    Fr b[ProductShape::kMaxGroups];
    shape->combine_groups(v, b);
    for (unsigned g = 0; g < shape->num_groups(); ++g) {
      if (weight_column[g] < 0) {
        acc.add(b[g]);
      } else {
        acc.add_product(b[g], v[weight_column[g]]);
      }
    }
  }
};

// The plain product P_0·…·P_{F−1} (times a dense W in column F), unrolled.
template <unsigned F, bool Weighted>
struct ProductSummand {
  static constexpr unsigned kColumns = F + (Weighted ? 1 : 0);
  Fr value(const Fr* v) const {
    Fr p = v[0];
    for (unsigned c = 1; c < kColumns; ++c) p *= v[c];
    return p;
  }
  void add(const Fr* v, FrAccumulator& acc) const {
    if constexpr (kColumns == 1) {
      acc.add(v[0]);
    } else {
      Fr p = v[0];
      for (unsigned c = 1; c + 1 < kColumns; ++c) p *= v[c];
      acc.add_product(p, v[kColumns - 1]);
    }
  }
};

// weight_column: per group, the column of W_g or −1.
template <class Fn>
decltype(auto) with_summand(const ProductShape& shape, const std::vector<int>& weight_column,
                            Fn&& fn) {
  // The plain product has one group; its weight (if dense) is the column after the factors.
  const bool weighted = weight_column[0] >= 0;
  if (shape.is_plain_product()) {
    switch (shape.num_factors() * 2 + (weighted ? 1 : 0)) {
      case 2:
        return fn(ProductSummand<1, false>{});
      case 3:
        return fn(ProductSummand<1, true>{});
      case 4:
        return fn(ProductSummand<2, false>{});
      case 5:
        return fn(ProductSummand<2, true>{});
      case 6:
        return fn(ProductSummand<3, false>{});
      case 7:
        return fn(ProductSummand<3, true>{});
      case 8:
        return fn(ProductSummand<4, false>{});
      case 9:
        return fn(ProductSummand<4, true>{});
      default:
        break;
    }
  }
  return fn(GenericSummand{&shape, weight_column.data()});
}

struct SweepSpec {
  unsigned columns;
  unsigned degree;  // values at X = 0..degree
  bool with_one;    // also X = 1 (otherwise left zero)
  u64 pairs;
  // Split eq: pair i is scaled by eq_lo[i mod 2^lo_bits]·eq_hi[i >> lo_bits]; null otherwise.
  const Fr* eq_lo = nullptr;
  const Fr* eq_hi = nullptr;
  unsigned lo_bits = 0;
};

// For each pair: load(i, value, step) gives each column's V(2i) and V(2i+1) − V(2i) (and may
// write, for disjoint i); visit(value, x) is then called at X = 0, 1 (if with_one), 2, …
template <class Load, class Visit>
void walk_points(const SweepSpec& s, u64 i, const Load& load, Fr* value, Fr* step,
                 const Visit& visit) {
  load(i, value, step);
  visit(value, 0u);
  for (unsigned c = 0; c < s.columns; ++c) value[c] += step[c];
  if (s.with_one) visit(value, 1u);
  for (unsigned x = 2; x <= s.degree; ++x) {
    for (unsigned c = 0; c < s.columns; ++c) value[c] += step[c];
    visit(value, x);
  }
}

// make_load(first_pair, end_pair) returns the load of the pairs of one chunk (a compact column
// converts that range then).
template <class Summand, class MakeLoad>
std::vector<Fr> sweep(const Summand& summand, const SweepSpec& s, const MakeLoad& make_load) {
  auto join = [&](Accumulators a, const Accumulators& b) {
    for (unsigned x = 0; x <= s.degree; ++x) a[x].merge(b[x]);
    return a;
  };
  Accumulators total;
  if (s.eq_lo == nullptr) {
    total = parallel_reduce(
        0, s.pairs, kGrain, Accumulators{},
        [&](u64 b, u64 e) {
          Accumulators acc{};
          std::array<Fr, kMaxColumns> value, step;
          const auto load = make_load(b, e);
          for (u64 i = b; i < e; ++i)
            walk_points(s, i, load, value.data(), step.data(),
                        [&](const Fr* v, unsigned x) { summand.add(v, acc[x]); });
          return acc;
        },
        join);
  } else {
    // Σ_hi eq_hi[hi]·(Σ_lo eq_lo[lo]·G): one reduction and multiplication per block.
    const u64 block = u64{1} << s.lo_bits;
    total = parallel_reduce(
        0, s.pairs >> s.lo_bits, std::max<u64>(1, kGrain >> s.lo_bits), Accumulators{},
        [&](u64 b, u64 e) {
          Accumulators acc{};
          std::array<Fr, kMaxColumns> value, step;
          for (u64 hi = b; hi < e; ++hi) {
            Accumulators inner{};
            const auto load = make_load(hi << s.lo_bits, (hi + 1) << s.lo_bits);
            for (u64 lo = 0; lo < block; ++lo)
              walk_points(s, (hi << s.lo_bits) | lo, load, value.data(), step.data(),
                          [&](const Fr* v, unsigned x) {
                            inner[x].add_product(summand.value(v), s.eq_lo[lo]);
                          });
            for (unsigned x = 0; x <= s.degree; ++x)
              if (x != 1 || s.with_one) acc[x].add_product(inner[x].reduce(), s.eq_hi[hi]);
          }
          return acc;
        },
        join);
  }
  std::vector<Fr> out(s.degree + 1, Fr::zero());
  for (unsigned x = 0; x <= s.degree; ++x)
    if (x != 1 || s.with_one) out[x] = total[x].reduce();
  return out;
}

// The columns as a chunk of a sweep reads them: data[c][k − first[c]] is entry k of column c.
// Field columns are read in place (first = 0); compact ones are converted, entries
// [begin, begin + count), into a per-thread scratch.
struct ColumnView {
  std::array<const Fr*, kMaxColumns> data;
  std::array<u64, kMaxColumns> first;
};

ColumnView view_columns(const std::vector<tracked_vector<Fr>>& columns,
                        const std::vector<std::unique_ptr<CompactColumn>>& compact, u64 begin,
                        std::size_t count) {
  thread_local std::vector<Fr> scratch;
  std::size_t used = 0;
  for (const auto& c : compact) used += c ? count : 0;
  if (scratch.size() < used) scratch.resize(used);
  ColumnView v{};
  std::size_t at = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c < compact.size() && compact[c]) {
      compact[c]->to_field(begin, count, scratch.data() + at);
      v.data[c] = scratch.data() + at;
      v.first[c] = begin;
      at += count;
    } else {
      v.data[c] = columns[c].data();
      v.first[c] = 0;
    }
  }
  return v;
}

}  // namespace

SplitWeightColumn::SplitWeightColumn(PrefixSuffix split, unsigned num_vars, const Fr& scale)
    : split_(std::move(split)), size_(std::size_t{1} << num_vars) {
  RILL_CHECK(!split_.prefix.empty() && split_.prefix.size() == split_.suffix.size(),
             "one prefix per suffix");
  RILL_CHECK_EQ(split_.prefix[0].size() * split_.suffix[0].size(), size_,
                "the split covers the variables");
  if (scale != Fr::one())
    for (auto& p : split_.prefix)
      for (Fr& e : p) e *= scale;
}

void SplitWeightColumn::to_field(std::uint64_t begin, std::size_t count, Fr* out) const {
  const unsigned m = log2_exact(split_.prefix[0].size());
  const u64 mask = (u64{1} << m) - 1;
  const std::size_t terms = split_.prefix.size();
  for (std::size_t i = 0; i < count; ++i) {
    const u64 x = begin + i, lo = x & mask, hi = x >> m;
    Fr w = split_.prefix[0][lo] * split_.suffix[0][hi];
    for (std::size_t k = 1; k < terms; ++k) w += split_.prefix[k][lo] * split_.suffix[k][hi];
    out[i] = w;
  }
}

std::unique_ptr<CompactColumn> SplitWeightColumn::bound(const Fr& r) const {
  if (split_.prefix[0].size() < 2) return nullptr;
  auto out = std::unique_ptr<SplitWeightColumn>(new SplitWeightColumn(*this));
  for (auto& p : out->split_.prefix) {
    tracked_vector<Fr> b(p.size() / 2);
    bind_low_into(p, r, b);
    p = std::move(b);
  }
  --out->split_.low_vars;
  out->size_ = size_ / 2;
  return out;
}

LinearProductRounds::LinearProductRounds(ProductShape shape,
                                         std::vector<tracked_vector<Fr>> factors,
                                         LinearWeight weight)
    : LinearProductRounds(std::move(shape), std::move(factors), [&] {
        std::vector<LinearWeight> w;
        w.push_back(std::move(weight));
        return w;
      }()) {}

namespace {
std::vector<FactorColumn> field_columns(std::vector<tracked_vector<Fr>> factors) {
  std::vector<FactorColumn> out(factors.size());
  for (std::size_t f = 0; f < factors.size(); ++f) out[f].field = std::move(factors[f]);
  return out;
}
}  // namespace

LinearProductRounds::LinearProductRounds(ProductShape shape,
                                         std::vector<tracked_vector<Fr>> factors,
                                         std::vector<LinearWeight> weights)
    : LinearProductRounds(std::move(shape), field_columns(std::move(factors)), std::move(weights)) {
}

LinearProductRounds::LinearProductRounds(ProductShape shape, std::vector<FactorColumn> factors,
                                         std::vector<LinearWeight> weights)
    : shape_(std::move(shape)) {
  RILL_CHECK_EQ(factors.size(), static_cast<std::size_t>(shape_.num_factors()),
                "one array per factor");
  RILL_CHECK_EQ(weights.size(), static_cast<std::size_t>(shape_.num_groups()),
                "one weight per group");
  bool any_compact = false;
  for (auto& f : factors) {
    any_compact = any_compact || f.compact != nullptr;
    columns_.push_back(std::move(f.field));
    compact_.push_back(std::move(f.compact));
  }
  if (!any_compact) compact_.clear();
  size_ = compact_.empty() || !compact_[0] ? columns_[0].size() : compact_[0]->size();
  RILL_CHECK(is_pow2(size_), "factor arrays must have 2^n entries");
  num_vars_ = log2_exact(size_);
  for (unsigned g = 0; g < weights.size(); ++g) {
    LinearWeight& w = weights[g];
    RILL_CHECK((w.split_eq ? 1 : 0) + (w.table.empty() ? 0 : 1) + (w.compact ? 1 : 0) <= 1,
               "a weight is dense, compact or split eq");
    if (w.split_eq) {
      RILL_CHECK_EQ(w.eq_point.size(), static_cast<std::size_t>(num_vars_),
                    "eq point has the wrong length");
      if (weights.size() == 1) {
        split_eq_ = true;
        eq_ = SplitEq(w.eq_point, w.eq_scale);
      } else {
        // One of several weights: a column, kept in its split form at n/2.
        w.compact = std::make_unique<SplitWeightColumn>(Weight::eq(w.eq_point).split(num_vars_ / 2),
                                                        num_vars_, w.eq_scale);
        w.split_eq = false;
      }
    }
    const bool weighted = !w.table.empty() || w.split_eq || w.compact;
    degree_ = std::max(degree_, shape_.group_degree(g) + (weighted ? 1 : 0));
    if (!w.table.empty() || w.compact) {
      weight_column_.push_back(static_cast<int>(columns_.size()));
      columns_.push_back(std::move(w.table));
      if (w.compact) {
        compact_.resize(columns_.size());
        compact_.back() = std::move(w.compact);
      }
    } else {
      weight_column_.push_back(-1);
    }
  }
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const bool compact = c < compact_.size() && compact_[c];
    RILL_CHECK_EQ(compact ? compact_[c]->size() : columns_[c].size(), size_,
                  "arrays differ in size");
  }
  // A compact column gets its field buffers when a bind materializes it.
  for (std::size_t c = 0; c < columns_.size(); ++c)
    spare_.emplace_back(c < compact_.size() && compact_[c] ? 0 : size_ / 2);
}

std::vector<Fr> LinearProductRounds::sums(bool with_one) const {
  const auto columns = static_cast<unsigned>(columns_.size());
  std::array<const Fr*, kMaxColumns> in{};
  for (unsigned c = 0; c < columns; ++c) in[c] = columns_[c].data();
  SweepSpec spec{columns, swept_degree(), with_one, size_ / 2};
  if (split_eq_) {
    spec.eq_lo = eq_.lo().data();
    spec.eq_hi = eq_.hi().data();
    spec.lo_bits = eq_.lo_bits();
  }
  return with_summand(shape_, weight_column_, [&](const auto& summand) {
    if (compact_.empty()) {
      const auto load = [&](u64 i, Fr* value, Fr* step) {
        for (unsigned c = 0; c < columns; ++c) {
          value[c] = in[c][2 * i];
          step[c] = in[c][2 * i + 1] - value[c];
        }
      };
      return sweep(summand, spec, [&](u64, u64) { return load; });
    }
    return sweep(summand, spec, [&](u64 b, u64 e) {
      const ColumnView v = view_columns(columns_, compact_, 2 * b, 2 * (e - b));
      return [v, columns](u64 i, Fr* value, Fr* step) {
        for (unsigned c = 0; c < columns; ++c) {
          const Fr* a = v.data[c] + (2 * i - v.first[c]);
          value[c] = a[0];
          step[c] = a[1] - a[0];
        }
      };
    });
  });
}

std::vector<Fr> LinearProductRounds::bind_and_sum(const Fr& r, bool want_sums) {
  const auto columns = static_cast<unsigned>(columns_.size());
  std::array<const Fr*, kMaxColumns> in{};
  std::array<Fr*, kMaxColumns> out{};
  // A compact column that stays compact is not written (out = null): its bound form gives the
  // next round's values.
  std::vector<std::unique_ptr<CompactColumn>> still_compact(compact_.size());
  bool any_compact = false;
  for (unsigned c = 0; c < columns; ++c) {
    if (c < compact_.size() && compact_[c]) {
      still_compact[c] = compact_[c]->bound(r);
      if (still_compact[c]) {
        any_compact = true;
        continue;
      }
    }
    // A column that was compact has no second buffer yet: allocate it at its first reuse.
    if (spare_[c].size() < size_ / 2) spare_[c] = tracked_vector<Fr>(size_ / 2);
    in[c] = columns_[c].data();
    out[c] = spare_[c].data();
  }
  std::vector<Fr> next;
  if (!want_sums) {
    parallel_for(0, size_ / 2, kGrain, [&](u64 b, u64 e) {
      if (!compact_.empty()) {
        for (u64 sb = b; sb < e; sb += kGrain) {
          const u64 se = std::min(e, sb + kGrain);
          const ColumnView v = view_columns(columns_, compact_, 2 * sb, 2 * (se - sb));
          for (unsigned c = 0; c < columns; ++c)
            for (u64 i = sb; i < se && out[c] != nullptr; ++i) {
              const Fr* a = v.data[c] + (2 * i - v.first[c]);
              out[c][i] = a[0] + r * (a[1] - a[0]);
            }
        }
        return;
      }
      for (unsigned c = 0; c < columns; ++c)
        for (u64 i = b; i < e; ++i)
          out[c][i] = in[c][2 * i] + r * (in[c][2 * i + 1] - in[c][2 * i]);
    });
  } else {
    // Pair i of the next round is built from entries 4i..4i+3 of this one.
    SweepSpec spec{columns, swept_degree(), false, size_ / 4};
    if (split_eq_) {
      spec.eq_lo = eq_.lo().data();
      spec.eq_hi = eq_.hi().data();
      spec.lo_bits = eq_.lo_bits();
    }
    next = with_summand(shape_, weight_column_, [&](const auto& summand) {
      auto bind_pair = [&out, &r, columns](const Fr* const* data, const u64* first, u64 i,
                                           Fr* value, Fr* step) {
        for (unsigned c = 0; c < columns; ++c) {
          const Fr* a = data[c] + (4 * i - first[c]);
          const Fr lo = a[0] + r * (a[1] - a[0]);
          const Fr hi = a[2] + r * (a[3] - a[2]);
          if (out[c] != nullptr) {
            out[c][2 * i] = lo;
            out[c][2 * i + 1] = hi;
          }
          value[c] = lo;
          step[c] = hi - lo;
        }
      };
      if (compact_.empty()) {
        const std::array<u64, kMaxColumns> zero{};
        const auto load = [&](u64 i, Fr* value, Fr* step) {
          bind_pair(in.data(), zero.data(), i, value, step);
        };
        return sweep(summand, spec, [&](u64, u64) { return load; });
      }
      return sweep(summand, spec, [&](u64 b, u64 e) {
        const ColumnView v = view_columns(columns_, compact_, 4 * b, 4 * (e - b));
        return [v, &bind_pair](u64 i, Fr* value, Fr* step) {
          bind_pair(v.data.data(), v.first.data(), i, value, step);
        };
      });
    });
  }
  std::swap(columns_, spare_);
  compact_.clear();
  if (any_compact) compact_ = std::move(still_compact);
  size_ /= 2;
  --num_vars_;
  return next;
}

UniPoly LinearProductRounds::round_poly(const Fr& claim) {
  RILL_CHECK(num_vars_ > 0, "no round left");
  if (!split_eq_) {
    std::vector<Fr> evals = next_sums_ ? std::move(*next_sums_) : sums(false);
    next_sums_.reset();
    evals[1] = claim - evals[0];
    return UniPoly::from_evals(evals);
  }
  const Fr u = eq_.current();
  const Fr& scale = eq_.scale();
  // h(0) + h(1) = C·((1 − u)·q(0) + u·q(1)) = claim gives q(1), unless C·u = 0.
  const Fr denominator = scale * u;
  std::vector<Fr> q;
  if (denominator.is_zero()) {
    q = sums(true);
  } else {
    q = next_sums_ ? std::move(*next_sums_) : sums(false);
    q[1] = (claim - scale * (Fr::one() - u) * q[0]) * denominator.inverse();
  }
  next_sums_.reset();
  return times_eq_factor(UniPoly::from_evals(q), scale, u);
}

UniPoly times_eq_factor(const UniPoly& q, const Fr& scale, const Fr& u) {
  const Fr l0 = scale * (Fr::one() - u);
  const Fr l1 = scale * (u + u - Fr::one());
  std::vector<Fr> h(q.coeffs().size() + 1, Fr::zero());
  for (std::size_t k = 0; k < q.coeffs().size(); ++k) {
    h[k] += l0 * q.coeffs()[k];
    h[k + 1] += l1 * q.coeffs()[k];
  }
  return UniPoly(std::move(h));
}

void LinearProductRounds::bind(const Fr& r) {
  RILL_CHECK(num_vars_ > 0, "no variable left to bind");
  next_sums_.reset();
  if (split_eq_) eq_.bind(r);
  const bool more_rounds = num_vars_ > 1;
  std::vector<Fr> next = bind_and_sum(r, more_rounds);
  if (more_rounds) next_sums_ = std::move(next);
}

std::vector<Fr> LinearProductRounds::factor_evals() const {
  RILL_CHECK(num_vars_ == 0, "factor evaluations are known after the last round");
  std::vector<Fr> out;
  for (unsigned f = 0; f < shape_.num_factors(); ++f) {
    Fr v = Fr::zero();
    if (f < compact_.size() && compact_[f]) {
      compact_[f]->to_field(0, 1, &v);
    } else {
      v = columns_[f][0];
    }
    out.push_back(v);
  }
  return out;
}

Fr LinearProductRounds::weight_eval(unsigned group) const {
  RILL_CHECK(num_vars_ == 0, "the weight evaluation is known after the last round");
  if (split_eq_) return eq_.scale();
  const int c = weight_column_.at(group);
  if (c < 0) return Fr::one();
  const auto column = static_cast<std::size_t>(c);
  Fr v = Fr::zero();
  if (column < compact_.size() && compact_[column]) {
    compact_[column]->to_field(0, 1, &v);
  } else {
    v = columns_[column][0];
  }
  return v;
}

}  // namespace rill
