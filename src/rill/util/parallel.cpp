#include "rill/util/parallel.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <memory>
#include <mutex>

namespace rill {
namespace {

std::mutex g_control_mutex;
std::unique_ptr<tbb::global_control> g_control;  // guarded by g_control_mutex

}  // namespace

void set_thread_count(std::size_t threads) {
  std::lock_guard lock(g_control_mutex);
  g_control.reset();
  if (threads != 0) {
    g_control = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                      threads);
  }
}

std::size_t thread_count() {
  return tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
}

}  // namespace rill
