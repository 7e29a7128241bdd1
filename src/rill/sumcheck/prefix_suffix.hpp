// The two-pass prefix–suffix sumcheck (reference streaming.md §2.7(2), eprint 2025/611 App. A)
// for  Σ_x W(x)·B(x)  where B = Σ_terms P_f is linear in the streamed factors and W has a
// low-rank split W(x) = Σ_k prefix_k(x_lo)·suffix_k(x_hi) at m = ⌊n/2⌋ (weight.hpp).
//   Pass 1 (round 0): Q_k(x_lo) = Σ_{x_hi} suffix_k(x_hi)·B(x_lo, x_hi), 2^m entries each. Rounds
//     0..m−1 are then the in-memory sumcheck of Σ_k prefix_k·Q_k (a sum of products of two
//     multilinears in the m low variables, which equals the original summand summed over x_hi).
//   Pass 2 (round m): the factors bound to r_{<m} (2^{n−m} entries each, as the materializing
//     pass of the windowed schedule) and W(r_{<m}, ·) = Σ_k prefix_k(r_{<m})·suffix_k; the last
//     n − m rounds run in memory.
// Two passes and O(√N) memory, with no window grids: better than windows whenever B is linear.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "rill/poly/eq.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/sumcheck/linear_rounds.hpp"
#include "rill/sumcheck/product_pass.hpp"
#include "rill/sumcheck/weight.hpp"
#include "rill/util/check.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// Pass 1: per segment, Q_k[x mod 2^m] += suffix_k[x >> m]·B(x).
template <ProductKernel Kernel>
class SuffixSegment final : public SegmentAccumulator<typename Kernel::Record> {
  using Record = typename Kernel::Record;

 public:
  SuffixSegment(const Kernel& kernel, const ProductShape& shape, const PrefixSuffix& split)
      : kernel_(kernel),
        shape_(shape),
        split_(split),
        q_(split.suffix.size(), tracked_vector<Fr>(std::size_t{1} << split.low_vars)),
        reader_(kernel, shape.num_factors()) {}

  void fold(std::span<const Record> rows, const Record& next, std::uint64_t first) override {
    const unsigned m = kernel_.log_block();
    const std::size_t per = std::size_t{1} << m;
    const u64 low_mask = (u64{1} << split_.low_vars) - 1;
    Fr point[ProductShape::kMaxFactors];
    for (std::size_t j = 0; j < rows.size(); ++j) {
      reader_.load(rows[j], j + 1 < rows.size() ? rows[j + 1] : next, first + j);
      for (std::size_t t = 0; t < per; ++t) {
        const u64 x = ((first + j) << m) + t;
        reader_.visit(
            t, [&](unsigned f, const auto& v) { point[f] = factor_to_field(v); },
            [&](unsigned f, const Fr& v) { point[f] = v; });
        const Fr b = shape_.combine(point);
        for (std::size_t k = 0; k < q_.size(); ++k)
          q_[k][x & low_mask] += split_.suffix[k][x >> split_.low_vars] * b;
      }
    }
  }

  void merge(SegmentAccumulator<Record>& later_base) override {
    auto& later = static_cast<SuffixSegment&>(later_base);
    for (std::size_t k = 0; k < q_.size(); ++k)
      for (std::size_t i = 0; i < q_[k].size(); ++i) q_[k][i] += later.q_[k][i];
  }

  std::vector<tracked_vector<Fr>> take() { return std::move(q_); }

 private:
  const Kernel& kernel_;
  const ProductShape& shape_;
  const PrefixSuffix& split_;
  std::vector<tracked_vector<Fr>> q_;
  FactorReader<Kernel> reader_;
};

template <ProductKernel Kernel>
class PrefixSuffixSumcheck final : public StreamingInstance<typename Kernel::Record> {
  using Record = typename Kernel::Record;

 public:
  PrefixSuffixSumcheck(Kernel kernel, unsigned num_vars, ProductShape shape, Weight weight,
                       const Fr& claim)
      : kernel_(std::move(kernel)),
        num_vars_(num_vars),
        shape_(std::move(shape)),
        weight_(std::move(weight)),
        claim_(claim),
        split_point_(num_vars / 2) {
    RILL_CHECK(shape_.degree() == 1, "prefix-suffix needs a summand linear in its factors");
    RILL_CHECK(shape_.num_groups() == 1, "prefix-suffix takes one weight");
    RILL_CHECK(!weight_.is_none(), "prefix-suffix needs a structured weight");
    RILL_CHECK_EQ(weight_.num_vars(), num_vars_, "weight has the wrong number of variables");
    RILL_CHECK(kernel_.log_block() <= num_vars_, "kernel block wider than the polynomial");
    split_ = weight_.split(split_point_);
  }

  unsigned num_rounds() const override { return num_vars_; }
  unsigned degree() const override { return 2; }
  Fr input_claim() const override { return claim_; }
  // The switch round m: rounds before it run on the Q tables, rounds from it on bound factors.
  unsigned split_point() const { return split_point_; }

  bool needs_pass(unsigned round) const override {
    return (round == 0 && split_point_ > 0) || round == split_point_;
  }

  std::unique_ptr<PassConsumer<Record>> begin_pass(unsigned round) override {
    RILL_CHECK(needs_pass(round), "this round needs no pass");
    RILL_CHECK_EQ(round, static_cast<unsigned>(challenges_.size()), "pass out of order");
    if (round < split_point_) return std::make_unique<SuffixConsumer>(*this);
    auto consumer = std::make_unique<MaterializeConsumer>(*this);
    // R = eq(r_{<m}, ·) with bit t of the index paired with r_t.
    consumer->bound_eq = eq_table(std::vector<Fr>(challenges_.rbegin(), challenges_.rend()));
    ProductPassContext& ctx = consumer->ctx;
    ctx.shape = &shape_;
    ctx.bound_vars = round;
    ctx.window_vars = 0;
    ctx.degree = 1;
    ctx.bound_eq = consumer->bound_eq;
    const std::size_t size = std::size_t{1} << (num_vars_ - round);
    for (unsigned f = 0; f < shape_.num_factors(); ++f) consumer->arrays.emplace_back(size);
    for (auto& a : consumer->arrays) ctx.materialized.emplace_back(a);
    return consumer;
  }

  UniPoly round_poly(unsigned round, const Fr& claim) override {
    RILL_CHECK_EQ(round, static_cast<unsigned>(challenges_.size()), "rounds out of order");
    RILL_CHECK(linear_.has_value(), "the pass for this round has not run");
    return linear_->round_poly(claim);
  }

  void bind(unsigned round, const Fr& r) override {
    RILL_CHECK_EQ(round, static_cast<unsigned>(challenges_.size()), "rounds out of order");
    challenges_.push_back(r);
    linear_->bind(r);
    if (round + 1 == split_point_) {
      // prefix_k(r_{<m}): the bound prefix columns (even factors of the first phase).
      const std::vector<Fr> evals = linear_->factor_evals();
      for (std::size_t k = 0; k < split_.prefix.size(); ++k) bound_prefix_.push_back(evals[2 * k]);
      linear_.reset();
    }
  }

  std::vector<Fr> factor_evals() const { return linear_->factor_evals(); }

 private:
  struct SuffixConsumer final : PassConsumer<Record> {
    explicit SuffixConsumer(PrefixSuffixSumcheck& owner) : owner(owner) {}
    std::unique_ptr<SegmentAccumulator<Record>> new_segment() override {
      return std::make_unique<SuffixSegment<Kernel>>(owner.kernel_, owner.shape_, owner.split_);
    }
    void finish(std::unique_ptr<SegmentAccumulator<Record>> total) override {
      owner.start_prefix_phase(static_cast<SuffixSegment<Kernel>&>(*total).take());
    }
    PrefixSuffixSumcheck& owner;
  };

  struct MaterializeConsumer final : PassConsumer<Record> {
    explicit MaterializeConsumer(PrefixSuffixSumcheck& owner) : owner(owner) {}
    std::unique_ptr<SegmentAccumulator<Record>> new_segment() override {
      return std::make_unique<ProductSegment<Kernel>>(owner.kernel_, ctx);
    }
    void finish(std::unique_ptr<SegmentAccumulator<Record>> total) override {
      static_cast<ProductSegment<Kernel>&>(*total).check_complete();
      owner.start_suffix_phase(std::move(arrays));
    }
    PrefixSuffixSumcheck& owner;
    ProductPassContext ctx;
    tracked_vector<Fr> bound_eq;
    std::vector<tracked_vector<Fr>> arrays;
  };

  // Rounds 0..m−1: Σ_k prefix_k·Q_k as columns (prefix_0, Q_0, prefix_1, Q_1, …).
  void start_prefix_phase(std::vector<tracked_vector<Fr>> q) {
    std::vector<tracked_vector<Fr>> columns;
    std::vector<std::vector<unsigned>> terms;
    for (std::size_t k = 0; k < q.size(); ++k) {
      const auto first = static_cast<unsigned>(columns.size());
      columns.push_back(std::move(split_.prefix[k]));
      columns.push_back(std::move(q[k]));
      terms.push_back({first, first + 1});
    }
    const auto count = static_cast<unsigned>(columns.size());
    linear_.emplace(ProductShape(count, std::move(terms)), std::move(columns),
                    LinearWeight::none());
  }

  // Rounds m..n−1: the bound factors against W(r_{<m}, ·).
  void start_suffix_phase(std::vector<tracked_vector<Fr>> arrays) {
    if (split_point_ > 0)
      for (std::size_t k = 0; k < split_.prefix.size(); ++k)
        split_.prefix[k] = tracked_vector<Fr>(1, bound_prefix_[k]);
    LinearWeight weight = bound_weight(weight_, split_);
    split_ = PrefixSuffix{};
    linear_.emplace(shape_, std::move(arrays), std::move(weight));
  }

  Kernel kernel_;
  unsigned num_vars_;
  ProductShape shape_;
  Weight weight_;
  Fr claim_;
  unsigned split_point_;
  PrefixSuffix split_;
  std::vector<Fr> challenges_;
  std::vector<Fr> bound_prefix_;
  std::optional<LinearProductRounds> linear_;
};

}  // namespace rill
