#include "rill/util/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace rill {
namespace {
std::atomic<bool> g_enabled{true};
}  // namespace

void Progress::set_globally_enabled(bool on) { g_enabled.store(on); }

Progress::Progress(std::string label, std::uint64_t total)
    : label_(std::move(label)),
      total_(total),
      enabled_(g_enabled.load() && isatty(STDERR_FILENO)) {}

Progress::~Progress() {
  if (!enabled_) return;
  std::lock_guard lock(draw_mutex_);
  if (drawn_) std::fprintf(stderr, "\r%s 100%%\n", label_.c_str());
}

void Progress::advance(std::uint64_t units) {
  const std::uint64_t done = done_.fetch_add(units, std::memory_order_relaxed) + units;
  if (enabled_) draw(done);
}

void Progress::draw(std::uint64_t done) {
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

}  // namespace rill
