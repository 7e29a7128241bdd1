// The generic streaming product sumcheck  Σ_x Σ_g W_g(x)·B_g(x),  B_g = Σ_{t∈g} c_t·Π_f P_f(x)
// (product_shape.hpp), with the factors read from a ChunkSource through a kernel
// (product_pass.hpp) and rounds run on a Schedule:
//   * rounds [0, switch): window by window, one pass per window (product_pass.hpp), answered from
//     the window grid (window_grid.hpp);
//   * round switch: one pass materializes the factors bound to r_{<switch} (2^{n−switch}
//     entries each); each W_g(r_{<switch}, ·) comes from its prefix × suffix split (a single eq
//     weight stays in split form, poly/split_eq.hpp); the remaining rounds run in memory
//     (LinearProductRounds).
// A single eq weight (one group) never enters the window grids: each head block is scaled by
// eq(u_head, h) and a window round sends C·eq(u_i, X)·Σ_{z''} eq(u_later, z'')·t(X, z''), C the eq
// factor of the bound rounds. Every other non-constant W_g is one more multilinear column of the
// grids; a constant group (W_g = 1) has none.
// Every round polynomial is the same field polynomial whatever the schedule (it is determined
// by the witness and the challenges), so streaming and linear proofs are byte-identical. The
// linear schedule is the switch at round 0.
//
// Memory: the bound-eq table R (2^i <= 2^switch), the weights' prefix (2^switch) and suffix
// (2^{n−switch}) tables, one grid per segment and, after the switch, F (+1 per non-eq weight)
// arrays of 2^{n−switch} with their half-size bind buffers: O(√N) for the half split.
#pragma once

#include <algorithm>
#include <bit>
#include <memory>
#include <optional>
#include <vector>

#include "rill/poly/dense.hpp"
#include "rill/poly/eq.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/sumcheck/product.hpp"
#include "rill/sumcheck/product_pass.hpp"
#include "rill/sumcheck/schedule.hpp"
#include "rill/sumcheck/weight.hpp"
#include "rill/sumcheck/window_grid.hpp"
#include "rill/util/check.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// A one-hot table size that StreamingProductSumcheck::pass_cost cannot tell from `entries` (it
// reads a table's size only to see whether it has at most OneHotFold::kEveryRoundTable entries):
// a stand-in kernel that prices a phase before its tables exist (they need challenges not drawn
// yet) allocates this many entries, not the real K.
inline std::size_t priced_table_entries(std::size_t entries) {
  return std::min(entries, OneHotFold::kEveryRoundTable + 1);
}

template <ProductKernel Kernel>
class StreamingProductSumcheck final : public StreamingInstance<typename Kernel::Record> {
  using Record = typename Kernel::Record;
  using Small = typename KernelTraits<Kernel>::Small;

 public:
  // num_vars: n; the source must have 2^{n − kernel.log_block()} records. One weight per group of
  // the shape.
  StreamingProductSumcheck(Kernel kernel, unsigned num_vars, ProductShape shape,
                           std::vector<Weight> weights, Schedule schedule, const Fr& claim)
      : kernel_(std::move(kernel)),
        num_vars_(num_vars),
        shape_(std::move(shape)),
        weights_(std::move(weights)),
        schedule_(schedule.is_automatic()
                      ? Schedule::planned(num_vars, pass_cost(kernel_, shape_, weights_),
                                          schedule.max_window(), {}, schedule.planned_switch())
                      : schedule),
        automatic_max_window_(schedule.is_automatic() ? schedule.max_window() : 0),
        claim_(claim),
        degree_(product_degree(shape_, weights_)),
        eq_split_(is_single_eq(weights_)),
        grid_degree_(grid_degree(shape_, weights_)) {
    RILL_CHECK_EQ(schedule_.num_rounds(), num_vars_, "schedule is for another round count");
    RILL_CHECK(num_vars_ >= 1, "a sumcheck needs at least one round");
    RILL_CHECK(kernel_.log_block() <= num_vars_, "kernel block wider than the polynomial");
    check_weights(shape_, weights_, num_vars_);
    bound_eq_.assign(1, Fr::one());
    // The linear schedule builds its weights at the switch (linear_weight): no 2^n suffixes.
    for (unsigned g = 0; g < weights_.size() && schedule_.switch_round() > 0; ++g)
      if (!weights_[g].is_none())
        splits_.push_back({g, weights_[g].split(schedule_.switch_round())});
  }
  // The one-group instance Σ_x W(x)·B(x).
  StreamingProductSumcheck(Kernel kernel, unsigned num_vars, ProductShape shape, Weight weight,
                           Schedule schedule, const Fr& claim)
      : StreamingProductSumcheck(std::move(kernel), num_vars, std::move(shape),
                                 one_weight(std::move(weight)), std::move(schedule), claim) {}

  // Degree per variable of a window grid: a single eq weight stays outside the grid (split
  // form), any other weight is one more multilinear column: max_g (deg B_g + [W_g a column]).
  // Pass it to Schedule::half_split.
  static unsigned grid_degree(const ProductShape& shape, std::span<const Weight> weights) {
    if (is_single_eq(weights)) return shape.degree();
    return product_degree(shape, weights);
  }
  static unsigned grid_degree(const ProductShape& shape, const Weight& weight) {
    return grid_degree(shape, std::span<const Weight>(&weight, 1));
  }

  // The PassCost of this instance's passes (Schedule::planned), in field multiplications: a
  // bound fold scales every factor (a small integer a little cheaper; a one-hot factor with a
  // table of at most OneHotFold::kEveryRoundTable entries is folded by additions at every round,
  // one_hot_fold.hpp), the first fold only adds; a grid point costs the combine's
  // multiplications, one per extra weight group or weight column, one for the split eq's head
  // scale, and the factors' extensions (additions).
  static PassCost pass_cost(const Kernel& kernel, const ProductShape& shape,
                            std::span<const Weight> weights) {
    constexpr double kAdd = 0.1, kOneHotAdd = 0.2, kSmallScale = 0.7, kPerRecord = 1.0;
    const unsigned factors = shape.num_factors();
    u32 cheap = 0;
    for (unsigned f = 0; f < factors; ++f) {
      if constexpr (OneHotKernel<Kernel>) {
        const tracked_vector<Fr>* t = kernel.one_hot_table(f);
        if (t != nullptr && !t->empty() && t->size() <= OneHotFold::kEveryRoundTable)
          cheap |= u32{1} << f;
      }
    }
    const FactorReader<Kernel> kinds(kernel, factors, cheap);
    const double field = static_cast<double>(kinds.field_factors().size());
    const double small = static_cast<double>(kinds.small_factors().size());
    const double one_hot = static_cast<double>(std::popcount(cheap));
    unsigned columns = 0;
    for (const Weight& w : weights) columns += w.is_none() || is_single_eq(weights) ? 0 : 1;
    PassCost cost;
    cost.grid_degree = grid_degree(shape, weights);
    cost.fold_first = kPerRecord + kAdd * factors;
    cost.fold_bound = kPerRecord + field + kSmallScale * small + kOneHotAdd * one_hot;
    cost.per_point = shape.multiplications() + (shape.num_groups() > 1 ? shape.num_groups() : 0) +
                     columns + (is_single_eq(weights) ? 1 : 0) + kAdd * (factors + columns);
    return cost;
  }

  unsigned num_rounds() const override { return num_vars_; }
  unsigned degree() const override { return degree_; }
  Fr input_claim() const override { return claim_; }
  const Schedule& schedule() const { return schedule_; }
  const ProductShape& shape() const { return shape_; }

  bool needs_pass(unsigned round) const override { return schedule_.needs_pass(round); }

  // Given an automatic schedule, the instance planned its own windows; until its first pass its
  // batch may plan them instead (BatchPlan::planned), with the same switch.
  std::optional<typename StreamingInstance<Record>::PlanRequest> plan_request() const override {
    if (automatic_max_window_ == 0 || started_) return std::nullopt;
    return typename StreamingInstance<Record>::PlanRequest{0, num_vars_, schedule_.switch_round(),
                                                           pass_cost(kernel_, shape_, weights_),
                                                           automatic_max_window_};
  }
  void adopt_schedule(Schedule schedule) override {
    RILL_CHECK(automatic_max_window_ != 0 && !started_,
               "only an automatic schedule is planned by the batch, before its first pass");
    RILL_CHECK_EQ(schedule.num_rounds(), num_vars_, "schedule is for another round count");
    RILL_CHECK_EQ(schedule.switch_round(), schedule_.switch_round(),
                  "a batch plan keeps the instance's switch (its weight splits are built for it)");
    schedule_ = std::move(schedule);
  }

  std::unique_ptr<PassConsumer<Record>> begin_pass(unsigned round) override {
    RILL_CHECK(needs_pass(round), "this round needs no pass");
    RILL_CHECK_EQ(round, static_cast<unsigned>(challenges_.size()), "pass out of order");
    started_ = true;
    auto consumer = std::make_unique<Consumer>(*this);
    ProductPassContext& ctx = consumer->ctx;
    ctx.shape = &shape_;
    ctx.bound_vars = round;
    ctx.degree = grid_degree_;
    ctx.bound_eq = bound_eq_;
    ctx.weight_split = schedule_.switch_round();
    if (round < schedule_.switch_round()) {
      ctx.window_vars = schedule_.window_of(round).size;
      // h(1) from the claim needs C·u ≠ 0 with a split eq (round_poly); otherwise t(1) is summed.
      ctx.skip_point_one =
          ctx.window_vars == 1 && (!eq_split_ || !(eq_scale_ * u(round)).is_zero());
      if (eq_split_) {
        // eq over the head bits below the split: u_j = w[n−1−j] for j in [i+ω, s), big-endian.
        const unsigned first = round + ctx.window_vars;
        const std::vector<Fr>& w = weights_[0].point();
        consumer->eq_head_lo = eq_table(std::span<const Fr>(w).subspan(
            num_vars_ - schedule_.switch_round(), schedule_.switch_round() - first));
        ctx.eq_head_lo = consumer->eq_head_lo;
        ctx.eq_head_hi = splits_[0].split.suffix[0];
      } else {
        for (const auto& gs : splits_) {
          GroupWeightSpans spans{gs.group, {}, {}};
          for (const auto& p : gs.split.prefix) spans.prefix.emplace_back(p);
          for (const auto& q : gs.split.suffix) spans.suffix.emplace_back(q);
          ctx.weights.push_back(std::move(spans));
        }
      }
    } else {
      ctx.window_vars = 0;
      const std::size_t size = std::size_t{1} << (num_vars_ - round);
      // At round 0 (the linear schedule) small factors stay small: their values go to compact
      // arrays and become field elements when r_0 is bound (LinearProductRounds).
      const FactorReader<Kernel> kinds(kernel_, shape_.num_factors());
      consumer->columns.resize(shape_.num_factors());
      consumer->small.resize(shape_.num_factors());
      ctx.compact_out.clear();
      // One-hot factors stay indices (OneHotIndexColumn) through the first binds.
      if constexpr (OneHotKernel<Kernel>) {
        if (round == 0) {
          RILL_CHECK_EQ(kernel_.log_block(), 0u, "one-hot indices are per record");
          ctx.one_hot_out.resize(shape_.num_factors());
          consumer->narrow.resize(shape_.num_factors());
          consumer->wide.resize(shape_.num_factors());
          consumer->full.resize(shape_.num_factors());
        }
      }
      for (unsigned f = 0; f < shape_.num_factors(); ++f) {
        if (const tracked_vector<Fr>* table = one_hot_table(f); round == 0 && table != nullptr) {
          OneHotIndexOut& o = ctx.one_hot_out[f];
          o.zero = static_cast<u32>(table->size());
          // Distinct indices: the table's, and |T| for zero unless the factor is never zero.
          const std::size_t indices = table->size() + (one_hot_never_zero(kernel_, f) ? 0 : 1);
          if (indices <= 0x100) {
            consumer->narrow[f] = tracked_vector<u8>(size);
            o.narrow = consumer->narrow[f].data();
          } else if (indices <= 0x10000) {
            consumer->wide[f] = tracked_vector<u16>(size);
            o.wide = consumer->wide[f].data();
          } else {
            RILL_CHECK(indices <= 0x100000000, "one-hot table too large for u32 indices");
            consumer->full[f] = tracked_vector<u32>(size);
            o.full = consumer->full[f].data();
          }
          ctx.compact_out.push_back(nullptr);
          ctx.materialized.emplace_back();
          continue;
        }
        ctx.compact_out.push_back(nullptr);
        if (round == 0 && !kinds.is_field(f)) {
          consumer->small[f] = tracked_vector<Small>(size);
          ctx.compact_out.back() = consumer->small[f].data();
          ctx.materialized.emplace_back();
        } else {
          consumer->columns[f].field = tracked_vector<Fr>(size, Fr::zero());
          ctx.materialized.emplace_back(consumer->columns[f].field);
        }
      }
    }
    return consumer;
  }

  UniPoly round_poly(unsigned round, const Fr& claim) override {
    RILL_CHECK_EQ(round, static_cast<unsigned>(challenges_.size()), "rounds out of order");
    if (round < schedule_.switch_round()) {
      if (grid_skipped_one_) return single_round_poly(claim);
      if (!eq_split_) return grid_.round_poly();
      // h(X) = C·eq(u_round, X)·q(X), q(X) = Σ_{z''} eq(u_later, z'')·t(X, z'').
      const Window& window = schedule_.window_of(round);
      std::vector<Fr> later;
      for (unsigned j = round + 1; j < window.start + window.size; ++j) later.push_back(u(j));
      const UniPoly q = grid_.round_poly(later);
      return times_eq_factor(q, eq_scale_, u(round));
    }
    RILL_CHECK(linear_.has_value(), "the materializing pass has not run");
    return linear_->round_poly(claim);
  }

  void bind(unsigned round, const Fr& r) override {
    RILL_CHECK_EQ(round, static_cast<unsigned>(challenges_.size()), "rounds out of order");
    challenges_.push_back(r);
    if (round >= schedule_.switch_round()) {
      linear_->bind(r);
      return;
    }
    grid_.bind_first(r);
    if (eq_split_) eq_scale_ *= (Fr::one() - u(round)) * (Fr::one() - r) + u(round) * r;
    // R_{i+1}[b + 2^i·t] = R_i[b]·(t ? r : 1 − r)
    const std::size_t size = bound_eq_.size();
    bound_eq_.resize(2 * size);
    for (std::size_t b = 0; b < size; ++b) {
      bound_eq_[b + size] = bound_eq_[b] * r;
      bound_eq_[b] -= bound_eq_[b + size];
    }
    for (auto& gs : splits_) {
      for (auto& p : gs.split.prefix) {
        tracked_vector<Fr> bound(p.size() / 2);
        bind_low_into(p, r, bound);
        p = std::move(bound);
      }
    }
  }

  // After the last round: P_f at the opening point, for every factor.
  std::vector<Fr> factor_evals() const { return linear_->factor_evals(); }

 private:
  struct Consumer final : PassConsumer<Record> {
    explicit Consumer(StreamingProductSumcheck& owner) : owner(owner) {}
    std::unique_ptr<SegmentAccumulator<Record>> new_segment() override {
      return std::make_unique<ProductSegment<Kernel>>(owner.kernel_, ctx);
    }
    void finish(std::unique_ptr<SegmentAccumulator<Record>> total) override {
      auto& seg = static_cast<ProductSegment<Kernel>&>(*total);
      if (ctx.window_vars > 0) {
        tracked_vector<Fr> g = seg.take_grid();
        owner.grid_ = WindowGrid(std::vector<Fr>(g.begin(), g.end()), ctx.window_vars, ctx.degree);
        owner.grid_skipped_one_ = ctx.skip_point_one;
      } else {
        seg.check_complete();
        for (std::size_t f = 0; f < columns.size(); ++f) {
          if (ctx.compact_out[f] != nullptr)
            columns[f].compact =
                std::make_unique<SmallIntColumn<Small>>(std::move(small[f]), kSmallMaxLevel);
          if (f < ctx.one_hot_out.size() && ctx.one_hot_out[f].narrow != nullptr)
            columns[f].compact = std::make_unique<OneHotIndexColumn<u8>>(
                std::move(narrow[f]), *owner.one_hot_table(f), kOneHotMaxLevel,
                one_hot_never_zero(owner.kernel_, static_cast<unsigned>(f)));
          if (f < ctx.one_hot_out.size() && ctx.one_hot_out[f].wide != nullptr)
            columns[f].compact = std::make_unique<OneHotIndexColumn<u16>>(
                std::move(wide[f]), *owner.one_hot_table(f), kOneHotMaxLevel,
                one_hot_never_zero(owner.kernel_, static_cast<unsigned>(f)));
          if (f < ctx.one_hot_out.size() && ctx.one_hot_out[f].full != nullptr)
            columns[f].compact = std::make_unique<OneHotIndexColumn<u32>>(
                std::move(full[f]), *owner.one_hot_table(f), kOneHotMaxLevel,
                one_hot_never_zero(owner.kernel_, static_cast<unsigned>(f)));
        }
        owner.switch_to_linear(std::move(columns));
      }
    }
    StreamingProductSumcheck& owner;
    ProductPassContext ctx;
    std::vector<FactorColumn> columns;
    std::vector<tracked_vector<Small>> small;
    std::vector<tracked_vector<u8>> narrow;  // one-hot indices
    std::vector<tracked_vector<u16>> wide;
    std::vector<tracked_vector<u32>> full;
    tracked_vector<Fr> eq_head_lo;
  };

  // Rounds a one-hot factor stays in index form (2^level lookups per entry at level `level`).
  static constexpr unsigned kOneHotMaxLevel = 4;
  // Rounds a small-integer factor stays integers (2^level products per entry at level `level`).
  static constexpr unsigned kSmallMaxLevel = 3;

  const tracked_vector<Fr>* one_hot_table(unsigned f) const {
    if constexpr (OneHotKernel<Kernel>) {
      return kernel_.one_hot_table(f);
    } else {
      return nullptr;
    }
  }

  // A window of one round whose pass skipped t(1) (ProductPassContext::skip_point_one): t(1) from
  // the claim, written back so that binding interpolates the true t. Without a split eq
  // h(X) = t(X) and t(1) = claim − t(0); with one, h(X) = C·eq(u, X)·t(X) and
  // C·((1 − u)·t(0) + u·t(1)) = claim, C·u ≠ 0 (begin_pass checked it).
  UniPoly single_round_poly(const Fr& claim) {
    grid_skipped_one_ = false;
    const Fr t0 = grid_.single_round_values()[0];
    if (!eq_split_) {
      grid_.set_single_round_value(1, claim - t0);
      return UniPoly::from_evals(grid_.single_round_values());
    }
    const unsigned round = static_cast<unsigned>(challenges_.size());
    const Fr u_r = u(round);
    const Fr t1 = (claim - eq_scale_ * (Fr::one() - u_r) * t0) * (eq_scale_ * u_r).inverse();
    grid_.set_single_round_value(1, t1);
    return times_eq_factor(UniPoly::from_evals(grid_.single_round_values()), eq_scale_, u_r);
  }

  // The eq coordinate paired with variable j: u_j = w[n−1−j].
  const Fr& u(unsigned j) const { return weights_[0].point()[num_vars_ - 1 - j]; }

  static bool is_single_eq(std::span<const Weight> weights) {
    return weights.size() == 1 && weights[0].kind() == WeightKind::kEq;
  }

  // W_g(r_{<s}, ·) for every group from its bound split (product.hpp: bound_weight).
  void switch_to_linear(std::vector<FactorColumn> arrays) {
    std::vector<LinearWeight> weights(weights_.size());
    if (schedule_.switch_round() == 0) {
      for (unsigned g = 0; g < weights_.size(); ++g)
        weights[g] = linear_weight(weights_[g], num_vars_);
    }
    for (const auto& gs : splits_) weights[gs.group] = bound_weight(weights_[gs.group], gs.split);
    splits_.clear();
    bound_eq_ = tracked_vector<Fr>();
    linear_.emplace(shape_, std::move(arrays), std::move(weights));
  }

  struct GroupSplit {
    unsigned group;
    PrefixSuffix split;  // split at the switch; prefixes bound along the rounds
  };

  Kernel kernel_;
  unsigned num_vars_;
  ProductShape shape_;
  std::vector<Weight> weights_;
  Schedule schedule_;
  unsigned automatic_max_window_;  // the automatic schedule's max_window; 0: a fixed schedule
  bool started_ = false;           // a pass has begun: the schedule is final
  Fr claim_;
  unsigned degree_;
  bool eq_split_;            // a single eq weight kept outside the grids (split form)
  unsigned grid_degree_;     // D of the window grids
  Fr eq_scale_ = Fr::one();  // split eq: Π over bound rounds of eq(u_j, r_j)
  std::vector<Fr> challenges_;
  tracked_vector<Fr> bound_eq_;     // R = eq(r_{<i}, ·)
  std::vector<GroupSplit> splits_;  // the non-constant weights
  WindowGrid grid_;
  bool grid_skipped_one_ = false;  // grid_ is a one-round window without t(1) yet
  std::optional<LinearProductRounds> linear_;
};

}  // namespace rill
