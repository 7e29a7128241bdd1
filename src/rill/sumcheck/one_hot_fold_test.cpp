// The streaming passes fold one-hot factors with product tables and buckets (one_hot_fold.hpp):
// every round polynomial and final evaluation must be the same field elements as the dense
// reference's and the linear schedule's, for every window partition (so bound rounds on both
// sides of every threshold), any segmentation and worker count, with zero entries, shared
// tables, a 256-entry table and a factor that is not one-hot.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <string>

#include "rill/sumcheck/one_hot_fold.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/sumcheck/test_reference.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/parallel.hpp"

namespace rill {
namespace {

using testing::random_vector;

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 31;
  x *= 0x9e3779b97f4a7c15ULL;
  x ^= x >> 29;
  x ^= x >> 32;
  return x;
}

tracked_vector<Fr> random_table(std::mt19937_64& rng, std::size_t size) {
  tracked_vector<Fr> t;
  for (std::size_t k = 0; k < size; ++k) t.push_back(Fr::random(rng));
  return t;
}

// Record x is the index x. Factor f is table_of[f]'s entry at a hashed index, zero for about one
// row in five (never for a factor marked never_zero), or (table_of[f] < 0) a random field value.
struct Problem {
  unsigned n = 0;
  std::vector<tracked_vector<Fr>> tables;
  std::vector<int> table_of;
  std::vector<bool> never_zero;
  std::vector<std::vector<Fr>> dense;  // dense[f][x], for the reference
};

u32 hashed_index(std::uint64_t x, unsigned f, std::size_t size, bool never_zero) {
  const std::uint64_t h = mix(x * 131 + f * 7 + 1);
  if (!never_zero && h % 5 == 0) return kOneHotZero;
  return static_cast<u32>((h >> 8) % size);
}

struct OneHotTestKernel {
  using Record = std::uint64_t;
  const Problem* p;
  std::atomic<std::uint64_t>* factor_calls;  // records whose field values were read
  unsigned log_block() const { return 0; }
  void factors(const Record& x, const Record&, std::uint64_t j, Fr* out) const {
    RILL_CHECK_EQ(x, j, "source delivered wrong records");
    factor_calls->fetch_add(1, std::memory_order_relaxed);
    for (std::size_t f = 0; f < p->table_of.size(); ++f) out[f] = p->dense[f][x];
  }
  const tracked_vector<Fr>* one_hot_table(unsigned f) const {
    return f < p->table_of.size() && p->table_of[f] >= 0 ? &p->tables[p->table_of[f]] : nullptr;
  }
  void one_hot_indices(const Record& x, u32* out) const {
    for (unsigned f = 0; f < p->table_of.size(); ++f) {
      const int t = p->table_of[f];
      out[f] = t < 0 ? kOneHotZero : hashed_index(x, f, p->tables[t].size(), p->never_zero[f]);
    }
  }
};
static_assert(OneHotKernel<OneHotTestKernel>);

Problem make_problem(std::mt19937_64& rng, unsigned n, std::vector<std::size_t> table_sizes,
                     std::vector<int> table_of, std::vector<bool> never_zero) {
  Problem p;
  p.n = n;
  for (std::size_t size : table_sizes) p.tables.push_back(random_table(rng, size));
  p.table_of = std::move(table_of);
  p.never_zero = std::move(never_zero);
  const std::uint64_t rows = std::uint64_t{1} << n;
  for (unsigned f = 0; f < p.table_of.size(); ++f) {
    p.dense.emplace_back();
    const int t = p.table_of[f];
    for (std::uint64_t x = 0; x < rows; ++x) {
      if (t < 0) {
        p.dense[f].push_back(Fr::random(rng));
        continue;
      }
      const u32 k = hashed_index(x, f, p.tables[t].size(), p.never_zero[f]);
      p.dense[f].push_back(k == kOneHotZero ? Fr::zero() : p.tables[t][k]);
    }
  }
  return p;
}

// Tables of 16 (shared by factors 0, 1, 2 and, never zero, 6), 256 (factor 3) and 2 entries
// (factor 4) and a field factor 5, in a degree-3 sum of products.
Problem mixed_problem(std::mt19937_64& rng, unsigned n) {
  return make_problem(rng, n, {16, 256, 2}, {0, 0, 0, 1, 2, -1, 0},
                      {false, false, false, false, false, false, true});
}
ProductShape mixed_shape() { return ProductShape(7, {{0, 1, 5}, {2, 3}, {4}, {0, 6, 3}, {6}}); }

// Four factors on one 16-entry table: every pass folds all of them (factors() is never read).
Problem all_one_hot_problem(std::mt19937_64& rng, unsigned n) {
  return make_problem(rng, n, {16, 16}, {0, 0, 1, 0}, {false, true, false, false});
}
ProductShape all_one_hot_shape() { return ProductShape(4, {{0, 1, 2}, {3}, {1, 3}}); }

struct FoldRun {
  std::vector<UniPoly> polys;
  std::vector<Fr> final_evals;
  std::uint64_t factor_calls = 0;
};

FoldRun run_reference(const Problem& p, const ProductShape& shape, const Weight& weight,
                      const std::vector<Fr>& challenges) {
  testing::DenseReference ref(shape, p.dense, weight, p.n);
  FoldRun out;
  for (const Fr& r : challenges) {
    out.polys.push_back(ref.round_poly());
    ref.bind(r);
  }
  out.final_evals = ref.factor_evals();
  return out;
}

FoldRun run_streaming(const Problem& p, const ProductShape& shape, const Weight& weight,
                      const std::vector<Fr>& challenges, const Schedule& schedule,
                      PassOptions options = {}) {
  const std::uint64_t rows = std::uint64_t{1} << p.n;
  const SyntheticSource<std::uint64_t> source(
      rows, rows, 1, [](std::uint64_t x) { return x; }, ~std::uint64_t{0});
  std::atomic<std::uint64_t> calls{0};
  const Fr claim = testing::DenseReference(shape, p.dense, weight, p.n).claim();
  StreamingProductSumcheck<OneHotTestKernel> inst(OneHotTestKernel{&p, &calls}, p.n, shape, weight,
                                                  schedule, claim);
  PassDriver driver(source, options);
  driver.add(inst, 0);
  FoldRun out;
  Fr running = claim;
  for (unsigned round = 0; round < p.n; ++round) {
    driver.before_round(round);
    out.polys.push_back(inst.round_poly(round, running));
    running = out.polys.back().evaluate(challenges[round]);
    inst.bind(round, challenges[round]);
  }
  out.final_evals = inst.factor_evals();
  out.factor_calls = calls.load();
  return out;
}

void expect_same(const FoldRun& want, const FoldRun& got, const std::string& what) {
  ASSERT_EQ(got.polys.size(), want.polys.size()) << what;
  for (std::size_t r = 0; r < want.polys.size(); ++r)
    ASSERT_EQ(got.polys[r], want.polys[r]) << what << " round " << r;
  ASSERT_EQ(got.final_evals, want.final_evals) << what;
}

// All compositions of `total` into parts of at most `max_part`.
void compositions(unsigned total, unsigned max_part, std::vector<unsigned>& prefix,
                  const std::function<void(const std::vector<unsigned>&)>& visit) {
  if (total == 0) {
    visit(prefix);
    return;
  }
  for (unsigned first = 1; first <= std::min(total, max_part); ++first) {
    prefix.push_back(first);
    compositions(total - first, max_part, prefix, visit);
    prefix.pop_back();
  }
}

std::string describe(const std::vector<unsigned>& sizes) {
  std::string out = "windows";
  for (unsigned s : sizes) {
    out += ' ';
    out += std::to_string(s);
  }
  return out;
}

Weight test_weight(std::mt19937_64& rng, unsigned n, int kind) {
  switch (kind) {
    case 0:
      return Weight::eq(random_vector(rng, n));  // split form: no weight column
    case 1:
      return Weight::less_than(random_vector(rng, n));  // one more grid column
    default:
      return Weight::none();
  }
}

// Which factors the fold takes at each bound round: tables of 16 entries by product tables up to
// 2^i·16 = kProductTableEntries and by buckets after; 256 entries by product tables for i <= 2,
// generically, then by buckets from 2^{i−1} >= 256; no table, or a table too big, never.
TEST(OneHotFold, TakesSmallTablesByProductTablesThenBuckets) {
  std::mt19937_64 rng(30);
  const tracked_vector<Fr> t16 = random_table(rng, 16), t256 = random_table(rng, 256),
                           t512 = random_table(rng, 512);
  const std::vector<const tracked_vector<Fr>*> tables{&t16, &t256, nullptr, &t512, &t16};
  for (unsigned i = 0; i <= 12; ++i) {
    const std::vector<Fr> r(std::size_t{1} << i, Fr::one());
    const OneHotFold fold(tables, r, i, 2, i >= 3);
    const bool small = (16u << i) <= OneHotFold::kProductTableEntries || i >= 5;
    const bool large = (256u << i) <= OneHotFold::kProductTableEntries || i >= 9;
    const u32 want = (small ? 0b10001u : 0) | (large ? 0b10u : 0);
    EXPECT_EQ(fold.mask(), want) << "i " << i;
  }
}

TEST(OneHotFold, EveryWindowPartitionMatchesTheReferenceAndTheLinearSchedule) {
  std::mt19937_64 rng(31);
  for (unsigned n = 8; n <= 10; ++n) {
    const Problem p = mixed_problem(rng, n);
    const ProductShape shape = mixed_shape();
    for (int kind = 0; kind < 3; ++kind) {
      const Weight weight = test_weight(rng, n, kind);
      const std::vector<Fr> challenges = random_vector(rng, n);
      const FoldRun want = run_reference(p, shape, weight, challenges);
      expect_same(want, run_streaming(p, shape, weight, challenges, Schedule::linear_only(n)),
                  "linear n " + std::to_string(n));
      // Every switch round 1..n−1 and every window partition before it (windows of at most 4
      // variables keep the grids small); the passes start at every bound round 0..n−1.
      for (unsigned s = 1; s < n; ++s) {
        std::vector<unsigned> prefix;
        compositions(s, 4, prefix, [&](const std::vector<unsigned>& sizes) {
          const Schedule schedule = Schedule::from_windows(n, sizes);
          expect_same(
              want, run_streaming(p, shape, weight, challenges, schedule),
              "n " + std::to_string(n) + " weight " + std::to_string(kind) + " " + describe(sizes));
        });
      }
    }
  }
}

// Segments and worker ranges that cut head blocks (and bucket runs) at odd places: partial
// blocks are closed with their sums and merged.
TEST(OneHotFold, OddSegmentationsAndWorkerCounts) {
  std::mt19937_64 rng(32);
  const unsigned n = 10;
  const Problem p = mixed_problem(rng, n);
  const ProductShape shape = mixed_shape();
  const Weight weight = test_weight(rng, n, 0);
  const std::vector<Fr> challenges = random_vector(rng, n);
  const FoldRun want = run_reference(p, shape, weight, challenges);
  const std::vector<std::vector<unsigned>> partitions{{1, 2, 5, 1}, {3, 6}, {9}, {1, 1, 1, 2, 3}};
  for (std::size_t threads : {1u, 3u, 7u}) {
    set_thread_count(threads);
    for (const auto& sizes : partitions) {
      const Schedule schedule = Schedule::from_windows(n, sizes);
      for (std::uint64_t segment : {1u, 3u, 24u, 1000u}) {
        for (std::size_t span : {1u, 5u, 77u}) {
          expect_same(
              want,
              run_streaming(p, shape, weight, challenges, schedule, PassOptions{segment, span}),
              "threads " + std::to_string(threads) + " " + describe(sizes) + " segment " +
                  std::to_string(segment) + " span " + std::to_string(span));
        }
      }
    }
  }
  set_thread_count(0);
}

// With every factor folded, the streaming passes never read the kernel's field values; the
// linear schedule's round-0 pass keeps indices and reads them too (the values are still right).
TEST(OneHotFold, AllOneHotFactorsNeverReadFieldValues) {
  std::mt19937_64 rng(33);
  const unsigned n = 10;
  const Problem p = all_one_hot_problem(rng, n);
  const ProductShape shape = all_one_hot_shape();
  const Weight weight = test_weight(rng, n, 0);
  const std::vector<Fr> challenges = random_vector(rng, n);
  const FoldRun want = run_reference(p, shape, weight, challenges);
  for (const auto& sizes :
       std::vector<std::vector<unsigned>>{{1, 1, 1, 1, 1, 1, 1, 1, 1}, {2, 3, 4}, {8}}) {
    const FoldRun got =
        run_streaming(p, shape, weight, challenges, Schedule::from_windows(n, sizes));
    expect_same(want, got, describe(sizes));
    EXPECT_EQ(got.factor_calls, 0u) << describe(sizes);
  }
}

}  // namespace
}  // namespace rill
