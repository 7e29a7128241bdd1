#include "rill/sumcheck/linear_rounds.hpp"

#include <array>

#include "rill/field/accumulator.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {

constexpr u64 kGrain = 1 << 11;
constexpr unsigned kMaxColumns = ProductShape::kMaxFactors + 1;
constexpr unsigned kMaxDegree = kMaxColumns;
using Accumulators = std::array<FrAccumulator, kMaxDegree + 1>;

// Adds the summand at one point to an accumulator, given the columns' values there.
struct GenericSummand {
  const ProductShape* shape;
  bool weighted;
  void add(const Fr* v, FrAccumulator& acc) const {
    const Fr p = shape->combine(v);
    if (weighted) {
      acc.add_product(p, v[shape->num_factors()]);
    } else {
      acc.add(p);
    }
  }
};

// The plain product P_0·…·P_{F−1} (times W in column F): unrolled, with the last
// multiplication going into the accumulator unreduced.
template <unsigned F, bool Weighted>
struct ProductSummand {
  void add(const Fr* v, FrAccumulator& acc) const {
    constexpr unsigned kColumns = F + (Weighted ? 1 : 0);
    if constexpr (kColumns == 1) {
      acc.add(v[0]);
    } else {
      Fr p = v[0];
      for (unsigned c = 1; c + 1 < kColumns; ++c) p *= v[c];
      acc.add_product(p, v[kColumns - 1]);
    }
  }
};

template <class Fn>
decltype(auto) with_summand(const ProductShape& shape, bool weighted, Fn&& fn) {
  if (shape.is_plain_product()) {
    switch (shape.num_factors() * 2 + (weighted ? 1 : 0)) {
      case 2: return fn(ProductSummand<1, false>{});
      case 3: return fn(ProductSummand<1, true>{});
      case 4: return fn(ProductSummand<2, false>{});
      case 5: return fn(ProductSummand<2, true>{});
      case 6: return fn(ProductSummand<3, false>{});
      case 7: return fn(ProductSummand<3, true>{});
      case 8: return fn(ProductSummand<4, false>{});
      case 9: return fn(ProductSummand<4, true>{});
      default: break;
    }
  }
  return fn(GenericSummand{&shape, weighted});
}

// Σ over pairs i < `pairs` of the summand at X = 0, 2, …, degree; load(i, value, step) gives
// each column's V(2i) and V(2i+1) − V(2i) for pair i (and may write, for disjoint i).
template <class Summand, class Load>
std::vector<Fr> sweep(const Summand& summand, unsigned columns, unsigned degree, u64 pairs,
                      const Load& load) {
  const Accumulators total = parallel_reduce(
      0, pairs, kGrain, Accumulators{},
      [&](u64 b, u64 e) {
        Accumulators acc{};
        std::array<Fr, kMaxColumns> value, step;
        for (u64 i = b; i < e; ++i) {
          load(i, value.data(), step.data());
          summand.add(value.data(), acc[0]);
          for (unsigned c = 0; c < columns; ++c) value[c] += step[c];  // X = 1: skipped
          for (unsigned x = 2; x <= degree; ++x) {
            for (unsigned c = 0; c < columns; ++c) value[c] += step[c];
            summand.add(value.data(), acc[x]);
          }
        }
        return acc;
      },
      [&](Accumulators a, const Accumulators& b) {
        for (unsigned x = 0; x <= degree; ++x) a[x].merge(b[x]);
        return a;
      });
  std::vector<Fr> out(degree + 1, Fr::zero());
  for (unsigned x = 0; x <= degree; ++x)
    if (x != 1) out[x] = total[x].reduce();
  return out;
}

}  // namespace

LinearProductRounds::LinearProductRounds(ProductShape shape,
                                         std::vector<tracked_vector<Fr>> factors,
                                         tracked_vector<Fr> weight)
    : shape_(std::move(shape)), weighted_(!weight.empty()), columns_(std::move(factors)) {
  RILL_CHECK_EQ(columns_.size(), static_cast<std::size_t>(shape_.num_factors()),
                "one array per factor");
  size_ = columns_[0].size();
  RILL_CHECK(is_pow2(size_), "factor arrays must have 2^n entries");
  if (weighted_) columns_.push_back(std::move(weight));
  for (const auto& c : columns_) RILL_CHECK_EQ(c.size(), size_, "arrays differ in size");
  for (std::size_t c = 0; c < columns_.size(); ++c) spare_.emplace_back(size_ / 2);
  num_vars_ = log2_exact(size_);
}

std::vector<Fr> LinearProductRounds::sums() const {
  const auto columns = static_cast<unsigned>(columns_.size());
  std::array<const Fr*, kMaxColumns> in{};
  for (unsigned c = 0; c < columns; ++c) in[c] = columns_[c].data();
  return with_summand(shape_, weighted_, [&](const auto& summand) {
    return sweep(summand, columns, degree(), size_ / 2, [&](u64 i, Fr* value, Fr* step) {
      for (unsigned c = 0; c < columns; ++c) {
        value[c] = in[c][2 * i];
        step[c] = in[c][2 * i + 1] - value[c];
      }
    });
  });
}

std::vector<Fr> LinearProductRounds::bind_and_sum(const Fr& r, bool want_sums) {
  const auto columns = static_cast<unsigned>(columns_.size());
  std::array<const Fr*, kMaxColumns> in{};
  std::array<Fr*, kMaxColumns> out{};
  for (unsigned c = 0; c < columns; ++c) {
    in[c] = columns_[c].data();
    out[c] = spare_[c].data();
  }
  std::vector<Fr> next;
  if (!want_sums) {
    parallel_for(0, size_ / 2, kGrain, [&](u64 b, u64 e) {
      for (unsigned c = 0; c < columns; ++c)
        for (u64 i = b; i < e; ++i) out[c][i] = in[c][2 * i] + r * (in[c][2 * i + 1] - in[c][2 * i]);
    });
  } else {
    // Pair i of the next round is built from entries 4i..4i+3 of this one.
    next = with_summand(shape_, weighted_, [&](const auto& summand) {
      return sweep(summand, columns, degree(), size_ / 4, [&](u64 i, Fr* value, Fr* step) {
        for (unsigned c = 0; c < columns; ++c) {
          const Fr* a = in[c] + 4 * i;
          const Fr lo = a[0] + r * (a[1] - a[0]);
          const Fr hi = a[2] + r * (a[3] - a[2]);
          out[c][2 * i] = lo;
          out[c][2 * i + 1] = hi;
          value[c] = lo;
          step[c] = hi - lo;
        }
      });
    });
  }
  std::swap(columns_, spare_);
  size_ /= 2;
  --num_vars_;
  return next;
}

UniPoly LinearProductRounds::round_poly(const Fr& claim) {
  RILL_CHECK(num_vars_ > 0, "no round left");
  std::vector<Fr> evals = next_sums_ ? std::move(*next_sums_) : sums();
  next_sums_.reset();
  evals[1] = claim - evals[0];
  return UniPoly::from_evals(evals);
}

void LinearProductRounds::bind(const Fr& r) {
  RILL_CHECK(num_vars_ > 0, "no variable left to bind");
  next_sums_.reset();
  const bool more_rounds = num_vars_ > 1;
  std::vector<Fr> next = bind_and_sum(r, more_rounds);
  if (more_rounds) next_sums_ = std::move(next);
}

std::vector<Fr> LinearProductRounds::factor_evals() const {
  RILL_CHECK(num_vars_ == 0, "factor evaluations are known after the last round");
  std::vector<Fr> out;
  for (unsigned f = 0; f < shape_.num_factors(); ++f) out.push_back(columns_[f][0]);
  return out;
}

Fr LinearProductRounds::weight_eval() const {
  RILL_CHECK(num_vars_ == 0, "the weight evaluation is known after the last round");
  return weighted_ ? columns_.back()[0] : Fr::one();
}

}  // namespace rill
