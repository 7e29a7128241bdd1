// Wall-clock timing for stage reports.
#pragma once

#include <chrono>

namespace rill {

// Measures wall-clock time since construction or the last restart().
class Stopwatch {
 public:
  Stopwatch() : start_(Clock::now()) {}
  void restart() { start_ = Clock::now(); }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
};

// Adds the wall-clock time of its lifetime to `*total_seconds` when it ends.
class ScopedTimer {
 public:
  explicit ScopedTimer(double* total_seconds) : total_(total_seconds) {}
  ~ScopedTimer() { *total_ += watch_.seconds(); }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  double* total_;
  Stopwatch watch_;
};

}  // namespace rill
