// ReplayTrace equals the eager trace row for row: for checkpoint intervals from 1 to 256, chunk
// sizes {1, 7, 2^k, T}, chunks visited in reverse order and in parallel, spans of several sizes,
// lookaheads and padding included, on guests whose chunk boundaries fall inside virtual
// sequences (muldiv: DIV/REM sequences of 24 rows; sha2_chain: byte loads and stores).
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "rill/riscv/trace_source.hpp"
#include "rill/util/parallel.hpp"
#include "test_support.hpp"

namespace rill::riscv::testing {
namespace {

struct ReplayCase {
  const char* guest;
  u32 size;
};

class ReplayEqualsEager : public ::testing::TestWithParam<ReplayCase> {
 protected:
  void SetUp() override {
    machine_ = std::make_unique<Machine>(
        load_elf(guest_path(std::string(GetParam().guest) + ".elf")), MemoryConfig{});
    const u32 n = GetParam().size;
    input_ = {static_cast<u8>(n), static_cast<u8>(n >> 8), 0, 0};
    eager_ = std::make_unique<MaterializedTrace>(*machine_, input_);
  }

  // Visits [0, T) in chunks of `chunk` rows, last chunk first, chunks in parallel; checks every
  // row and lookahead against the eager trace. Returns the number of mismatches.
  u64 compare(const TraceSource& source, u64 chunk, std::size_t max_span) const {
    const auto expected = eager_->rows();
    const u64 t = source.padded_len();
    const u64 chunks = (t + chunk - 1) / chunk;
    std::atomic<u64> mismatches{0}, visited{0};
    parallel_for(0, chunks, 1, [&](u64 lo, u64 hi) {
      for (u64 c = hi; c-- > lo;) {
        const u64 begin = (chunks - 1 - c) * chunk, end = std::min(t, begin + chunk);
        u64 expect_first = begin;
        auto check = [&](std::span<const Row> rows, const Row& next, u64 first) {
          if (first != expect_first || rows.empty() || rows.size() > max_span) ++mismatches;
          for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!(rows[i] == expected[first + i])) ++mismatches;
          }
          const u64 after = first + rows.size();
          if (!(next == (after < t ? expected[after] : Row{}))) ++mismatches;
          expect_first = after;
          visited += rows.size();
        };
        source.visit(begin, end, max_span, ChunkVisitor<Row>(check));
        if (expect_first != end) ++mismatches;
      }
    });
    EXPECT_EQ(visited.load(), t);
    return mismatches.load();
  }

  std::unique_ptr<Machine> machine_;
  std::vector<u8> input_;
  std::unique_ptr<MaterializedTrace> eager_;
};

TEST_P(ReplayEqualsEager, EveryChunkingAndInterval) {
  const ExecutionSummary& want = eager_->summary();
  ASSERT_GT(want.rows, 1000u);
  for (u64 interval : {u64{1}, u64{16}, u64{256}}) {
    SCOPED_TRACE("checkpoint interval " + std::to_string(interval));
    const ReplayTrace replay(*machine_, input_, ReplayOptions{interval});
    EXPECT_EQ(replay.summary().rows, want.rows);
    EXPECT_EQ(replay.padded_len(), want.padded_len);
    EXPECT_EQ(replay.summary().k_ram, want.k_ram);
    EXPECT_EQ(replay.summary().output, want.output);
    EXPECT_EQ(replay.summary().final_memory, want.final_memory);
    EXPECT_EQ(replay.num_checkpoints(), (want.rows + interval - 1) / interval);
    const u64 t = want.padded_len;
    for (u64 chunk : {u64{1}, u64{7}, u64{64}, u64{1024}, t}) {
      if (chunk == 1 && interval == 256) continue;  // covered by the smaller intervals; slow
      for (std::size_t span : {std::size_t{1}, std::size_t{5}, std::size_t{4096}}) {
        if (span == 1 && chunk > 64) continue;
        ASSERT_EQ(compare(replay, chunk, span), 0u) << "chunk " << chunk << ", span " << span;
      }
    }
  }
}

TEST_P(ReplayEqualsEager, AutomaticIntervalMergesCheckpoints) {
  // Starting at 4 rows per checkpoint, the interval doubles until checkpoints <= interval.
  const ReplayTrace replay(*machine_, input_, ReplayOptions{0, 4});
  const u64 rows = eager_->unpadded_len(), interval = replay.checkpoint_interval();
  EXPECT_GT(interval, 4u);
  EXPECT_EQ(replay.num_checkpoints(), (rows + interval - 1) / interval);
  EXPECT_LE(replay.num_checkpoints(), interval + 2);
  EXPECT_GE(2 * replay.num_checkpoints() + 2, interval / 2);  // not thinned further than needed
  for (u64 chunk : {u64{7}, u64{1024}}) EXPECT_EQ(compare(replay, chunk, 100), 0u);
}

TEST_P(ReplayEqualsEager, MaterializedTraceVisitsItsRows) {
  const u64 t = eager_->padded_len();
  EXPECT_EQ(compare(*eager_, 100, 33), 0u);
  // Padding: every row from the unpadded length on is the NoOp row, and there is at least one.
  const auto rows = eager_->rows();
  ASSERT_EQ(rows.size(), t);
  EXPECT_LT(eager_->unpadded_len(), t);
  for (u64 i = eager_->unpadded_len(); i < t; ++i) ASSERT_TRUE(rows[i] == Row{});
  EXPECT_TRUE(rows[eager_->unpadded_len() - 1].kind == Kind::Jal) << "ends with the self-jump";
}

TEST_P(ReplayEqualsEager, CountsPassesAndReplayedRows) {
  const ReplayTrace replay(*machine_, input_, ReplayOptions{64});
  const u64 t = replay.padded_len(), rows = replay.unpadded_len();
  auto ignore = [](std::span<const Row>, const Row&, u64) {};
  replay.visit(0, t, 1000, ChunkVisitor<Row>(ignore));
  replay.visit(0, t / 2, 1000, ChunkVisitor<Row>(ignore));
  replay.visit(t / 2, t, 1000, ChunkVisitor<Row>(ignore));
  EXPECT_EQ(replay.stats().passes, 2u);
  EXPECT_EQ(replay.stats().records_visited, 2 * t);
  // Aligned visits re-execute each real row once per pass, plus at most one lookahead per visit.
  EXPECT_GE(replay.rows_replayed(), 2 * rows);
  EXPECT_LE(replay.rows_replayed(), 2 * rows + 3);
}

// Segments: with no log budget every segment is replayed in order from its image; with a small
// budget some keep their logs and some do not; few segments force merges. Replay still equals the
// eager trace for every chunking, in any order, in parallel.
TEST_P(ReplayEqualsEager, SegmentsWithAndWithoutLogs) {
  const u64 t = eager_->padded_len();
  for (u64 budget : {u64{0}, u64{3}, u64{400}}) {
    for (u64 segments : {u64{2}, u64{16}}) {
      SCOPED_TRACE("log budget " + std::to_string(budget) + "%, segments " +
                   std::to_string(segments));
      ReplayOptions options;
      options.checkpoint_interval = 16;
      options.max_segments = segments;
      options.log_budget_percent = budget;
      const ReplayTrace replay(*machine_, input_, options);
      EXPECT_LE(replay.num_segments(), segments);
      EXPECT_EQ(replay.num_segments(),
                (eager_->unpadded_len() + replay.segment_rows() - 1) / replay.segment_rows());
      if (budget == 0) {
        EXPECT_EQ(replay.num_segments_with_logs(), 0u);
        EXPECT_EQ(replay.checkpoint_bytes_breakdown().logs, 0u);
      }
      EXPECT_EQ(replay.summary().final_memory, eager_->summary().final_memory);
      for (u64 chunk : {u64{7}, u64{100}, u64{1024}, t}) {
        ASSERT_EQ(compare(replay, chunk, 33), 0u) << "chunk " << chunk;
      }
    }
  }
}

// Checkpoint memory does not grow with the access pattern: memory_ops touches its whole buffer
// in every pass, so first-touch logs alone would grow with T (repeat); with segments, images and
// logs stay below max_segments·(1 + 2·budget)·4·K_ram bytes, the states below 300 B·√rows.
TEST(ReplayCheckpoints, BoundedForAFreshMemoryGuest) {
  const Machine machine(load_elf(guest_path("memory_ops.elf")), MemoryConfig{});
  std::size_t previous_logs_and_images = 0;
  for (u32 repeat : {4u, 16u}) {
    const std::vector<u8> input = {0, 2, 0, 0, static_cast<u8>(repeat), 0, 0, 0};  // n = 512
    const ReplayTrace replay(machine, input);
    const ExecutionSummary& s = replay.summary();
    const CheckpointBytes bytes = replay.checkpoint_bytes_breakdown();
    const double k_ram_bytes = 4.0 * static_cast<double>(s.k_ram);
    EXPECT_LE(static_cast<double>(bytes.images + bytes.logs), 16 * (1 + 2 * 4.0) * k_ram_bytes);
    EXPECT_LE(static_cast<double>(bytes.states),
              2 * 300 * std::sqrt(static_cast<double>(s.rows)) + 300 * 256);
    // Four times the rows: logs and images stay put (same K_ram, same segment count bound).
    if (previous_logs_and_images != 0) {
      EXPECT_LE(bytes.images + bytes.logs, previous_logs_and_images * 3 / 2);
    }
    previous_logs_and_images = bytes.images + bytes.logs;
    EXPECT_EQ(replay.summary().output, execute(machine, input).output);
  }
}

INSTANTIATE_TEST_SUITE_P(Guests, ReplayEqualsEager,
                         ::testing::Values(ReplayCase{"muldiv", 12}, ReplayCase{"sha2_chain", 1},
                                           ReplayCase{"fibonacci", 700},
                                           ReplayCase{"memory_ops", 40}),
                         [](const auto& info) { return std::string(info.param.guest); });

// Issue 13, finding 2: linear mode enforces the cycle limit before it stores the trace. An
// endless loop under a limit of 2^20 rows used to grow the rows array to 2^20 rows (44 MiB)
// before failing; now nothing T-sized is allocated.
TEST(MaterializedTraceLimit, EndlessLoopFailsBeforeTheRowsAreAllocated) {
  const std::vector<u32> text = {0x00000013u, 0x0000006Fu};  // nop; `while (1);`
  const Machine machine(parse_elf(make_elf(text, {})), MemoryConfig{});
  const MemoryScope scope;
  try {
    MaterializedTrace trace(machine, {}, u64{1} << 20);
    ADD_FAILURE() << "an endless loop terminated";
  } catch (const ExecutionError& e) {
    EXPECT_EQ(e.kind(), ExecutionErrorKind::CycleLimit);
    EXPECT_NE(std::string(e.what()).find("cycle limit"), std::string::npos);
  }
  EXPECT_LT(scope.high_water_bytes(), std::size_t{1} << 20);
  try {
    ReplayTrace trace(machine, {}, ReplayOptions{}, u64{1} << 20);
    ADD_FAILURE() << "an endless loop terminated";
  } catch (const ExecutionError& e) {
    EXPECT_EQ(e.kind(), ExecutionErrorKind::CycleLimit);
  }
}

// A terminating guest: the materialized rows are allocated once, at exactly T.
TEST(MaterializedTraceLimit, RowsAreAllocatedAtExactlyT) {
  const Machine machine(parse_elf(make_elf(with_exit({0x00000013u}), {})), MemoryConfig{});
  const MaterializedTrace trace(machine, {}, 100);
  EXPECT_EQ(trace.rows().size(), trace.padded_len());
  EXPECT_EQ(trace.summary().rows, 5u);
  EXPECT_TRUE(trace.summary().terminated);
}

}  // namespace
}  // namespace rill::riscv::testing
