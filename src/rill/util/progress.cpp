#include "rill/util/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace rill {
namespace {
std::atomic<bool> g_enabled{true};
std::atomic<ProgressBar*> g_bar{nullptr};
}  // namespace

void Progress::set_globally_enabled(bool on) { g_enabled.store(on); }

Progress::Progress(std::string label, std::uint64_t total)
    : label_(std::move(label)),
      total_(total),
      enabled_(g_enabled.load() && isatty(STDERR_FILENO)) {}

Progress::~Progress() {
  if (!enabled_ || ProgressBar::current() != nullptr) return;  // the bar finishes the line
  std::lock_guard lock(draw_mutex_);
  if (drawn_) std::fprintf(stderr, "\r%s 100%%\n", label_.c_str());
}

void Progress::advance(std::uint64_t units) {
  const std::uint64_t done = done_.fetch_add(units, std::memory_order_relaxed) + units;
  if (enabled_) draw(done);
}

void Progress::draw(std::uint64_t done) {
  if (ProgressBar* bar = ProgressBar::current(); bar != nullptr) {
    bar->draw_step(total_ == 0 ? 1.0 : std::min(1.0, static_cast<double>(done) / total_));
    return;
  }
  std::unique_lock lock(draw_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // another thread is drawing; skipping a frame is fine
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const unsigned percent =
      total_ == 0 ? 100u : static_cast<unsigned>(std::min<std::uint64_t>(100, done * 100 / total_));
  std::fprintf(stderr, "\r%s %3u%%", label_.c_str(), percent);
  std::fflush(stderr);
}

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(g_enabled.load() && isatty(STDERR_FILENO)) {
  ProgressBar* expected = nullptr;
  owner_ = g_bar.compare_exchange_strong(expected, this);
  enabled_ = enabled_ && owner_;
}

ProgressBar::~ProgressBar() {
  if (owner_) g_bar.store(nullptr);
  if (enabled_ && drawn_) std::fprintf(stderr, "\r%s 100%%%*s\n", label_.c_str(), 24, "");
}

ProgressBar* ProgressBar::current() { return g_bar.load(); }

void ProgressBar::step(std::string name, double begin, double width) {
  std::lock_guard lock(mutex_);
  step_ = std::move(name);
  begin_ = begin;
  width_ = width;
  draw_locked(begin_, /*force=*/true);
}

void ProgressBar::draw_step(double fraction) {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // another thread is drawing; skipping a frame is fine
  draw_locked(begin_ + width_ * fraction, /*force=*/false);
}

void ProgressBar::draw_locked(double overall, bool force) {
  if (!enabled_) return;
  // Redrawn only when the percentage changes (at most ~100 lines' worth of output in all).
  const unsigned percent = static_cast<unsigned>(std::clamp(overall, 0.0, 1.0) * 100);
  if (drawn_ && !force && percent == last_percent_) return;
  drawn_ = true;
  last_percent_ = percent;
  // Padded so that a shorter step name overwrites a longer one.
  std::fprintf(stderr, "\r%s %3u%% (%s)%*s", label_.c_str(), percent, step_.c_str(), 8, "");
  std::fflush(stderr);
}

}  // namespace rill
