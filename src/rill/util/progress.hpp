// Progress for long work: "label  37%" redrawn in place on a terminal, nothing when stderr is not
// a terminal (pipes, CI logs, --json runs) or when progress is disabled globally.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace rill {

class Progress {
 public:
  // `total` units of work; advance() adds to the count. Thread-safe.
  Progress(std::string label, std::uint64_t total);
  ~Progress();  // finishes the line if anything was drawn
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::uint64_t units = 1);
  bool enabled() const { return enabled_; }

  // Process-wide switch (the CLI turns progress off for --json); default on.
  static void set_globally_enabled(bool on);

 private:
  void draw(std::uint64_t done);

  std::string label_;
  std::uint64_t total_;
  bool enabled_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex draw_mutex_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
};

}  // namespace rill
