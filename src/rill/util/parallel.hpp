// Parallel loops over oneTBB with one process-wide thread-count setting (`--threads N`).
//
// All parallel work in Rill goes through these helpers so that the thread count is honoured
// everywhere. Results never depend on the thread count: field arithmetic is exact, and reductions
// merge per-range partial results whose union is the whole range.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <cstddef>
#include <cstdint>

namespace rill {

// Limits every later parallel region to `threads` worker threads (0 = all hardware threads).
// Call from the main thread before parallel work starts (the CLI does it once for --threads).
void set_thread_count(std::size_t threads);

// The number of threads parallel regions may use now.
std::size_t thread_count();

// Calls body(lo, hi) on disjoint subranges covering [begin, end), each at least `grain` long
// (except possibly the last), possibly in parallel.
template <class Body>
void parallel_for(std::uint64_t begin, std::uint64_t end, std::uint64_t grain, Body&& body) {
  if (begin >= end) return;
  if (grain == 0) grain = 1;
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(begin, end, grain),
                    [&](const tbb::blocked_range<std::uint64_t>& r) { body(r.begin(), r.end()); });
}

// Reduces [begin, end): each subrange gives body(lo, hi) -> T, partial results are combined with
// join(T, T) -> T starting from `identity`. `join` must be associative; it need not be commutative
// (TBB joins neighbouring ranges in order).
template <class T, class Body, class Join>
T parallel_reduce(std::uint64_t begin, std::uint64_t end, std::uint64_t grain, T identity,
                  Body&& body, Join&& join) {
  if (begin >= end) return identity;
  if (grain == 0) grain = 1;
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::uint64_t>(begin, end, grain), identity,
      [&](const tbb::blocked_range<std::uint64_t>& r, T acc) {
        return join(std::move(acc), body(r.begin(), r.end()));
      },
      [&](T a, T b) { return join(std::move(a), std::move(b)); });
}

}  // namespace rill
