// Progress for long work: "label  37%" redrawn in place on a terminal, nothing when stderr is not
// a terminal (pipes, CI logs, --json runs) or when progress is disabled globally.
//
// A job of several steps shows ONE bar: while a ProgressBar is alive, each step covers a share
// [begin, begin + width) of it (for the prover: the stages, weighted by their measured share of
// time) and every Progress drawn during the step moves the bar within that share:
//   "proving  43% (stage 5)".
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace rill {

class ProgressBar;

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

// One bar for a multi-step job (see above). At most one is current in the process; a second one
// constructed while the first is alive stays silent.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // finishes the line at 100% if anything was drawn
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Enters step `name`, covering fractions [begin, begin + width) of the bar, and draws it.
  void step(std::string name, double begin, double width);
  bool enabled() const { return enabled_; }

  // The current bar, or null (Progress reports into it).
  static ProgressBar* current();
  // Draws the current step at `fraction` (0..1) of its share.
  void draw_step(double fraction);

 private:
  void draw_locked(double overall, bool force);

  std::string label_;
  bool enabled_;
  bool owner_ = false;  // this bar is the process's current one
  std::mutex mutex_;
  std::string step_;
  double begin_ = 0, width_ = 0;
  unsigned last_percent_ = 0;
  bool drawn_ = false;
};

}  // namespace rill
